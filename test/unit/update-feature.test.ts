// The metrics' feature label: named from the code, never from what a user typed or forged.
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import "../../bot/keyboards/main-menu.ts";
import { featureOf } from "../../bot/update-feature.ts";

const chats = { supportChatId: -100_1, staffChatId: -100_2 };
const from = { id: 7, is_bot: false, first_name: "Ева" };
const message = (text: string, chatId = 7, command = text.startsWith("/")): Update => ({
  update_id: 1,
  message: {
    message_id: 1,
    date: 0,
    chat:
      chatId > 0
        ? { id: chatId, type: "private", first_name: "Ева" }
        : { id: chatId, type: "supergroup", title: "g" },
    from,
    text,
    ...(command
      ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length ?? 0 }] }
      : {}),
  },
});
const press = (data: string): Update => ({
  update_id: 2,
  callback_query: { id: "1", from, chat_instance: "1", data },
});

describe("the feature of an update", () => {
  it("is its command, lower case, without the bot's name", () => {
    expect(featureOf(message("/balance"), chats)).toBe("balance");
    expect(featureOf(message("/Balance@kaspnet_bot"), chats)).toBe("balance");
    expect(featureOf(message("/announce текст", -100_2), chats)).toBe("announce");
  });

  it("is one word for a command the bot does not have, whatever it is", () => {
    expect(featureOf(message("/drop_table_users"), chats)).toBe("unknown-command");
    expect(featureOf(message(`/${"x".repeat(64)}`), chats)).toBe("unknown-command");
  });

  it("is the button's family, a menu item by its command, one word for forged data", () => {
    expect(featureOf(press("menu:balance"), chats)).toBe("balance");
    expect(featureOf(press("menu:../../etc"), chats)).toBe("menu");
    expect(featureOf(press("anything:at:all"), chats)).toBe("unknown-button");
  });

  it("is the conversation waiting for a plain message, else where it came from", () => {
    expect(featureOf(message("10001", 7, false), chats, "login")).toBe("login");
    expect(featureOf(message("пароль", 7, false), chats)).toBe("message");
    expect(featureOf(message("ответ", -100_1, false), chats)).toBe("support-desk");
    expect(featureOf(message("привет", -100_2, false), chats)).toBe("staff");
  });
});
