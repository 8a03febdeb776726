import type { MessageEntity } from "grammy/types";
import { byteOffset, EntityParseError, type FormattedText, sortEntities } from "./formatted.ts";
import { normalizeUrl } from "./url.ts";

/** Entity kinds as Telegram names them in "Can't find end of <Kind> entity". */
type Kind =
  | "Bold"
  | "Italic"
  | "Underline"
  | "Strikethrough"
  | "Spoiler"
  | "Code"
  | "Pre"
  | "PreCode"
  | "TextUrl"
  | "CustomEmoji";

interface OpenEntity {
  kind: Kind;
  /** UTF-16 offset of the content in the parsed text. */
  offset: number;
  /** Index of the opening markup in the input, for error messages. */
  begin: number;
  language?: string;
}

const RESERVED = new Set("_*[]()~`>#+-=|{}.!");

const SIMPLE: Partial<Record<Kind, MessageEntity.CommonMessageEntity["type"]>> = {
  Bold: "bold",
  Italic: "italic",
  Underline: "underline",
  Strikethrough: "strikethrough",
  Spoiler: "spoiler",
  Code: "code",
};

/** Parses Telegram's MarkdownV2 parse mode, failing with Telegram's own messages. */
export function parseMarkdownV2(input: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const open: OpenEntity[] = [];
  let quote: { offset: number; expandable: boolean } | undefined;
  const reserved = (char: string) =>
    new EntityParseError(
      `Character '${char}' is reserved and must be escaped with the preceding '\\'`,
    );

  const closeQuote = () => {
    if (quote !== undefined && text.length > quote.offset) {
      const type = quote.expandable ? "expandable_blockquote" : "blockquote";
      entities.push({ type, offset: quote.offset, length: text.length - quote.offset });
    }
    quote = undefined;
  };

  let i = 0;
  while (i < input.length) {
    const char = input[i] ?? "";
    const next = input[i + 1];
    const top = open.at(-1);
    const inCode = top?.kind === "Code" || top?.kind === "Pre" || top?.kind === "PreCode";

    if (!inCode && (i === 0 || input[i - 1] === "\n" || input[i - 1] === "\r")) {
      if (input.startsWith("**>", i)) {
        closeQuote();
        quote = { offset: text.length, expandable: true };
        i += 3;
        continue;
      }
      if (char === ">") {
        quote ??= { offset: text.length, expandable: false };
        i++;
        continue;
      }
      closeQuote();
    }

    if (char === "\\" && next !== undefined && next.charCodeAt(0) > 0 && next.charCodeAt(0) < 127) {
      text += next;
      i += 2;
      continue;
    }
    if (inCode && char !== "`") {
      text += char;
      i++;
      continue;
    }
    if (!RESERVED.has(char)) {
      text += char;
      i++;
      continue;
    }

    if (top !== undefined && closes(top.kind, input, i)) {
      open.pop();
      i += closerLength(top.kind);
      if (top.kind === "TextUrl" || top.kind === "CustomEmoji") {
        const link = readLinkTarget(input, i, top.kind);
        i = link.end;
        const entity = linkEntity(top, text, link.url);
        if (entity !== undefined) entities.push(entity);
        continue;
      }
      const length = text.length - top.offset;
      const simple = SIMPLE[top.kind];
      if (length > 0 && simple !== undefined) {
        entities.push({ type: simple, offset: top.offset, length });
      } else if (length > 0) {
        entities.push(
          top.language === undefined
            ? { type: "pre", offset: top.offset, length }
            : { type: "pre", offset: top.offset, length, language: top.language },
        );
      }
      continue;
    }

    const begin = i;
    let kind: Kind;
    let language: string | undefined;
    switch (char) {
      case "_":
        kind = next === "_" ? "Underline" : "Italic";
        i += next === "_" ? 2 : 1;
        break;
      case "*":
        kind = "Bold";
        i++;
        break;
      case "~":
        kind = "Strikethrough";
        i++;
        break;
      case "|":
        if (next !== "|") throw reserved(char);
        kind = "Spoiler";
        i += 2;
        break;
      case "[":
        kind = "TextUrl";
        i++;
        break;
      case "!":
        if (next !== "[") throw reserved(char);
        kind = "CustomEmoji";
        i += 2;
        break;
      case "`":
        if (!input.startsWith("```", i)) {
          kind = "Code";
          i++;
          break;
        }
        i += 3;
        ({ language, end: i } = readPreLanguage(input, i));
        kind = language === undefined ? "Pre" : "PreCode";
        break;
      default:
        throw reserved(char);
    }
    open.push(
      language === undefined
        ? { kind, offset: text.length, begin }
        : { kind, offset: text.length, begin, language },
    );
  }

  const unclosed = open.at(-1);
  if (unclosed !== undefined) {
    throw new EntityParseError(
      `Can't find end of ${unclosed.kind} entity at byte offset ${byteOffset(input, unclosed.begin)}`,
    );
  }
  closeQuote();
  return { text, entities: sortEntities(entities) };
}

function closes(kind: Kind, input: string, i: number): boolean {
  const char = input[i];
  const next = input[i + 1];
  switch (kind) {
    case "Bold":
      return char === "*";
    case "Italic":
      return char === "_" && next !== "_";
    case "Underline":
      return char === "_" && next === "_";
    case "Strikethrough":
      return char === "~";
    case "Spoiler":
      return char === "|" && next === "|";
    case "Code":
      return char === "`";
    case "Pre":
    case "PreCode":
      return input.startsWith("```", i);
    case "TextUrl":
    case "CustomEmoji":
      return char === "]";
  }
}

function closerLength(kind: Kind): number {
  if (kind === "Underline" || kind === "Spoiler") return 2;
  return kind === "Pre" || kind === "PreCode" ? 3 : 1;
}

/** After "```": a language runs up to the first whitespace; one line break after it is dropped. */
function readPreLanguage(input: string, start: number): { language?: string; end: number } {
  let end = start;
  while (end < input.length && !/[\s`]/.test(input[end] ?? "")) end++;
  const hasLanguage = end > start && end < input.length && /\s/.test(input[end] ?? "");
  const language = hasLanguage ? input.slice(start, end) : undefined;
  let i = hasLanguage ? end : start;
  if (input[i] === "\r" && input[i + 1] === "\n") i += 2;
  else if (input[i] === "\n" && input[i + 1] === "\r") i += 2;
  else if (input[i] === "\n" || input[i] === "\r") i++;
  return language === undefined ? { end: i } : { language, end: i };
}

/** Reads "(url)" after "]"; `end` is the index after it. No "(" means no explicit URL. */
function readLinkTarget(input: string, start: number, kind: Kind): { url?: string; end: number } {
  if (input[start] !== "(") {
    if (kind === "CustomEmoji") {
      throw new EntityParseError("Custom emoji entity must contain a tg://emoji URL");
    }
    return { end: start };
  }
  let url = "";
  let i = start + 1;
  while (i < input.length && input[i] !== ")") {
    if (input[i] === "\\" && (input[i + 1] === ")" || input[i + 1] === "\\")) i++;
    url += input[i];
    i++;
  }
  if (i >= input.length) {
    const what = kind === "CustomEmoji" ? "a custom emoji URL" : "a URL";
    throw new EntityParseError(
      `Can't find end of ${what} at byte offset ${byteOffset(input, start + 1)}`,
    );
  }
  return { url, end: i + 1 };
}

function linkEntity(
  link: OpenEntity,
  text: string,
  explicitUrl: string | undefined,
): MessageEntity | undefined {
  const offset = link.offset;
  const length = text.length - offset;
  if (link.kind === "CustomEmoji") {
    const id = /^tg:\/\/emoji\?(?:.*&)?id=(\d+)/i.exec(explicitUrl ?? "")?.[1];
    if (id === undefined)
      throw new EntityParseError("Custom emoji URL must have an emoji identifier");
    return length > 0 ? { type: "custom_emoji", offset, length, custom_emoji_id: id } : undefined;
  }
  const url = normalizeUrl(explicitUrl ?? text.slice(offset));
  return length > 0 && url !== undefined ? { type: "text_link", offset, length, url } : undefined;
}
