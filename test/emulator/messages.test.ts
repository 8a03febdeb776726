import type { Message } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { UserDriver } from "./driver/user-driver.ts";
import { BotApiEmulator } from "./emulator.ts";
import { callApi } from "./raw-api.ts";

let emu: BotApiEmulator;
let alice: UserDriver;

beforeEach(async () => {
  emu = await BotApiEmulator.start();
  alice = emu.user({ firstName: "Алиса", languageCode: "ru" });
  await alice.send("/start");
});

afterEach(async () => {
  await emu.stop();
});

async function ok<T = Message>(method: string, params: Record<string, unknown>): Promise<T> {
  const { body } = await callApi(emu, method, params);
  if (!body.ok) throw new Error(`${method}: ${body.description}`);
  return body.result as T;
}

async function fails(method: string, params: Record<string, unknown>) {
  const { status, body } = await callApi(emu, method, params);
  if (body.ok) throw new Error(`${method} succeeded`);
  expect(status).toBe(body.error_code);
  return body;
}

describe("sendMessage", () => {
  it("numbers messages per chat from 1, sent by the bot, dated in seconds", async () => {
    const sent = await ok("sendMessage", { chat_id: alice.id, text: "Здравствуйте" });
    expect(sent).toMatchObject({
      message_id: 2, // the user's /start was 1
      from: { id: emu.bot.id, is_bot: true, username: emu.bot.username },
      chat: { id: alice.id, type: "private", first_name: "Алиса" },
      text: "Здравствуйте",
    });
    expect(Math.abs(sent.date - Date.now() / 1000)).toBeLessThan(5);
    const bob = emu.user();
    await bob.send("hi");
    expect((await ok("sendMessage", { chat_id: bob.id, text: "x" })).message_id).toBe(2);
  });

  it("parses parse_mode markup into entities", async () => {
    const sent = await ok("sendMessage", {
      chat_id: alice.id,
      text: "<b>Баланс</b>: 100 ₽",
      parse_mode: "HTML",
    });
    expect(sent.text).toBe("Баланс: 100 ₽");
    expect(sent.entities).toEqual([{ type: "bold", offset: 0, length: 6 }]);
  });

  it("rejects markup that does not parse", async () => {
    expect(
      await fails("sendMessage", { chat_id: alice.id, text: "1.5", parse_mode: "MarkdownV2" }),
    ).toEqual({
      ok: false,
      error_code: 400,
      description:
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    });
  });

  it("enforces 1-4096 characters after parsing", async () => {
    expect((await fails("sendMessage", { chat_id: alice.id, text: "" })).description).toBe(
      "Bad Request: message text is empty",
    );
    expect(
      (await fails("sendMessage", { chat_id: alice.id, text: "<b> </b>", parse_mode: "HTML" }))
        .description,
    ).toBe("Bad Request: message text is empty");
    expect(
      (await fails("sendMessage", { chat_id: alice.id, text: "я".repeat(4097) })).description,
    ).toBe("Bad Request: message is too long");
    // Markup does not count; the limit counts UTF-16 code units, so an emoji counts as two.
    await ok("sendMessage", {
      chat_id: alice.id,
      text: `<b>${"😀".repeat(2048)}</b>`,
      parse_mode: "HTML",
    });
    expect(
      (await fails("sendMessage", { chat_id: alice.id, text: `${"😀".repeat(2048)}!` }))
        .description,
    ).toBe("Bad Request: message is too long");
  });

  it("refuses a caption over 1024 UTF-16 units in copyMessage", async () => {
    const source = await alice.sendPhoto({ caption: "схема" });
    const copy = (caption: string) =>
      callApi(emu, "copyMessage", {
        chat_id: alice.id,
        from_chat_id: alice.id,
        message_id: source.message_id,
        caption,
      });
    expect((await copy("😀".repeat(512))).body.ok).toBe(true);
    expect((await copy(`${"😀".repeat(512)}!`)).body).toMatchObject({
      ok: false,
      description: "Bad Request: message caption is too long",
    });
  });

  it("knows which chats exist and which it may write to", async () => {
    expect((await fails("sendMessage", { chat_id: 12345, text: "x" })).description).toBe(
      "Bad Request: chat not found",
    );
    expect((await fails("sendMessage", { text: "x" })).description).toBe(
      "Bad Request: chat_id is empty",
    );
    const stranger = emu.user();
    expect(await fails("sendMessage", { chat_id: stranger.id, text: "x" })).toEqual({
      ok: false,
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    emu.blockBot(alice.id);
    expect((await fails("sendMessage", { chat_id: alice.id, text: "x" })).description).toBe(
      "Forbidden: bot was blocked by the user",
    );
  });

  it("stores inline keyboards on the message and reply keyboards for the user", async () => {
    const inline = { inline_keyboard: [[{ text: "Оплатить", callback_data: "pay:1" }]] };
    const sent = await ok("sendMessage", { chat_id: alice.id, text: "Счёт", reply_markup: inline });
    expect(sent.reply_markup).toEqual(inline);

    const keyboard = {
      keyboard: [["Баланс", { text: "Поделиться", request_contact: true }]],
      resize_keyboard: true,
    };
    const withKeyboard = await ok("sendMessage", {
      chat_id: alice.id,
      text: "Меню",
      reply_markup: keyboard,
    });
    expect(withKeyboard.reply_markup).toBeUndefined();
    expect(alice.replyKeyboard()).toEqual({
      keyboard: [[{ text: "Баланс" }, { text: "Поделиться", request_contact: true }]],
      resize_keyboard: true,
    });
    await ok("sendMessage", {
      chat_id: alice.id,
      text: "Убрал",
      reply_markup: { remove_keyboard: true },
    });
    expect(alice.replyKeyboard()).toBeUndefined();
    await ok("sendMessage", { chat_id: alice.id, text: "?", reply_markup: { force_reply: true } });
  });

  it("validates callback_data and inline buttons", async () => {
    const send = (button: Record<string, unknown>) =>
      fails("sendMessage", {
        chat_id: alice.id,
        text: "x",
        reply_markup: { inline_keyboard: [[button]] },
      });
    expect((await send({ text: "a", callback_data: "x".repeat(65) })).description).toBe(
      "Bad Request: BUTTON_DATA_INVALID",
    );
    expect((await send({ text: "a", callback_data: "я".repeat(33) })).description).toBe(
      "Bad Request: BUTTON_DATA_INVALID",
    );
    expect((await send({ text: "a", callback_data: "" })).description).toBe(
      "Bad Request: BUTTON_DATA_INVALID",
    );
    expect((await send({ text: "a" })).description).toBe(
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
    await ok("sendMessage", {
      chat_id: alice.id,
      text: "ok",
      reply_markup: { inline_keyboard: [[{ text: "a", callback_data: "я".repeat(32) }]] },
    });
  });

  it("takes at most 100 inline buttons", async () => {
    const keyboard = (buttons: number) =>
      Array.from({ length: Math.ceil(buttons / 10) }, (_, row) =>
        Array.from({ length: Math.min(10, buttons - row * 10) }, (_, column) => ({
          text: String(row * 10 + column),
          callback_data: `b:${row * 10 + column}`,
        })),
      );
    await ok("sendMessage", {
      chat_id: alice.id,
      text: "x",
      reply_markup: { inline_keyboard: keyboard(100) },
    });
    expect(
      (
        await fails("sendMessage", {
          chat_id: alice.id,
          text: "x",
          reply_markup: { inline_keyboard: keyboard(101) },
        })
      ).description,
    ).toBe("Bad Request: BUTTONS_TOO_MUCH");
  });

  it("replies with reply_parameters or reply_to_message_id", async () => {
    const question = await alice.send("Сколько на счету?");
    const answer = await ok("sendMessage", {
      chat_id: alice.id,
      text: "100 ₽",
      reply_parameters: { message_id: question.message_id },
    });
    expect(answer.reply_to_message).toMatchObject({
      message_id: question.message_id,
      text: "Сколько на счету?",
    });
    const legacy = await ok("sendMessage", {
      chat_id: alice.id,
      text: "ещё",
      reply_to_message_id: question.message_id,
    });
    expect(legacy.reply_to_message?.message_id).toBe(question.message_id);
    expect(
      (
        await fails("sendMessage", {
          chat_id: alice.id,
          text: "x",
          reply_parameters: { message_id: 999 },
        })
      ).description,
    ).toBe("Bad Request: message to be replied not found");
    const unanchored = await ok("sendMessage", {
      chat_id: alice.id,
      text: "x",
      reply_parameters: { message_id: 999, allow_sending_without_reply: true },
    });
    expect(unanchored.reply_to_message).toBeUndefined();
  });

  it("keeps link_preview_options and protect_content", async () => {
    const sent = await ok("sendMessage", {
      chat_id: alice.id,
      text: "https://kaspnet.ru",
      link_preview_options: { is_disabled: true },
      protect_content: true,
    });
    expect(sent).toMatchObject({
      link_preview_options: { is_disabled: true },
      has_protected_content: true,
      entities: [{ type: "url", offset: 0, length: 18 }],
    });
  });
});

describe("editing and deleting", () => {
  it("edits text and keyboard, and refuses an edit that changes nothing", async () => {
    const markup = { inline_keyboard: [[{ text: "Обновить", callback_data: "refresh" }]] };
    const sent = await ok("sendMessage", {
      chat_id: alice.id,
      text: "Баланс: 10 ₽",
      reply_markup: markup,
    });
    const edited = await ok("editMessageText", {
      chat_id: alice.id,
      message_id: sent.message_id,
      text: "Баланс: 20 ₽",
      reply_markup: markup,
    });
    expect(edited).toMatchObject({ text: "Баланс: 20 ₽", reply_markup: markup });
    expect(edited.edit_date).toBeTypeOf("number");
    const same = await fails("editMessageText", {
      chat_id: alice.id,
      message_id: sent.message_id,
      text: "Баланс: 20 ₽",
      reply_markup: markup,
    });
    expect(same.description).toBe(
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
    // Without reply_markup an edit removes the keyboard, as in Telegram.
    const bare = await ok("editMessageText", {
      chat_id: alice.id,
      message_id: sent.message_id,
      text: "Баланс: 20 ₽",
    });
    expect(bare.reply_markup).toBeUndefined();
    expect(alice.messages().at(-1)).toMatchObject({ text: "Баланс: 20 ₽", deleted: false });
  });

  it("edits only the reply markup", async () => {
    const sent = await ok("sendMessage", { chat_id: alice.id, text: "x" });
    const markup = { inline_keyboard: [[{ text: "b", callback_data: "b" }]] };
    expect(
      (
        await ok("editMessageReplyMarkup", {
          chat_id: alice.id,
          message_id: sent.message_id,
          reply_markup: markup,
        })
      ).reply_markup,
    ).toEqual(markup);
    expect(
      (
        await fails("editMessageReplyMarkup", {
          chat_id: alice.id,
          message_id: sent.message_id,
          reply_markup: markup,
        })
      ).description,
    ).toMatch(/^Bad Request: message is not modified/);
  });

  it("reports missing messages", async () => {
    expect(
      (await fails("editMessageText", { chat_id: alice.id, message_id: 77, text: "x" }))
        .description,
    ).toBe("Bad Request: message to edit not found");
    expect((await fails("deleteMessage", { chat_id: alice.id, message_id: 77 })).description).toBe(
      "Bad Request: message to delete not found",
    );
    const own = await alice.send("мой пароль");
    expect(
      (await fails("editMessageText", { chat_id: alice.id, message_id: own.message_id, text: "x" }))
        .description,
    ).toBe("Bad Request: message can't be edited");
  });

  it("deletes the bot's and the user's messages; tests still see them, marked", async () => {
    const password = await alice.send("secret");
    expect(
      await ok<boolean>("deleteMessage", { chat_id: alice.id, message_id: password.message_id }),
    ).toBe(true);
    expect(alice.history().find((m) => m.message_id === password.message_id)?.deleted).toBe(true);
    expect(
      (await fails("deleteMessage", { chat_id: alice.id, message_id: password.message_id }))
        .description,
    ).toBe("Bad Request: message to delete not found");
    const sent = await ok("sendMessage", { chat_id: alice.id, text: "temp" });
    await ok("deleteMessage", { chat_id: alice.id, message_id: sent.message_id });
    expect(alice.messages()).toMatchObject([{ text: "temp", deleted: true }]);
    expect(alice.lastBotMessage()).toBeUndefined();
  });
});

describe("answerCallbackQuery", () => {
  it("answers a query once; a second answer or an unknown id is too old", async () => {
    await ok("sendMessage", {
      chat_id: alice.id,
      text: "?",
      reply_markup: { inline_keyboard: [[{ text: "Да", callback_data: "yes" }]] },
    });
    const query = await alice.press("Да");
    expect(query).toMatchObject({ from: { id: alice.id }, data: "yes", message: { text: "?" } });
    await ok<boolean>("answerCallbackQuery", {
      callback_query_id: query.id,
      text: "Готово",
      show_alert: true,
    });
    expect(alice.callbackAnswers()).toMatchObject([
      { queryId: query.id, text: "Готово", showAlert: true },
    ]);
    const tooOld =
      "Bad Request: query is too old and response timeout expired or query ID is invalid";
    expect(alice.callbackAnswers()).toHaveLength(1);
    expect((await fails("answerCallbackQuery", { callback_query_id: query.id })).description).toBe(
      tooOld,
    );
    expect((await fails("answerCallbackQuery", { callback_query_id: "123" })).description).toBe(
      tooOld,
    );
  });
});

describe("answerCallbackQuery text", () => {
  it("takes at most 200 UTF-16 units", async () => {
    await ok("sendMessage", {
      chat_id: alice.id,
      text: "?",
      reply_markup: { inline_keyboard: [[{ text: "Да", callback_data: "yes" }]] },
    });
    const first = await alice.press("Да");
    expect(
      (await fails("answerCallbackQuery", { callback_query_id: first.id, text: "😀".repeat(101) }))
        .description,
    ).toBe("Bad Request: MESSAGE_TOO_LONG");
    expect(alice.callbackAnswers()).toEqual([]);
    await ok<boolean>("answerCallbackQuery", {
      callback_query_id: first.id,
      text: "😀".repeat(100),
    });
  });
});

describe("commands", () => {
  it("stores commands per scope and language", async () => {
    const ru = [{ command: "start", description: "Начать" }];
    const en = [{ command: "start", description: "Start" }];
    await ok<boolean>("setMyCommands", { commands: ru, language_code: "ru" });
    await ok<boolean>("setMyCommands", { commands: en });
    await ok<boolean>("setMyCommands", {
      commands: [{ command: "admin", description: "Админка" }],
      scope: { type: "chat", chat_id: alice.id },
    });
    expect(await ok("getMyCommands", { language_code: "ru" })).toEqual(ru);
    expect(await ok("getMyCommands", {})).toEqual(en);
    expect(await ok("getMyCommands", { scope: { type: "all_private_chats" } })).toEqual([]);
    expect(alice.commands()).toEqual([{ command: "admin", description: "Админка" }]);
    await ok<boolean>("deleteMyCommands", { scope: { type: "chat", chat_id: alice.id } });
    expect(alice.commands()).toEqual(ru);
  });

  it("validates commands", async () => {
    expect(
      (await fails("setMyCommands", { commands: [{ command: "Bad Command", description: "x" }] }))
        .description,
    ).toBe("Bad Request: BOT_COMMAND_INVALID");
    expect(
      (await fails("setMyCommands", { commands: [{ command: "ok", description: "" }] }))
        .description,
    ).toBe("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID");
  });
});

describe("other content", () => {
  it("sends chat actions, locations and venues", async () => {
    expect(await ok<boolean>("sendChatAction", { chat_id: alice.id, action: "typing" })).toBe(true);
    expect(alice.chatActions()).toMatchObject([{ action: "typing" }]);
    expect(
      (await fails("sendChatAction", { chat_id: alice.id, action: "dancing" })).description,
    ).toBe("Bad Request: wrong parameter action in request");
    const location = await ok("sendLocation", {
      chat_id: alice.id,
      latitude: 55.75,
      longitude: 37.62,
    });
    expect(location.location).toEqual({ latitude: 55.75, longitude: 37.62 });
    const venue = await ok("sendVenue", {
      chat_id: alice.id,
      latitude: 55.75,
      longitude: 37.62,
      title: "Офис Каспнет",
      address: "ул. Ленина, 1",
    });
    expect(venue).toMatchObject({
      venue: { title: "Офис Каспнет", address: "ул. Ленина, 1", location: { latitude: 55.75 } },
      location: { latitude: 55.75, longitude: 37.62 },
    });
  });
});
