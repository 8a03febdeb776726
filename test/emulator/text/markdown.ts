import type { MessageEntity } from "grammy/types";
import { byteOffset, EntityParseError, type FormattedText } from "./formatted.ts";
import { normalizeUrl } from "./url.ts";

/**
 * Parses Telegram's legacy Markdown parse mode: *bold*, _italic_, `code`,
 * ```pre```, [text](url); no nesting, "\" escapes only the four markers.
 */
export function parseMarkdown(input: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input[i] ?? "";
    const next = input[i + 1];
    if (char === "\\" && next !== undefined && "_*`[".includes(next)) {
      text += next;
      i += 2;
      continue;
    }
    if (!"_*`[".includes(char)) {
      text += char;
      i++;
      continue;
    }

    const begin = i;
    const isPre = input.startsWith("```", i);
    const endMarker = char === "[" ? "]" : isPre ? "```" : char;
    i += isPre ? 3 : 1;
    let language: string | undefined;
    if (isPre) {
      const lineEnd = input.indexOf("\n", i);
      const firstLine = lineEnd === -1 ? "" : input.slice(i, lineEnd);
      if (lineEnd !== -1 && /^[^\s`]+$/.test(firstLine)) {
        language = firstLine;
        i = lineEnd + 1;
      }
    }
    const close = input.indexOf(endMarker, i);
    if (close === -1) {
      throw new EntityParseError(
        `Can't find end of the entity starting at byte offset ${byteOffset(input, begin)}`,
      );
    }
    const offset = text.length;
    text += input.slice(i, close);
    const length = text.length - offset;
    i = close + endMarker.length;

    let entity: MessageEntity | undefined;
    if (char === "[") {
      let url = "";
      if (input[i] === "(") {
        const urlEnd = input.indexOf(")", i);
        if (urlEnd !== -1) {
          url = input.slice(i + 1, urlEnd);
          i = urlEnd + 1;
        }
      }
      const normalized = normalizeUrl(url);
      if (normalized !== undefined) entity = { type: "text_link", offset, length, url: normalized };
    } else if (isPre) {
      entity =
        language === undefined
          ? { type: "pre", offset, length }
          : { type: "pre", offset, length, language };
    } else {
      entity = { type: char === "*" ? "bold" : char === "_" ? "italic" : "code", offset, length };
    }
    if (entity !== undefined && length > 0) entities.push(entity);
  }
  return { text, entities };
}
