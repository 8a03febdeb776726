// Sending to many subscribers from the operator's command line against the emulator with
// Telegram's limits on: an announcement with its audience and report (in-process), and a reminder
// run killed halfway (a real process, SIGKILL) and run again, after which no one has a message twice.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../prisma/seed.ts";
import { BotApiEmulator, type UserDriver } from "../emulator/index.ts";
import { adminInProcess } from "../support/admin-in-process.ts";
import { admin } from "../support/admin-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { noPostgres } from "../support/require-services.ts";

describe.skipIf(noPostgres)("sending to many from npm run admin", () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let env: Record<string, string>;
  let dir: string;
  const db = () => database.prisma;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoData(database.prisma);
    emulator = await BotApiEmulator.start();
    emulator.enforceRateLimits();
    dir = await mkdtemp(join(tmpdir(), "kaspnet-announce-"));
    env = {
      DATABASE_URL: database.url,
      BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      DELIVERY_CONCURRENCY: "4",
      LOG_LEVEL: "error",
    };
  });
  afterAll(async () => {
    await emulator?.stop();
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Telegram users who started the bot, linked to the contract in the database. */
  async function subscribers(count: number, login: string): Promise<UserDriver[]> {
    const account = await db().account.findUniqueOrThrow({ where: { login } });
    const users = Array.from({ length: count }, (_, i) =>
      emulator.user({ firstName: `${login}-${i}`, languageCode: "ru", hasStartedBot: true }),
    );
    for (const user of users) {
      await db().telegramUser.create({
        data: {
          id: BigInt(user.id),
          chatId: BigInt(user.id),
          firstName: user.user.first_name,
          languageCode: "ru",
          links: { create: { accountId: account.id, method: "PASSWORD" } },
        },
      });
    }
    return users;
  }

  const sentTo = (userId: number, text?: string) =>
    emulator.calls.filter(
      (call) =>
        call.method === "sendMessage" &&
        call.params.chat_id === userId &&
        call.response?.ok === true &&
        (text === undefined || call.params.text === text),
    ).length;

  it("sends a killed reminder run's rest on the rerun, and no one gets a message twice", async () => {
    const users = await subscribers(40, "10003");
    let killedAt = 0;
    const killed = await admin(["run-job", "low-balance-reminders"], env, {
      onErrLine(line, child) {
        const sent = Number(/: sent (\d+)/.exec(line)?.[1] ?? 0);
        if (sent >= 20 && killedAt === 0) {
          killedAt = sent;
          child.kill("SIGKILL");
        }
      },
    });
    expect(killed.signal).toBe("SIGKILL");
    const statuses = async () =>
      Object.fromEntries(
        (await db().notification.groupBy({ by: ["status"], _count: { _all: true } })).map((row) => [
          row.status,
          row._count._all,
        ]),
      );
    const afterCrash = await statuses();
    expect(afterCrash.SENT).toBeGreaterThanOrEqual(20);
    expect(afterCrash.SENT).toBeLessThan(40);

    // The claims the dead process held age past the claim timeout (15 minutes).
    await db().notification.updateMany({
      where: { status: "SENDING" },
      data: { claimedAt: new Date(Date.now() - 20 * 60_000) },
    });
    const rerun = await adminInProcess(["run-job", "deliver-notifications"], env);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toEqual([
      expect.stringMatching(
        /^deliver-notifications \S+ done: sent \d+, failed 0, retried 0, unconfirmed \d, left 0$/,
      ),
    ]);
    const final = await statuses();
    expect((final.SENT ?? 0) + (final.UNCONFIRMED ?? 0)).toBe(40);
    expect(final.UNCONFIRMED ?? 0).toBeLessThanOrEqual(4);

    const rows = await db().notification.findMany({
      select: { telegramUserId: true, status: true },
    });
    const statusOf = new Map(rows.map((row) => [Number(row.telegramUserId), row.status]));
    for (const user of users) {
      const received = sentTo(user.id);
      expect(received).toBeLessThanOrEqual(1);
      if (statusOf.get(user.id) === "SENT") expect(received).toBe(1);
    }
    // Telegram's limits were kept: not one 429.
    expect(
      emulator.calls.filter(
        (call) => call.response?.ok === false && call.response.error_code === 429,
      ),
    ).toEqual([]);
  }, 60_000);

  it("announces to those with news on, or to all, with a report; refuses a repeat unless asked", async () => {
    await db().account.update({ where: { login: "10004" }, data: { newsOptIn: true } });
    const news = await subscribers(12, "10004");
    const others = await subscribers(5, "10001");
    const text = "С 1 января тариф «Гига 500» — 1 100 ₽ в месяц. Подробности: /tariffs";
    const file = join(dir, "news.txt");
    await writeFile(file, `${text}\n`);

    const run = await adminInProcess(["announce", "--text-file", file], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toEqual([
      expect.stringMatching(
        /^announcement #\d+ done: sent 12, failed 0, unconfirmed 0, left 0 of 12$/,
      ),
    ]);
    for (const user of news) expect(sentTo(user.id, text)).toBe(1);
    for (const user of others) expect(sentTo(user.id, text)).toBe(0);

    const again = await adminInProcess(["announce", "--text-file", file, "--news-opt-in"], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toEqual([
      expect.stringMatching(
        /^announcement #\d+ with this text went out on .+; add --again to send it once more$/,
      ),
    ]);

    const all = await adminInProcess(["announce", "--text-file", file, "--all"], env);
    expect(all.code).toBe(0);
    // Everyone linked to a contract that is not closed: these 57, and no one twice.
    expect(all.stdout).toEqual([
      expect.stringMatching(/done: sent 57, failed 0, unconfirmed 0, left 0 of 57$/),
    ]);
    for (const user of news) expect(sentTo(user.id, text)).toBe(2);
    for (const user of others) expect(sentTo(user.id, text)).toBe(1);

    const empty = join(dir, "empty.txt");
    await writeFile(empty, " \n");
    expect(await adminInProcess(["announce", "--text-file", empty], env)).toMatchObject({
      code: 2,
      stderr: [`${empty}: the announcement is empty`],
    });
    expect(
      await adminInProcess(["announce", "--text-file", file, "--all", "--news-opt-in"], env),
    ).toMatchObject({
      code: 2,
      stderr: ["announce: --all or --news-opt-in, not both"],
    });
    expect(
      await adminInProcess(["announce", "--text-file", file], { DATABASE_URL: database.url }),
    ).toMatchObject({ code: 2, stderr: ["announce: BOT_TOKEN is needed to send to Telegram"] });
  }, 60_000);
});
