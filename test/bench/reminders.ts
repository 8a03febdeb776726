// Benchmark: the low-balance reminder to 10,000 subscribers through the local Bot API emulator
// with Telegram's limits on (30 messages/s overall, about 1/s per chat), sent by the operator's
// `run-job` process at the configured 25 messages/s; then the same on another day with the
// process killed at half-way and started again.
// npm run bench -- reminders [recipients]
// Needs the local PostgreSQL (DATABASE_URL, default postgresql://root@127.0.0.1:5432/postgres).
import { BotApiEmulator } from "../emulator/index.ts";
import { admin } from "../support/admin-process.ts";
import { withBenchDatabase } from "./database.ts";

const configuredRate = 25;

export async function benchReminders(recipients = 10_000) {
  const emulator = await BotApiEmulator.start();
  emulator.enforceRateLimits();
  try {
    return await withBenchDatabase(async (db, url) => {
      await db.$executeRaw`INSERT INTO "Tariff" (code, name, kind, "monthlyFee", "updatedAt")
      VALUES ('net', 'Домашний 100', 'INTERNET', 60000, now())`;
      // Each contract has two days of money left: every one is due a reminder.
      await db.$executeRaw`INSERT INTO "Account" (login, "passwordHash", name, address, balance, "internetTariffId", "updatedAt")
      SELECT 'R' || g, 'x', 'Абонент ' || g, 'Каспийск', 4000, (SELECT id FROM "Tariff"), now()
      FROM generate_series(1, ${recipients}) g`;
      const users = Array.from({ length: recipients }, (_, i) =>
        emulator.user({ firstName: `Абонент ${i + 1}`, languageCode: "ru", hasStartedBot: true }),
      );
      await db.telegramUser.createMany({
        data: users.map((user) => ({
          id: BigInt(user.id),
          chatId: BigInt(user.id),
          firstName: user.user.first_name,
          languageCode: "ru",
        })),
      });
      const accounts = await db.account.findMany({ orderBy: { id: "asc" }, select: { id: true } });
      await db.accountLink.createMany({
        data: accounts.map((account, i) => ({
          accountId: account.id,
          telegramUserId: BigInt(users[i]?.id ?? 0),
          method: "PASSWORD" as const,
        })),
      });
      await db.$executeRaw`ANALYZE`;
      const env = {
        DATABASE_URL: url,
        BOT_TOKEN: emulator.token,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        TELEGRAM_GLOBAL_PER_SECOND: String(configuredRate),
        LOG_LEVEL: "error",
      };

      /** What Telegram took from `from` on: messages per chat, 429s, the achieved rate. */
      const measure = (from: number) => {
        const calls = emulator.calls.slice(from).filter((call) => call.method === "sendMessage");
        const delivered = calls.filter((call) => call.response?.ok === true);
        const perChat = new Map<unknown, number>();
        for (const call of delivered)
          perChat.set(call.params.chat_id, (perChat.get(call.params.chat_id) ?? 0) + 1);
        const times = delivered.map((call) => call.time);
        const seconds = times.length > 1 ? (Math.max(...times) - Math.min(...times)) / 1000 : 0;
        return {
          delivered: delivered.length,
          duplicates: [...perChat.values()].filter((count) => count > 1).length,
          tooManyRequests: calls.filter(
            (call) => call.response?.ok === false && call.response.error_code === 429,
          ).length,
          messagesPerSecond: seconds > 0 ? +(delivered.length / seconds).toFixed(2) : 0,
        };
      };

      const started = performance.now();
      const first = emulator.calls.length;
      const run = await admin(["run-job", "low-balance-reminders", "--date", "2026-12-01"], env);
      if (run.code !== 0) throw new Error(`run-job failed: ${run.stderr.join("\n")}`);
      const wholeRun = {
        ...measure(first),
        seconds: +((performance.now() - started) / 1000).toFixed(1),
      };

      const second = emulator.calls.length;
      const half = Math.floor(recipients / 2);
      const killed = await admin(
        ["run-job", "low-balance-reminders", "--date", "2026-12-02"],
        env,
        {
          onErrLine(line, child) {
            if (Number(/: sent (\d+)/.exec(line)?.[1] ?? 0) >= half) child.kill("SIGKILL");
          },
        },
      );
      if (killed.signal !== "SIGKILL") throw new Error("the run was not killed");
      // The dead process's claims age past the claim timeout, as 15 minutes would.
      await db.notification.updateMany({
        where: { status: "SENDING" },
        data: { claimedAt: new Date(Date.now() - 20 * 60_000) },
      });
      const restart = await admin(["run-job", "deliver-notifications"], env);
      if (restart.code !== 0) throw new Error(`restart failed: ${restart.stderr.join("\n")}`);
      const unconfirmed = await db.notification.count({ where: { status: "UNCONFIRMED" } });
      const sent = await db.notification.count({
        where: { status: "SENT", day: new Date("2026-12-02T00:00:00Z") },
      });
      return {
        recipients,
        configuredRate,
        ...Object.fromEntries(
          Object.entries(wholeRun).map(([key, value]) => [`run.${key}`, value]),
        ),
        ...Object.fromEntries(
          Object.entries(measure(second)).map(([key, value]) => [`crash.${key}`, value]),
        ),
        "crash.sentAfterRestart": sent,
        "crash.unconfirmed": unconfirmed,
      };
    });
  } finally {
    await emulator.stop();
  }
}
