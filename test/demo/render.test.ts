import type { Message } from "grammy/types";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../emulator/index.ts";
import {
  content,
  formatMoney,
  type RenderContext,
  renderKeyboard,
  renderMessage,
} from "./render.ts";
import { texts } from "./texts.ts";

const base = { message_id: 7, date: 0, chat: { id: 1, type: "private", first_name: "Р" } } as const;
const message = (fields: Partial<Message>, deleted = false) =>
  ({ ...base, ...fields, deleted }) as ChatMessage;

function numbering(): RenderContext {
  let next = 1;
  return { texts: texts.ru, number: () => next++ };
}

describe("the demo's rendering", () => {
  it("writes money the Russian way", () => {
    expect(formatMoney(123450, "RUB")).toBe("1 234,50 ₽");
    expect(formatMoney(5, "RUB")).toBe("0,05 ₽");
    expect(formatMoney(-18000, "RUB")).toBe("−180,00 ₽");
    expect(formatMoney(100000000, "USD")).toBe("1 000 000,00 USD");
    expect(formatMoney(50, "XTR")).toBe("50 ⭐");
  });

  it("numbers inline buttons row by row, across messages", () => {
    const ctx = numbering();
    const menu = message({
      text: "Меню",
      reply_markup: {
        inline_keyboard: [
          [{ text: "А", callback_data: "a" }],
          [
            { text: "Б", callback_data: "b" },
            { text: "Сайт", url: "https://example.com" },
          ],
        ],
      },
    });
    expect(renderMessage(menu, "🤖 бот:", ctx)).toEqual([
      "🤖 бот:",
      "   Меню",
      "   [1] А",
      "   [2] Б  [3] Сайт ↗",
    ]);
    const keyboard = { keyboard: [[{ text: "📱 Номер", request_contact: true }, { text: "Нет" }]] };
    expect(renderKeyboard(keyboard, ctx)).toEqual([
      "   ⌨ клавиатура:",
      "   [4] 📱 Номер (отправит ваш номер)  [5] Нет",
    ]);
  });

  it("shows venues, invoices, media and contacts as lines", () => {
    const ru = texts.ru;
    const venue = message({
      venue: {
        title: "Каспнет, офис",
        address: "г. Каспийск, ул. Ленина 52а",
        location: { latitude: 42.8816, longitude: 47.6389 },
      },
      location: { latitude: 42.8816, longitude: 47.6389 },
    });
    expect(content(venue, ru)).toEqual([
      "📍 Каспнет, офис",
      "г. Каспийск, ул. Ленина 52а",
      "координаты: 42.8816, 47.6389",
    ]);
    const invoice = message({
      invoice: {
        title: "Пополнение",
        description: "Договор 10001",
        start_parameter: "",
        currency: "RUB",
        total_amount: 123450,
      },
    });
    expect(content(invoice, ru)).toEqual([
      "🧾 счёт: Пополнение",
      "Договор 10001",
      "к оплате: 1 234,50 ₽ (оплатить: :pay)",
    ]);
    const photo = message({
      photo: [{ file_id: "f", file_unique_id: "u", width: 1, height: 1 }],
      caption: "квитанция",
    });
    expect(content(photo, ru)).toEqual(["[фото]", "квитанция"]);
    const document = message({
      document: { file_id: "f", file_unique_id: "u", file_name: "договор.pdf" },
    });
    expect(content(document, ru)).toEqual(["[документ] договор.pdf"]);
    const contact = message({ contact: { phone_number: "+78007005405", first_name: "Каспнет" } });
    expect(content(contact, ru)).toEqual(["👤 контакт: Каспнет, +78007005405"]);
    expect(content(message({ text: "первая\nвторая" }, true), ru)).toEqual(["первая"]);
  });
});
