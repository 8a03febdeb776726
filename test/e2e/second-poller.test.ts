// Polling refuses to share a token: when Telegram ends a long poll with 409 Conflict (another
// getUpdates on the same token, or a webhook set for it) the bot stops, says why and, as a
// process, exits non-zero instead of retrying forever; the other instance carries on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../prisma/seed.ts";
import { BotApiEmulator } from "../emulator/index.ts";
import { callApi } from "../emulator/raw-api.ts";
import { startHarness } from "../support/bot-harness.ts";
import { type BotProcess, type Exit, startBotProcess } from "../support/bot-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { freshRedisUrl } from "../support/redis.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";

const anotherPoller =
  "polling stopped: another instance polls with the same bot token (Telegram answered 409 Conflict); run one poller per token, or webhook mode for several instances";

describe.skipIf(noPostgres || noRedis)("a second poller on the same token", () => {
  let emulator: BotApiEmulator;
  let database: TestDatabase;
  const bots: BotProcess[] = [];

  beforeAll(async () => {
    emulator = await BotApiEmulator.start({ timeoutMs: 30_000 });
    database = await createTestDatabase();
    await seedDemoData(database.prisma);
  });
  afterAll(async () => {
    for (const bot of bots) await bot.stop(15_000);
    await emulator?.stop();
    await database?.drop();
  });

  it("stops one of the two with the reason and exit code 1; the other answers", async () => {
    const env = {
      BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      DATABASE_URL: database.url,
      REDIS_URL: await freshRedisUrl(),
      SCHEDULER: "off",
      TELEGRAM_CHAT_INTERVAL_MS: "20",
      LOG_LEVEL: "info",
    };
    const first = startBotProcess(env);
    bots.push(first);
    await first.logged("bot started");
    const second = startBotProcess(env);
    bots.push(second);

    const ended = (bot: BotProcess) => bot.exit().then((exit): [BotProcess, Exit] => [bot, exit]);
    const [stopped, exit] = await Promise.race([ended(first), ended(second)]);
    expect(exit).toEqual({ code: 1, signal: null });
    expect(await stopped.logged(anotherPoller)).toMatchObject({
      level: 50,
      reason:
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    });
    expect(await stopped.logged("bot stopped")).toBeDefined();

    const survivor = stopped === first ? second : first;
    await survivor.logged("bot started");
    const user = emulator.user({ firstName: "Гасан", languageCode: "ru" });
    await user.send("/start");
    expect((await user.nextBotMessage()).text).toMatch(/^Здравствуйте, Гасан!/);
    expect((await user.nextBotMessage()).text).toContain("Главное меню");
    expect(survivor.output.stdout).not.toContain("polling stopped");
    expect(await survivor.stop(15_000)).toEqual({ code: 0, signal: null });
  }, 90_000);
});

describe.skipIf(noPostgres)("a webhook set for the polling bot's token", () => {
  it("stops polling and says a webhook is set", { timeout: 30_000 }, async () => {
    const harness = await startHarness();
    try {
      const user = harness.emulator.user({ firstName: "Первый", languageCode: "ru" });
      await user.send("/start");
      await user.nextBotMessage();
      await callApi(harness.emulator, "setWebhook", { url: "http://127.0.0.1:9/hook" });
      const refused = await harness.app.refused;
      expect(refused.message).toBe(
        "polling stopped: a webhook is set for this bot token (another instance runs in webhook mode?)",
      );
      expect(harness.logs.entries().map((entry) => entry.msg)).toContain(refused.message);
    } finally {
      await harness.stop();
    }
  });
});
