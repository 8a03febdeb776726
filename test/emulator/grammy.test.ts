import { run } from "@grammyjs/runner";
import { Bot, GrammyError, InlineKeyboard, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotApiEmulator } from "./emulator.ts";

let emu: BotApiEmulator;
let bot: Bot;

beforeEach(async () => {
  emu = await BotApiEmulator.start();
  bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
  bot.command("start", (ctx) =>
    ctx.reply(`Здравствуйте, <b>${ctx.from?.first_name}</b>!`, {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text("Баланс", "balance").text("Выход", "logout"),
    }),
  );
  bot.callbackQuery("balance", async (ctx) => {
    await ctx.answerCallbackQuery("Обновлено");
    await ctx.editMessageText("Баланс: 150,00 ₽");
  });
  bot.on("message:contact", (ctx) => ctx.reply(`Номер ${ctx.message.contact.phone_number}`));
});

afterEach(async () => {
  if (bot.isRunning()) await bot.stop();
  await emu.stop();
});

describe("a real grammY bot against the emulator", () => {
  it("answers a message and a callback query with bot.start()", async () => {
    // Drive users only once polling runs: drop_pending_updates would drop earlier ones.
    await new Promise<unknown>(
      (onStart) => void bot.start({ drop_pending_updates: true, onStart }),
    );
    const alice = emu.user({ firstName: "Алиса", languageCode: "ru" });

    await alice.send("/start");
    const greeting = await alice.nextBotMessage();
    expect(greeting.text).toBe("Здравствуйте, Алиса!");
    expect(greeting.entities).toEqual([{ type: "bold", offset: 14, length: 5 }]);

    const query = await alice.press("Баланс");
    expect(await alice.waitForCallbackAnswer(query)).toMatchObject({ text: "Обновлено" });
    const edited = await alice.waitFor(() =>
      alice
        .messages()
        .find((m) => m.message_id === greeting.message_id && m.edit_date !== undefined),
    );
    expect(edited.text).toBe("Баланс: 150,00 ₽");
    expect(edited.reply_markup).toBeUndefined();
  });

  it("works under @grammyjs/runner", async () => {
    const runner = run(bot);
    try {
      const alice = emu.user();
      const bob = emu.user();
      await alice.send("/start");
      await bob.shareContact({ phone: "+79991234567" });
      expect((await alice.nextBotMessage()).text).toMatch(/^Здравствуйте/);
      expect((await bob.nextBotMessage()).text).toBe("Номер +79991234567");
    } finally {
      await runner.stop();
    }
  });

  it("surfaces Telegram's errors as GrammyError", async () => {
    const error = await bot.api.sendMessage(5, "x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 400, description: "Bad Request: chat not found" });
  });

  it("uploads files over multipart", async () => {
    const alice = emu.user();
    await alice.send("hi");
    const sent = await bot.api.sendDocument(
      alice.id,
      new InputFile(Buffer.from("a;b\n1;2"), "report.csv"),
      {
        caption: "Отчёт",
      },
    );
    expect(sent.document).toMatchObject({ file_name: "report.csv", file_size: 7 });
    const file = await bot.api.getFile(sent.document.file_id);
    const response = await fetch(`${emu.apiRoot}/file/bot${emu.token}/${file.file_path}`);
    expect(await response.text()).toBe("a;b\n1;2");
  });
});
