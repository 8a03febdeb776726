// Telegram refuses a text over its limit, counted in UTF-16 code units after entities are parsed:
// whatever the bot composes from what users wrote is cut (a card, an answer) or split (a relayed
// message, nothing lost) to fit.
import type { MessageEntity } from "grammy/types";

export const lengthLimits = {
  /** sendMessage, editMessageText */
  text: 4096,
  /** a media message's caption */
  caption: 1024,
  /** answerCallbackQuery's text */
  callbackAnswer: 200,
  /** sendInvoice's title and description */
  invoiceTitle: 32,
  invoiceDescription: 255,
} as const;

export interface TextPart {
  text: string;
  entities: MessageEntity[];
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** `at`, or one unit earlier where `at` would fall between the two halves of an emoji. */
const safeCut = (text: string, at: number) =>
  at > 0 && at < text.length && isHighSurrogate(text.charCodeAt(at - 1)) ? at - 1 : at;

/** The text, or its beginning and "…" within `limit`. */
export function fitText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, safeCut(text, limit - 1))}…`;
}

/**
 * The text in parts of at most `limit`, each ending at the last line break in its second half, or
 * else the last space, that fits (the break itself dropped); a word longer than a part is cut. Entities go with
 * the parts they cover, cut at the parts' edges.
 */
export function splitText(text: string, limit: number, entities: MessageEntity[] = []): TextPart[] {
  const parts: TextPart[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.length;
    let next = end;
    if (start + limit < text.length) {
      const lineBreak = text.lastIndexOf("\n", start + limit);
      const space = text.lastIndexOf(" ", start + limit);
      // A line break early in the part (a heading's) would leave the part nearly empty.
      const at = lineBreak > start + limit / 2 ? lineBreak : space > start ? space : -1;
      end = at === -1 ? safeCut(text, start + limit) : at;
      next = at === -1 ? end : at + 1;
    }
    parts.push({ text: text.slice(start, end), entities: entitiesWithin(entities, start, end) });
    start = next;
  }
  return parts;
}

function entitiesWithin(entities: MessageEntity[], start: number, end: number): MessageEntity[] {
  return entities.flatMap((entity) => {
    const from = Math.max(entity.offset, start);
    const to = Math.min(entity.offset + entity.length, end);
    return to > from ? [{ ...entity, offset: from - start, length: to - from }] : [];
  });
}

/**
 * The first of the lines that fit within `limit`, one a line, and when some do not fit,
 * `more(how many)` as the last line: a list that must stay one message.
 */
export function fitLines(lines: string[], limit: number, more: (left: number) => string): string {
  const all = lines.join("\n");
  if (all.length <= limit) return all;
  let kept = 0;
  let length = 0;
  for (const line of lines) {
    const next = length + (kept > 0 ? 1 : 0) + line.length;
    if (next + 1 + more(lines.length - kept - 1).length > limit) break;
    length = next;
    kept += 1;
  }
  return fitText([...lines.slice(0, kept), more(lines.length - kept)].join("\n"), limit);
}
