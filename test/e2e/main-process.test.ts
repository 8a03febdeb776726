// The README's first command, as a real process: `bot/main.ts` with the embedded defaults.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BotApiEmulator } from "../emulator/index.ts";
import { startBotProcess } from "../support/bot-process.ts";

describe("the bot process", () => {
  it("refuses to start without BOT_TOKEN, with one line naming it", async () => {
    const { exit, output } = startBotProcess({});
    expect((await exit()).code).toBe(1);
    const lines = output.stderr
      .trim()
      .split("\n")
      .filter((line) => !line.startsWith("npm warn"));
    expect(lines).toEqual([
      "Configuration error: BOT_TOKEN is required: expected the bot token from @BotFather, e.g. 123456789:AAF…",
    ]);
  });

  describe("on the embedded defaults", () => {
    let emulator: BotApiEmulator;
    let dataDir: string;
    afterAll(async () => {
      await emulator?.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it("creates its database, polls, shows /start the Russian menu and stops on SIGTERM", async () => {
      emulator = await BotApiEmulator.start({ timeoutMs: 60_000 });
      dataDir = await mkdtemp(join(tmpdir(), "kaspnet-process-"));
      const bot = startBotProcess({
        BOT_TOKEN: emulator.token,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        DATA_DIR: dataDir,
        LOG_LEVEL: "info",
      });
      try {
        // The call log records a call once answered; a long poll is answered when it has updates.
        await emulator.waitForCall("deleteWebhook");
        const user = emulator.user({ firstName: "Гасан", languageCode: "ru" });
        await user.send("/start");
        expect((await user.nextBotMessage()).text).toMatch(/^Здравствуйте, Гасан!/);
        const menu = await user.nextBotMessage();
        expect(menu.text).toContain("Главное меню");
        expect(menu.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain(
          "🔑 Войти в личный кабинет",
        );
      } finally {
        expect(await bot.kill("SIGTERM")).toEqual({ code: 0, signal: null });
      }
      const logged = bot.output.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      expect(logged.map((entry) => entry.msg)).toEqual(
        expect.arrayContaining(["bot started", "stopping", "bot stopped"]),
      );
      expect(logged.find((entry) => entry.msg === "bot started")).toMatchObject({
        database: "pglite",
        redis: false,
        mode: "polling",
      });
      expect(bot.output.stdout).not.toContain(emulator.token);
    }, 120_000);
  });
});
