import type { Message } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { UserDriver } from "./driver/user-driver.ts";
import { BotApiEmulator } from "./emulator.ts";
import { callApi } from "./raw-api.ts";

let emu: BotApiEmulator;
let alice: UserDriver;

beforeEach(async () => {
  emu = await BotApiEmulator.start({ timeoutMs: 300 });
  alice = emu.user({
    firstName: "Алиса",
    lastName: "Петрова",
    username: "alice",
    languageCode: "ru",
  });
  await alice.send("/start");
});

afterEach(async () => {
  await emu.stop();
});

async function botSends(params: Record<string, unknown>): Promise<Message> {
  const { body } = await callApi(emu, "sendMessage", { chat_id: alice.id, ...params });
  if (!body.ok) throw new Error(body.description);
  return body.result as Message;
}

const keyboard = (...buttons: [string, string][]) => ({
  inline_keyboard: [buttons.map(([text, callback_data]) => ({ text, callback_data }))],
});

describe("UserDriver: sending", () => {
  it("sends text with Telegram's entities and queues the update", async () => {
    const sent = await alice.send("/balance@test_emulator_bot now");
    expect(sent).toMatchObject({
      from: { id: alice.id, first_name: "Алиса", language_code: "ru", is_bot: false },
      chat: { id: alice.id, type: "private" },
      entities: [{ type: "bot_command", offset: 0, length: 26 }],
    });
    expect(emu.pendingUpdates().at(-1)?.message).toEqual(sent);
  });

  it("replies to a message", async () => {
    const question = await botSends({ text: "Введите логин", reply_markup: { force_reply: true } });
    const answer = await alice.replyTo(question, "ivanov");
    expect(answer.reply_to_message).toMatchObject({
      message_id: question.message_id,
      text: "Введите логин",
    });
  });

  it("shares the user's own contact, or someone else's", async () => {
    const own = await alice.shareContact({ phone: "+79991234567" });
    expect(own.contact).toEqual({
      phone_number: "+79991234567",
      first_name: "Алиса",
      last_name: "Петрова",
      user_id: alice.id,
    });
    const bob = emu.user({ firstName: "Боб" });
    const other = await alice.shareContact({ phone: "+79990000001", userId: bob.id });
    expect(other.contact).toMatchObject({ first_name: "Боб", user_id: bob.id });
    const plain = await alice.shareContact({
      phone: "+79990000002",
      userId: null,
      firstName: "Мама",
    });
    expect(plain.contact).toEqual({ phone_number: "+79990000002", first_name: "Мама" });
  });

  it("sends photos, documents, stickers, voice and locations", async () => {
    const photo = await alice.sendPhoto({ caption: "квитанция" });
    expect(photo.photo).toHaveLength(2);
    expect(photo.caption).toBe("квитанция");
    const document = await alice.sendDocument({
      fileName: "contract.pdf",
      mimeType: "application/pdf",
      content: "%PDF",
    });
    expect(document.document).toMatchObject({
      file_name: "contract.pdf",
      mime_type: "application/pdf",
      file_size: 4,
    });
    expect((await alice.sendSticker()).sticker?.emoji).toBe("👍");
    expect((await alice.sendVoice()).voice?.duration).toBe(3);
    expect((await alice.sendLocation(55.7, 37.6)).location).toEqual({
      latitude: 55.7,
      longitude: 37.6,
    });
    // The bot can fetch what users sent.
    const { body } = await callApi(emu, "getFile", { file_id: document.document?.file_id });
    const path = body.ok ? (body.result as { file_path: string }).file_path : "";
    expect(await (await fetch(`${emu.apiRoot}/file/bot${emu.token}/${path}`)).text()).toBe("%PDF");
  });

  it("edits its own message and the bot gets edited_message", async () => {
    const sent = await alice.send("ivanov");
    const edited = await alice.edit(sent, "petrov");
    expect(edited).toMatchObject({ message_id: sent.message_id, text: "petrov" });
    expect(emu.pendingUpdates().at(-1)?.edited_message).toMatchObject({
      text: "petrov",
      edit_date: expect.any(Number),
    });
  });

  it("cannot write after blocking the bot", async () => {
    emu.blockBot(alice.id);
    expect(emu.pendingUpdates().at(-1)?.my_chat_member?.new_chat_member.status).toBe("kicked");
    await expect(alice.send("hi")).rejects.toThrow(/blocked the bot/);
    emu.unblockBot(alice.id);
    await alice.send("hi again");
  });
});

describe("UserDriver: buttons", () => {
  it("presses a button on the latest bot message that has it", async () => {
    const older = await botSends({ text: "old", reply_markup: keyboard(["Да", "old-yes"]) });
    const newer = await botSends({
      text: "new",
      reply_markup: keyboard(["Да", "new-yes"], ["Нет", "no"]),
    });
    await botSends({ text: "no buttons" });
    const query = await alice.press("Да");
    expect(query).toMatchObject({
      data: "new-yes",
      message: { message_id: newer.message_id },
      from: { id: alice.id },
    });
    expect(typeof query.chat_instance).toBe("string");
    expect((await alice.press("Да", { message: older })).data).toBe("old-yes");
    expect((await alice.press(/^Н/)).data).toBe("no");
    const last = await alice.press("Нет");
    expect(emu.pendingUpdates().at(-1)?.callback_query).toEqual(last);
  });

  it("explains what is on screen when a button is missing", async () => {
    await botSends({ text: "menu", reply_markup: keyboard(["Баланс", "b"]) });
    await expect(alice.press("Оплатить")).rejects.toThrow(
      /no inline button Оплатить; buttons on screen: "Баланс"/,
    );
  });

  it("cannot press buttons of a deleted message, but can forge callback data", async () => {
    const menu = await botSends({ text: "menu", reply_markup: keyboard(["Баланс", "b"]) });
    await callApi(emu, "deleteMessage", { chat_id: alice.id, message_id: menu.message_id });
    await expect(alice.press("Баланс", { message: menu })).rejects.toThrow(/was deleted/);
    const forged = await alice.pressData(menu, "account:999:delete");
    expect(forged.data).toBe("account:999:delete");
  });

  it("presses reply-keyboard buttons: text, or the contact it requests", async () => {
    await botSends({
      text: "Меню",
      reply_markup: {
        keyboard: [["Баланс"], [{ text: "Отправить номер", request_contact: true }]],
      },
    });
    expect((await alice.pressKeyboard("Баланс")).text).toBe("Баланс");
    const contact = await alice.pressKeyboard("Отправить номер", { phone: "79991112233" });
    expect(contact.contact).toMatchObject({ phone_number: "79991112233", user_id: alice.id });
  });
});

describe("UserDriver: reading", () => {
  it("nextBotMessage returns each bot message once, in order, waiting for new ones", async () => {
    await botSends({ text: "one" });
    await botSends({ text: "two" });
    expect((await alice.nextBotMessage()).text).toBe("one");
    expect((await alice.nextBotMessage()).text).toBe("two");
    const third = alice.nextBotMessage();
    setTimeout(() => void botSends({ text: "three" }), 20);
    expect((await third).text).toBe("three");
  });

  it("times out with what the chat shows", async () => {
    await botSends({ text: "Добро пожаловать" });
    await alice.nextBotMessage();
    await expect(alice.nextBotMessage({ timeoutMs: 50 })).rejects.toThrow(
      /Timed out after 50 ms waiting for a bot message in chat \d+; latest messages:\n.*bot: "Добро пожаловать"/s,
    );
  });

  it("skipBotMessages makes nextBotMessage wait for a new one", async () => {
    await botSends({ text: "noise" });
    alice.skipBotMessages();
    await expect(alice.nextBotMessage({ timeoutMs: 30 })).rejects.toThrow(/Timed out/);
  });

  it("waitFor re-checks after every change", async () => {
    const sent = await botSends({ text: "Баланс: 0 ₽" });
    setTimeout(
      () =>
        void callApi(emu, "editMessageText", {
          chat_id: alice.id,
          message_id: sent.message_id,
          text: "Баланс: 500 ₽",
        }),
      20,
    );
    const edited = await alice.waitFor(() =>
      alice.messages().find((m) => m.text === "Баланс: 500 ₽"),
    );
    expect(edited.message_id).toBe(sent.message_id);
  });

  it("messages() shows bot messages only; history() shows everything", async () => {
    await botSends({ text: "bot" });
    expect(alice.messages().map((m) => m.text)).toEqual(["bot"]);
    expect(alice.history().map((m) => m.text)).toEqual(["/start", "bot"]);
  });
});
