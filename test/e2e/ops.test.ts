// The operator's endpoints of the running bot (METRICS_PORT, in polling mode here): /healthz,
// /readyz naming what is down, /metrics in Prometheus' format with counters that move: updates by
// kind and feature, handler errors, job runs, card payments credited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPassword } from "../../prisma/seed.ts";
import { adminInProcess } from "../support/admin-in-process.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { signedIn } from "../support/sign-in.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";

describe.skipIf(noPostgres || noRedis)("health and metrics", () => {
  let harness: Harness;
  let postgres: TcpProxy;
  beforeAll(async () => {
    postgres = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
    harness = await startHarness({
      redis: true,
      databaseUrl: (url) => postgres.via(url),
      env: { METRICS_PORT: "0", PAYMENT_PROVIDER_TOKEN: "381764678:TEST:kaspnet" },
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await postgres?.close();
  });

  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${harness.app.opsPort}${path}`);
    return { status: response.status, text: await response.text() };
  };
  const menuOf = (user: ReturnType<Harness["emulator"]["user"]>) =>
    user.waitFor(() =>
      user.messages().findLast((m) => m.text?.includes("Главное меню") && m.reply_markup),
    );
  /** The value of one sample line of /metrics, 0 when absent. */
  const sample = (text: string, line: string) => {
    const found = text.split("\n").find((row) => row.startsWith(`${line} `));
    return found ? Number(found.slice(line.length + 1)) : 0;
  };

  it("answers /healthz and /readyz with every dependency up", async () => {
    expect(await get("/healthz")).toEqual({ status: 200, text: "ok\n" });
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({
      ready: true,
      checks: { postgresql: "up", redis: "up", billing: "up" },
    });
    expect((await get("/nothing")).status).toBe(404);
  });

  it("counts updates and Bot API calls, named as Prometheus wants", async () => {
    const before = await get("/metrics");
    expect(before.status).toBe(200);
    const user = harness.emulator.user({ firstName: "Метрик", languageCode: "ru" });
    await user.send("/start");
    await user.nextBotMessage();
    await user.nextBotMessage();
    const started = 'kaspnet_updates_total{kind="message",feature="start"}';
    await expect
      .poll(async () => sample((await get("/metrics")).text, started))
      .toBe(sample(before.text, started) + 1);
    const after = (await get("/metrics")).text;
    expect(
      sample(after, 'kaspnet_telegram_calls_total{method="sendMessage",result="ok"}'),
    ).toBeGreaterThanOrEqual(
      sample(before.text, 'kaspnet_telegram_calls_total{method="sendMessage",result="ok"}') + 2,
    );
    expect(after).toContain(
      'kaspnet_update_duration_seconds_count{kind="message",feature="start"}',
    );
    expect(after).toMatch(/^kaspnet_updates_queued \d+$/m);
    expect(after).toMatch(/^kaspnet_payments_pending \d+$/m);
    expect(after).toMatch(/^kaspnet_outbox_pending \d+$/m);
    expect(after).toMatch(/^kaspnet_payments_unposted \d+$/m);
    expect(after).toMatch(/^kaspnet_process_resident_memory_bytes \d+/m);
    // Counters end in _total, durations are in seconds: Prometheus' naming.
    const types = after.split("\n").filter((row) => row.startsWith("# TYPE kaspnet_"));
    for (const row of types.filter((type) => type.endsWith(" counter")))
      expect(row.split(" ")[2]).toMatch(/_total$/);
  });

  let subscriber: ReturnType<Harness["emulator"]["user"]>;
  it("counts updates by feature: a command, a menu button, a conversation's answer", async () => {
    subscriber = harness.emulator.user({ firstName: "Баланс", languageCode: "ru" });
    const before = (await get("/metrics")).text;
    await signedIn(subscriber, "10001");
    await subscriber.send("/balance");
    await subscriber.nextBotMessage();
    const press = await subscriber.press("💰 Баланс", { message: await menuOf(subscriber) });
    await subscriber.waitForCallbackAnswer(press);
    await subscriber.nextBotMessage();
    const pressed = 'kaspnet_updates_total{kind="callback_query",feature="balance"}';
    await expect
      .poll(async () => sample((await get("/metrics")).text, pressed))
      .toBe(sample(before, pressed) + 1);
    const after = (await get("/metrics")).text;
    const balance = 'kaspnet_updates_total{kind="message",feature="balance"}';
    expect(sample(after, balance)).toBe(sample(before, balance) + 1);
    // The login and the password typed into the sign-in conversation: never the text itself.
    const answered = 'kaspnet_updates_total{kind="message",feature="login"}';
    expect(sample(after, answered)).toBe(sample(before, answered) + 3);
    expect(after).not.toContain(demoPassword);
    expect(
      sample(after, 'kaspnet_update_duration_seconds_count{kind="message",feature="balance"}'),
    ).toBe(
      sample(before, 'kaspnet_update_duration_seconds_count{kind="message",feature="balance"}') + 1,
    );
  });

  it("counts a handler that failed, by feature", async () => {
    const failed = 'kaspnet_update_errors_total{kind="message",feature="balance"}';
    const before = sample((await get("/metrics")).text, failed);
    await postgres.cut();
    try {
      await subscriber.send("/balance");
      expect((await subscriber.nextBotMessage()).text).not.toContain("Баланс:");
    } finally {
      await postgres.restore();
    }
    // Scraped once PostgreSQL is back: the queue gauges read it.
    await expect
      .poll(async () => sample((await get("/metrics")).text, failed), { timeout: 10_000 })
      .toBe(before + 1);
  });

  it("counts a job's run and its duration", async () => {
    const runs = 'kaspnet_job_runs_total{job="deliver-notifications",result="ok"}';
    const before = sample((await get("/metrics")).text, runs);
    expect(await harness.app.jobs.run("deliver-notifications")).toBe(true);
    const after = (await get("/metrics")).text;
    expect(sample(after, runs)).toBe(before + 1);
    expect(
      sample(after, 'kaspnet_job_duration_seconds_count{job="deliver-notifications"}'),
    ).toBeGreaterThanOrEqual(1);
  });

  it("counts a card payment credited, and the invoice pending before it is paid", async () => {
    const before = (await get("/metrics")).text;
    await subscriber.send("/topup");
    await subscriber.nextBotMessage();
    await subscriber.press(/^500/);
    const invoice = await subscriber.waitFor(() =>
      subscriber.messages().findLast((m) => m.invoice),
    );
    expect(sample((await get("/metrics")).text, "kaspnet_payments_pending")).toBe(
      sample(before, "kaspnet_payments_pending") + 1,
    );
    expect((await subscriber.pay(invoice)).status).toBe("paid");
    await subscriber.waitFor(() =>
      subscriber.messages().find((m) => m.text?.startsWith("✅ Оплата получена")),
    );
    const paid = 'kaspnet_updates_total{kind="message",feature="payment"}';
    await expect
      .poll(async () => sample((await get("/metrics")).text, paid))
      .toBe(sample(before, paid) + 1);
    const after = (await get("/metrics")).text;
    expect(sample(after, "kaspnet_payments_credited_total")).toBe(
      sample(before, "kaspnet_payments_credited_total") + 1,
    );
    expect(sample(after, "kaspnet_payments_pending")).toBe(
      sample(before, "kaspnet_payments_pending"),
    );
    const checkout = 'kaspnet_updates_total{kind="pre_checkout_query",feature="payment"}';
    expect(sample(after, checkout)).toBe(sample(before, checkout) + 1);
  });

  it("says 503 naming PostgreSQL while it is unreachable, and 200 once it is back", async () => {
    await postgres.cut();
    try {
      const down = await get("/readyz");
      expect(down.status).toBe(503);
      const state = JSON.parse(down.text);
      expect(state.ready).toBe(false);
      expect(state.checks.postgresql).toMatch(/^down: /);
      expect(state.checks.redis).toBe("up");
      expect((await get("/healthz")).status).toBe(200);
    } finally {
      await postgres.restore();
    }
    await expect.poll(async () => (await get("/readyz")).status, { timeout: 10_000 }).toBe(200);
  });

  it("prints the same figures from the command line, exit code 1 with a payment stopped", async () => {
    const env = { DATABASE_URL: harness.database.url };
    const calm = await adminInProcess(["status"], env);
    expect(calm.code).toBe(0);
    expect(calm.stdout).toEqual([
      expect.stringMatching(/^outbox {4}\d+ waiting/),
      "payments  0 awaiting payment, 0 not yet in the billing, 0 stopped for staff",
      expect.stringMatching(/^support {3}\d+ open/),
    ]);
    const db = harness.database.prisma;
    const { id } = await db.account.findUniqueOrThrow({ where: { login: "10001" } });
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 60 * 60_000);
    await db.payment.createMany({
      data: [
        {
          accountId: id,
          amount: 500_00,
          invoicePayload: "status-test-sent-an-hour-ago-0123",
          createdAt: hoursAgo(1),
        },
        // Past its lifetime (a day): no longer payable, even before invoice-expiry marks it.
        {
          accountId: id,
          amount: 500_00,
          invoicePayload: "status-test-sent-yesterday-012345",
          createdAt: hoursAgo(25),
        },
        {
          accountId: id,
          amount: 500_00,
          status: "PAID",
          invoicePayload: "status-test-payload-0123456789ab",
          telegramChargeId: "status-test-charge",
          paidAt: new Date(),
          postError: "conflict: another sum",
        },
      ],
    });
    const stopped = await adminInProcess(["status"], env);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout[1]).toBe(
      "payments  1 awaiting payment, 1 not yet in the billing, 1 stopped for staff",
    );
    const text = (await get("/metrics")).text;
    expect(
      ["pending", "unposted", "stopped"].map((gauge) => sample(text, `kaspnet_payments_${gauge}`)),
    ).toEqual([1, 1, 1]);
  });
});
