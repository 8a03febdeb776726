// What keeps the bot serving: a failing handler, Redis or PostgreSQL down, a restart with Redis,
// a user who blocked it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { type RedisServer, startRedisServer } from "../support/redis-server.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";

const apologies = {
  ru: "Извините, что-то пошло не так. Попробуйте ещё раз чуть позже или позвоните 8 800 700-54-05.",
  en: "Sorry, something went wrong. Please try again a little later or call 8 800 700-54-05.",
};

/** A Russian, an English and a user whose Telegram gives no language. */
function threeUsers(harness: Harness) {
  return {
    zarema: harness.emulator.user({ firstName: "Зарема", languageCode: "ru" }),
    tom: harness.emulator.user({ firstName: "Tom", languageCode: "en" }),
    ilyas: harness.emulator.user({ firstName: "Ильяс" }),
  };
}

/** Each sends /start and gets the apology in their language (Russian without one). */
async function expectApologies({ zarema, tom, ilyas }: ReturnType<typeof threeUsers>) {
  for (const user of [zarema, tom, ilyas]) await user.send("/start");
  expect((await zarema.nextBotMessage()).text).toBe(apologies.ru);
  expect((await tom.nextBotMessage()).text).toBe(apologies.en);
  expect((await ilyas.nextBotMessage()).text).toBe(apologies.ru);
}

describe.skipIf(noPostgres || noRedis)("resilience", () => {
  let harness: Harness | undefined;
  let redisServer: RedisServer | undefined;
  let proxy: TcpProxy | undefined;
  afterEach(async () => {
    await proxy?.restore();
    await harness?.stop();
    harness = undefined;
    await redisServer?.kill();
    redisServer = undefined;
    await proxy?.close();
    proxy = undefined;
  });

  it("apologizes when a handler fails, logs it with the update id, and keeps serving", async () => {
    harness = await startHarness();
    const { prisma } = harness.database;
    const user = harness.emulator.user({ firstName: "Мадина", languageCode: "ru" });
    await prisma.$executeRawUnsafe(`ALTER TABLE "TelegramUser" RENAME TO "TelegramUserAway"`);
    try {
      await user.send("/start");
      const apology = await user.nextBotMessage();
      expect(apology.text).toBe(apologies.ru);
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE "TelegramUserAway" RENAME TO "TelegramUser"`);
    }
    const failure = harness.logs.entries().find((entry) => entry.msg === "update handler failed");
    expect(failure).toMatchObject({ level: 50, chatId: user.id });
    expect(failure?.updateId).toEqual(expect.any(Number));

    await user.send("/start");
    expect((await user.nextBotMessage()).text).toMatch(/^Здравствуйте, Мадина!/);
  });

  it("apologizes in each user's language while Redis is down, says so once, and recovers", async () => {
    redisServer = await startRedisServer();
    harness = await startHarness({ env: { REDIS_URL: redisServer.url } });
    const consoleErrors = vi.spyOn(console, "error");
    const { zarema, tom, ilyas } = threeUsers(harness);
    await redisServer.kill();
    await expectApologies({ zarema, tom, ilyas });
    const logs = () => harness?.logs.entries() ?? [];
    const saying = (msg: string) => logs().filter((entry) => entry.msg === msg);
    expect(saying("redis unavailable")).toHaveLength(1);
    expect(logs().filter((entry) => entry.msg === "update handler failed")).toEqual([]);

    await redisServer.start();
    await zarema.waitFor(() => saying("redis available again").length === 1);
    await zarema.send("/start");
    expect((await zarema.nextBotMessage()).text).toMatch(/^Здравствуйте, Зарема!/);
    expect(saying("redis unavailable")).toHaveLength(1);
    expect(consoleErrors.mock.calls.flat().join(" ")).not.toContain("Unhandled error event");
    consoleErrors.mockRestore();
  });

  it("apologizes in each user's language while PostgreSQL is unreachable, says so once, and recovers", async () => {
    const postgres = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
    proxy = postgres;
    harness = await startHarness({ databaseUrl: (url) => postgres.via(url) });
    const { zarema, tom, ilyas } = threeUsers(harness);
    await zarema.send("/start");
    expect((await zarema.nextBotMessage()).text).toMatch(/^Здравствуйте, Зарема!/);
    expect((await zarema.nextBotMessage()).text).toContain("Главное меню");
    const { prisma } = harness.database;
    await expect.poll(() => prisma.inboundUpdate.count({ where: { handledAt: null } })).toBe(0);

    await postgres.cut();
    await expectApologies({ zarema, tom, ilyas });
    const logs = () => harness?.logs.entries() ?? [];
    const saying = (msg: string) => logs().filter((entry) => entry.msg === msg);
    expect(saying("postgresql unavailable")).toHaveLength(1);
    expect(logs().filter((entry) => Number(entry.level) >= 40)).toEqual(
      saying("postgresql unavailable"),
    );

    await postgres.restore();
    await zarema.waitFor(() => saying("postgresql available again").length === 1);
    await tom.send("/start");
    expect((await tom.nextBotMessage()).text).toMatch(/^Hello, Tom!/);
    expect(saying("postgresql unavailable")).toHaveLength(1);
    expect(saying("postgresql available again")).toHaveLength(1);
  });

  it("keeps a user's session in Redis across a restart of the bot", async () => {
    harness = await startHarness({ redis: true });
    const user = harness.emulator.user({ firstName: "Амир", languageCode: "ru" });
    await user.send("/help");
    await user.nextBotMessage();
    const query = await user.press("🌐 English");
    await user.waitFor(() => user.lastBotMessage()?.text?.startsWith("I am the Kaspnet bot"));

    await harness.restart();
    await user.send("/menu");
    const menu = await user.nextBotMessage();
    expect(menu.text).toContain("Main menu");

    // The stopped bot finished the button's update and confirmed it: the new one did not redo it.
    const answers = harness.emulator.calls.filter(
      (call) => call.method === "answerCallbackQuery" && call.params.callback_query_id === query.id,
    );
    expect(answers).toHaveLength(1);
    expect(harness.logs.entries().filter((entry) => Number(entry.level) >= 50)).toEqual([]);
  });

  it("waits out a 429 on a message sent from inside a conversation", async () => {
    harness = await startHarness();
    const user = harness.emulator.user({ firstName: "Терпеливый", languageCode: "ru" });
    await user.send("/login");
    expect((await user.nextBotMessage()).text).toContain("Введите логин");
    harness.emulator.faults.rateLimit({ method: "sendMessage", chatId: user.id, retryAfter: 1 });
    await user.send("10001");
    expect((await user.nextBotMessage()).text).toContain("Теперь введите пароль");
    const limited = harness.emulator.calls.filter(
      (call) =>
        call.method === "sendMessage" &&
        call.response?.ok === false &&
        call.response.error_code === 429,
    );
    expect(limited).toHaveLength(1);
    expect(harness.logs.entries().filter((entry) => Number(entry.level) >= 50)).toEqual([]);
  });

  it("marks a user who blocked the bot unreachable, and reachable again when they return", async () => {
    harness = await startHarness();
    const { prisma } = harness.database;
    const user = harness.emulator.user({ firstName: "Хадижат", languageCode: "ru" });
    await user.send("/start");
    await user.nextBotMessage();
    const reachable = () =>
      prisma.telegramUser
        .findUniqueOrThrow({ where: { id: BigInt(user.id) } })
        .then((row) => row.reachable);

    harness.emulator.blockBot(user.id);
    await expect.poll(reachable).toBe(false);

    harness.emulator.unblockBot(user.id);
    await expect.poll(reachable).toBe(true);

    harness.emulator.blockBot(user.id);
    await expect.poll(reachable).toBe(false);
    await prisma.telegramUser.update({ where: { id: BigInt(user.id) }, data: { reachable: true } });
    await expect(harness.app.bot.api.sendMessage(user.id, "Напоминание")).rejects.toThrow(
      /bot was blocked by the user/,
    );
    expect(await reachable()).toBe(false);
  });
});
