import type {
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  ReplyKeyboardMarkup,
} from "grammy/types";
import { badRequest } from "../api-error.ts";
import type { Params } from "../params.ts";
import type { ReplyMarkup } from "../state/chat.ts";
import { normalizeUrl } from "../text/url.ts";

/** The fields of which an inline button must have exactly one. */
const INLINE_ACTIONS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
] as const;

/** Reads and validates `reply_markup` like Telegram; keyboard buttons given as strings become objects. */
export function readReplyMarkup(params: Params): ReplyMarkup | undefined {
  const markup = params.json<Record<string, unknown>>("reply_markup", () =>
    badRequest("can't parse reply keyboard markup JSON object"),
  );
  if (markup === undefined) return undefined;
  if (Array.isArray(markup)) throw badRequest("object expected as reply markup");
  if ("inline_keyboard" in markup) return readInlineKeyboard(markup.inline_keyboard);
  if ("keyboard" in markup) return readKeyboard(markup as unknown as ReplyKeyboardMarkup);
  if (markup.remove_keyboard === true) return { remove_keyboard: true, ...selective(markup) };
  if (markup.force_reply === true) {
    const placeholder = markup.input_field_placeholder;
    return {
      force_reply: true,
      ...(typeof placeholder === "string" ? { input_field_placeholder: placeholder } : {}),
      ...selective(markup),
    };
  }
  throw badRequest("can't parse reply keyboard markup JSON object");
}

/** The markup the Bot API includes in a Message: only a non-empty inline keyboard. */
export function messageMarkup(markup: ReplyMarkup | undefined): InlineKeyboardMarkup | undefined {
  return markup !== undefined && "inline_keyboard" in markup && markup.inline_keyboard.length > 0
    ? markup
    : undefined;
}

/** Telegram refuses an inline keyboard of more buttons than this. */
export const MAX_INLINE_BUTTONS = 100;

export function readInlineKeyboard(rows: unknown): InlineKeyboardMarkup {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest(
      'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays',
    );
  }
  const keyboard = (rows as unknown[][]).map((row) => row.map(readInlineButton));
  if (keyboard.flat().length > MAX_INLINE_BUTTONS) throw badRequest("BUTTONS_TOO_MUCH");
  return { inline_keyboard: keyboard.filter((row) => row.length > 0) };
}

function readInlineButton(button: unknown): InlineKeyboardButton {
  if (typeof button !== "object" || button === null || !("text" in button)) {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  const fields = button as Record<string, unknown>;
  const actions = INLINE_ACTIONS.filter((action) => fields[action] !== undefined);
  if (actions.length === 0) {
    throw badRequest(
      "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
  }
  if (fields.callback_data !== undefined) {
    const data = String(fields.callback_data);
    const bytes = Buffer.byteLength(data, "utf8");
    if (bytes < 1 || bytes > 64) throw badRequest("BUTTON_DATA_INVALID");
  }
  if (fields.url !== undefined && normalizeUrl(String(fields.url)) === undefined) {
    throw badRequest("BUTTON_URL_INVALID");
  }
  return { ...fields, text: String(fields.text) } as InlineKeyboardButton;
}

function readKeyboard(markup: ReplyKeyboardMarkup): ReplyKeyboardMarkup {
  const rows: unknown = markup.keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
  }
  const keyboard = (rows as KeyboardButton[][]).map((row) =>
    row.map((button) => (typeof button === "string" ? { text: button } : button)),
  );
  return { ...markup, keyboard: keyboard.filter((row) => row.length > 0) };
}

function selective(markup: Record<string, unknown>): { selective?: boolean } {
  return markup.selective === true ? { selective: true } : {};
}
