// A bot message or a reply keyboard as terminal lines, each button numbered by the caller.
import type {
  InlineKeyboardButton,
  KeyboardButton,
  Location,
  MessageOrigin,
  ReplyKeyboardMarkup,
} from "grammy/types";
import type { ChatMessage } from "../emulator/index.ts";
import type { DemoMail } from "./bot-log.ts";
import type { Texts } from "./texts.ts";

/** A button on screen: one on a message (inline), or one of the reply keyboard. */
export type ScreenButton =
  | { kind: "inline"; message: ChatMessage; button: InlineKeyboardButton }
  | { kind: "keyboard"; button: KeyboardButton };

export interface RenderContext {
  texts: Texts;
  /** Gives the button its number on screen. */
  number(button: ScreenButton): number;
}

const indent = "   ";
const indented = (line: string) => (line === "" ? "" : indent + line);

/** The header, the content and the inline buttons of one message. */
export function renderMessage(message: ChatMessage, header: string, ctx: RenderContext): string[] {
  const keyboard = message.deleted ? [] : (message.reply_markup?.inline_keyboard ?? []);
  const rows = keyboard.map((row) =>
    row
      .map((button) => {
        const n = ctx.number({ kind: "inline", message, button });
        return `[${n}] ${button.text}${"url" in button ? " ↗" : ""}`;
      })
      .join("  "),
  );
  return [header, ...[...content(message, ctx.texts), ...rows].map(indented)];
}

/** A mail the bot sent the subscriber (the demo has no mail server: it is shown here). */
export function renderMail({ to, subject, text }: DemoMail, texts: Texts): string[] {
  return [`✉ ${texts.mailTo(to)}: ${subject}`, ...text.split("\n").map(indented)];
}

/** The reply keyboard the user sees under the input field, or that it is gone. */
export function renderKeyboard(
  keyboard: ReplyKeyboardMarkup | undefined,
  ctx: RenderContext,
): string[] {
  if (keyboard === undefined) return [`${indent}${ctx.texts.keyboardRemoved}`];
  const rows = keyboard.keyboard.map((row) =>
    row
      .map((button) => {
        const n = ctx.number({ kind: "keyboard", button });
        return `[${n}] ${keyboardButtonText(button)}${keyboardButtonHint(button, ctx.texts)}`;
      })
      .join("  "),
  );
  return [`${indent}⌨ ${ctx.texts.keyboard}:`, ...rows.map((row) => `${indent}${row}`)];
}

export function keyboardButtonText(button: KeyboardButton): string {
  return typeof button === "string" ? button : button.text;
}

function keyboardButtonHint(button: KeyboardButton, texts: Texts): string {
  if (typeof button === "string") return "";
  if ("request_contact" in button && button.request_contact) return ` (${texts.requestsContact})`;
  if ("request_location" in button && button.request_location) {
    return ` (${texts.requestsLocation})`;
  }
  return "";
}

/** What the message shows, line by line: media as a [label], then the text or caption. */
export function content(message: ChatMessage, texts: Texts): string[] {
  const lines: string[] = [];
  const origin = message.forward_origin;
  if (origin !== undefined) lines.push(`↪ ${texts.forwardedFrom(originName(origin))}`);
  if (message.photo) lines.push(texts.photo);
  if (message.document) lines.push(label(texts.document, message.document.file_name));
  if (message.animation) lines.push(texts.animation);
  else if (message.video) lines.push(texts.video);
  if (message.audio) lines.push(label(texts.audio, message.audio.title));
  if (message.voice) lines.push(texts.voice);
  if (message.video_note) lines.push(texts.videoNote);
  if (message.sticker) lines.push(label(texts.sticker, message.sticker.emoji));
  if (message.venue) {
    const { title, address, location } = message.venue;
    lines.push(`📍 ${title}`, address, `${texts.coordinates}: ${coordinates(location)}`);
  } else if (message.location) {
    lines.push(`📍 ${texts.location}: ${coordinates(message.location)}`);
  }
  if (message.contact) {
    const { first_name, last_name, phone_number } = message.contact;
    const name = last_name === undefined ? first_name : `${first_name} ${last_name}`;
    lines.push(`👤 ${texts.contact}: ${name}, ${phone_number}`);
  }
  if (message.invoice) {
    const { title, description, total_amount, currency } = message.invoice;
    lines.push(
      `🧾 ${texts.invoice}: ${title}`,
      description,
      `${texts.toPay}: ${formatMoney(total_amount, currency)} (${texts.payHint})`,
    );
  }
  const text = message.text ?? message.caption;
  if (text !== undefined) lines.push(...text.split("\n"));
  if (lines.length === 0) lines.push(texts.unknown);
  // Of a deleted message, only enough to tell which one it was.
  return message.deleted ? lines.filter((line) => line !== "").slice(0, 1) : lines;
}

function originName(origin: MessageOrigin): string {
  switch (origin.type) {
    case "user":
      return [origin.sender_user.first_name, origin.sender_user.last_name].join(" ").trim();
    case "hidden_user":
      return origin.sender_user_name;
    case "chat":
      return origin.sender_chat.title ?? "";
    case "channel":
      return origin.chat.title;
  }
}

/** An amount in the currency's smallest units, Russian style: "1 234,50 ₽". */
export function formatMoney(amount: number, currency: string): string {
  if (currency === "XTR") return `${amount} ⭐`;
  const sign = amount < 0 ? "−" : "";
  const absolute = Math.abs(amount);
  const whole = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  const cents = String(absolute % 100).padStart(2, "0");
  return `${sign}${whole},${cents} ${currency === "RUB" ? "₽" : currency}`;
}

function coordinates({ latitude, longitude }: Location): string {
  return `${latitude}, ${longitude}`;
}

function label(kind: string, detail: string | undefined): string {
  return detail === undefined || detail === "" ? kind : `${kind} ${detail}`;
}
