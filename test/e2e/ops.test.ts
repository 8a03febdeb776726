// The operator's endpoints of the running bot (METRICS_PORT, in polling mode here): /healthz,
// /readyz naming what is down, /metrics in Prometheus' format with counters that move.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminInProcess } from "../support/admin-in-process.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";

describe.skipIf(noPostgres || noRedis)("health and metrics", () => {
  let harness: Harness;
  let postgres: TcpProxy;
  beforeAll(async () => {
    postgres = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
    harness = await startHarness({
      redis: true,
      databaseUrl: (url) => postgres.via(url),
      env: { METRICS_PORT: "0" },
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
    await expect
      .poll(async () =>
        sample((await get("/metrics")).text, 'kaspnet_updates_total{kind="message"}'),
      )
      .toBe(sample(before.text, 'kaspnet_updates_total{kind="message"}') + 1);
    const after = (await get("/metrics")).text;
    expect(
      sample(after, 'kaspnet_telegram_calls_total{method="sendMessage",result="ok"}'),
    ).toBeGreaterThanOrEqual(
      sample(before.text, 'kaspnet_telegram_calls_total{method="sendMessage",result="ok"}') + 2,
    );
    expect(after).toContain('kaspnet_update_duration_seconds_count{kind="message"}');
    expect(after).toMatch(/^kaspnet_outbox_pending \d+$/m);
    expect(after).toMatch(/^kaspnet_payments_unposted \d+$/m);
    expect(after).toMatch(/^kaspnet_process_resident_memory_bytes \d+/m);
    // Counters end in _total, durations are in seconds: Prometheus' naming.
    const types = after.split("\n").filter((row) => row.startsWith("# TYPE kaspnet_"));
    for (const row of types.filter((type) => type.endsWith(" counter")))
      expect(row.split(" ")[2]).toMatch(/_total$/);
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
      "payments  0 not yet in the billing, 0 stopped for staff",
      expect.stringMatching(/^support {3}\d+ open/),
    ]);
    const db = harness.database.prisma;
    const { id } = await db.account.findUniqueOrThrow({ where: { login: "10001" } });
    await db.payment.create({
      data: {
        accountId: id,
        amount: 500_00,
        status: "PAID",
        invoicePayload: "status-test-payload-0123456789ab",
        telegramChargeId: "status-test-charge",
        paidAt: new Date(),
        postError: "conflict: another sum",
      },
    });
    const stopped = await adminInProcess(["status"], env);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout[1]).toBe("payments  1 not yet in the billing, 1 stopped for staff");
    const text = (await get("/metrics")).text;
    expect(sample(text, "kaspnet_payments_stopped")).toBe(1);
  });
});
