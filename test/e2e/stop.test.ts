// Stopping when asked: with the Bot API unreachable (the network down, a self-hosted server
// gone) the bot in polling mode still stops, and what it fetched is handled after the restart.
// And, as a real process given SIGTERM, within 10 s (then it would be killed: the exit would say
// SIGKILL) whatever Telegram does: a handler's send that never gets an answer (polling, webhook),
// auto-retry waiting out a long 429, an announcement in the middle of its sends. What was cut is
// left so the next start finishes it: the update is handled again, the send that may have
// arrived is not repeated.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedDemoData } from "../../prisma/seed.ts";
import { BotApiEmulator, type UserDriver } from "../emulator/index.ts";
import { startHarness } from "../support/bot-harness.ts";
import { type BotProcess, startBotProcess } from "../support/bot-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { freePort } from "../support/free-port.ts";
import { freshRedisUrl } from "../support/redis.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { signedIn, signInThroughBot } from "../support/sign-in.ts";

describe.skipIf(noPostgres)("stopping", () => {
  it("stops in polling mode with the Bot API unreachable", { timeout: 20_000 }, async () => {
    const harness = await startHarness();
    try {
      const user = harness.emulator.user({ firstName: "Последний", languageCode: "ru" });
      await user.send("/start");
      expect((await user.nextBotMessage()).text).toMatch(/^Здравствуйте, Последний!/);
      expect((await user.nextBotMessage()).text).toContain("Главное меню");
      await harness.emulator.stop();
      await harness.app.stop();
      expect(harness.logs.entries().some((entry) => entry.msg === "bot stopped")).toBe(true);
    } finally {
      await harness.database.drop();
    }
  });
});

/** SIGTERM, then SIGKILL if the process is still there 10 s later. */
const stopWithin10s = (bot: BotProcess) => bot.stop(10_000);
const stoppedInTime = { code: 0, signal: null };
const cutLine = "updates cut short by the stop: handled again on the next start";

describe.skipIf(noPostgres || noRedis)("stopping within 10 s, as a process", () => {
  let emulator: BotApiEmulator;
  let database: TestDatabase;
  let redisUrl: string;
  const bots: BotProcess[] = [];

  beforeAll(async () => {
    emulator = await BotApiEmulator.start({ timeoutMs: 30_000 });
  });
  beforeEach(async () => {
    await database?.drop();
    database = await createTestDatabase();
    await seedDemoData(database.prisma);
    redisUrl = await freshRedisUrl();
    emulator.faults.clear();
  });
  afterAll(async () => {
    for (const bot of bots) await bot.stop(15_000);
    await emulator?.stop();
    await database?.drop();
  });

  const baseEnv = () => ({
    BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    SCHEDULER: "off",
    TELEGRAM_CHAT_INTERVAL_MS: "20",
    FLOOD_LIMIT: "1000",
    LOG_LEVEL: "info",
  });
  const start = async (env: Record<string, string> = {}) => {
    const bot = startBotProcess({ ...baseEnv(), ...env });
    bots.push(bot);
    await bot.logged("bot started");
    return bot;
  };
  const inboxRow = (user: UserDriver) =>
    database.prisma.inboundUpdate.findFirstOrThrow({
      where: { chatKey: String(user.id) },
      orderBy: { updateId: "desc" },
    });

  /** The user's /start, its first send held by Telegram: stopped, restarted, handled again. */
  async function stuckStartIsHandledAgain(env: Record<string, string>) {
    const first = await start(env);
    const user = emulator.user({ firstName: "Застрявший", languageCode: "ru" });
    const hold = emulator.faults.hold({ method: "sendMessage", chatId: user.id });
    await user.send("/start");
    await hold.reached;
    // Telegram did it (the greeting is in the chat); the bot never heard back.
    expect((await user.nextBotMessage()).text).toMatch(/^Здравствуйте, Застрявший!/);

    expect(await stopWithin10s(first)).toEqual(stoppedInTime);
    expect(await first.logged(cutLine)).toMatchObject({ level: 40 });
    expect(await first.logged("update cut by the stop")).toMatchObject({ method: "sendMessage" });
    expect(first.output.stdout).not.toContain("update handler failed");
    expect(first.output.stdout).not.toContain("apology not delivered");
    expect(await first.logged("bot stopped")).toBeDefined();
    expect(await inboxRow(user)).toMatchObject({ handledAt: null });

    hold.release();
    const second = await start(env);
    expect((await user.nextBotMessage()).text).toMatch(/^Здравствуйте, Застрявший!/);
    expect((await user.nextBotMessage()).text).toContain("Главное меню");
    await user.waitFor(async () => ((await inboxRow(user)).handledAt ? true : undefined));
    expect(await stopWithin10s(second)).toEqual(stoppedInTime);
    expect(second.output.stdout).not.toContain(cutLine);
  }

  it(
    "polling: a handler whose send never gets an answer is cut, and handled on the next start",
    { timeout: 90_000 },
    () => stuckStartIsHandledAgain({}),
  );

  it("webhook: a handler whose send never gets an answer is cut, and handled on the next start", {
    timeout: 90_000,
  }, async () => {
    const port = await freePort();
    await stuckStartIsHandledAgain({
      BOT_MODE: "webhook",
      WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
      WEBHOOK_SECRET: "kaspnet-webhook-secret-0123456789",
      PORT: String(port),
    });
  });

  it("a conversation's step cut mid-send: after the restart the user is told to start it again", {
    timeout: 90_000,
  }, async () => {
    const first = await start();
    const user = emulator.user({ firstName: "Входящий", languageCode: "ru" });
    await user.send("/login");
    expect((await user.nextBotMessage()).text).toMatch(/Введите логин/);
    const hold = emulator.faults.hold({ method: "sendMessage", chatId: user.id });
    await user.send("10001");
    await hold.reached;
    expect((await user.nextBotMessage()).text).toMatch(/введите пароль/);
    expect(await stopWithin10s(first)).toEqual(stoppedInTime);
    expect(await first.logged(cutLine)).toBeDefined();

    // A conversation whose step threw is over (the conversations plugin ends it), so the step
    // is not half-remembered: the answer it had taken is not mistaken for the next one.
    hold.release();
    const second = await start();
    expect((await user.nextBotMessage()).text).toMatch(/^Этот шаг устарел.*\/login/s);
    const signedInAgain = await signInThroughBot(user, "10001");
    expect(signedInAgain.text).toContain("10001");
    expect(await stopWithin10s(second)).toEqual(stoppedInTime);
  });

  it("a long 429 being waited out is cut; the answer comes after the restart", {
    timeout: 90_000,
  }, async () => {
    const first = await start();
    const user = emulator.user({ firstName: "Терпеливый", languageCode: "ru" });
    emulator.faults.rateLimit({ method: "sendMessage", chatId: user.id, retryAfter: 50 });
    await user.send("/start");
    const limited = await emulator.waitForCall(
      "sendMessage",
      (call) => call.params.chat_id === user.id,
    );
    expect(limited.response).toMatchObject({ ok: false, error_code: 429 });

    expect(await stopWithin10s(first)).toEqual(stoppedInTime);
    expect(await first.logged(cutLine)).toBeDefined();
    expect(await inboxRow(user)).toMatchObject({ handledAt: null });

    const second = await start();
    expect((await user.nextBotMessage()).text).toMatch(/^Здравствуйте, Терпеливый!/);
    expect((await user.nextBotMessage()).text).toContain("Главное меню");
    expect(await stopWithin10s(second)).toEqual(stoppedInTime);
  });

  it("an announcement being sent: the send on the wire is not repeated, the others are done", {
    timeout: 120_000,
  }, async () => {
    const manager = emulator.user({ firstName: "Марьям", username: "maryam_kaspnet" });
    const staff = emulator.group({ title: "Сотрудники", supergroup: true, members: [manager] });
    const env = { STAFF_CHAT_ID: String(staff.id), TELEGRAM_GROUP_PER_MINUTE: "6000" };
    const first = await start(env);
    const stuck = emulator.user({ firstName: "Первый", languageCode: "ru" });
    const other = emulator.user({ firstName: "Второй", languageCode: "ru" });
    await signedIn(stuck, "10001");
    await signedIn(other, "10003");

    const text = "Плановые работы на сети 4 декабря с 2:00 до 4:00.";
    await manager.sendIn(staff, `/announce ${text}`);
    expect((await staff.nextBotMessage()).text).toBe(text);
    const control = await staff.nextBotMessage();
    const hold = emulator.faults.hold({ method: "sendMessage", chatId: stuck.id });
    await manager.press("📣 Всем абонентам (2)", { message: control });
    await hold.reached;
    expect((await other.nextBotMessage()).text).toBe(text);

    expect(await stopWithin10s(first)).toEqual(stoppedInTime);
    expect(await first.logged("bot stopped")).toBeDefined();
    const statuses = await database.prisma.notification.findMany({
      select: { telegramUserId: true, status: true },
      orderBy: { telegramUserId: "asc" },
    });
    // Nothing left SENDING: the one cut on the wire may have arrived (it did), never sent again.
    expect(statuses).toEqual(
      [
        { telegramUserId: BigInt(stuck.id), status: "UNCONFIRMED" },
        { telegramUserId: BigInt(other.id), status: "SENT" },
      ].sort((a, b) => Number(a.telegramUserId - b.telegramUserId)),
    );
    hold.release();
    expect((await stuck.nextBotMessage()).text).toBe(text);
  });
});
