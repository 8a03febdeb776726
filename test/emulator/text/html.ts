import type { MessageEntity } from "grammy/types";
import { byteOffset, EntityParseError, type FormattedText, sortEntities } from "./formatted.ts";
import { normalizeUrl } from "./url.ts";

const SUPPORTED_TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "s",
  "strike",
  "del",
  "u",
  "ins",
  "tg-spoiler",
  "tg-emoji",
  "span",
  "pre",
  "code",
  "blockquote",
]);

const SIMPLE_TAGS: Record<string, MessageEntity.CommonMessageEntity["type"]> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  u: "underline",
  ins: "underline",
  "tg-spoiler": "spoiler",
  span: "spoiler",
};

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  /** The one attribute that matters for the tag: href, class, emoji-id or expandable. */
  argument: string;
  /** UTF-16 offset of the tag's content in the parsed text. */
  offset: number;
  /** For <pre>: the language of a <code class="language-x"> filling it, merged into one entity. */
  childCodeLanguage?: string;
}

/** Parses Telegram's HTML parse mode, failing with Telegram's own messages. */
export function parseHtml(input: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const open: OpenTag[] = [];
  const error = (message: string, index?: number) =>
    new EntityParseError(
      index === undefined ? message : `${message} at byte offset ${byteOffset(input, index)}`,
    );

  let i = 0;
  while (i < input.length) {
    const char = input[i];
    if (char === "&") {
      const decoded = decodeEntity(input, i);
      if (decoded !== undefined) {
        text += decoded.value;
        i = decoded.end;
        continue;
      }
    }
    if (char !== "<") {
      text += char;
      i++;
      continue;
    }

    const begin = i;
    i++;
    if (input[i] !== "/") {
      while (i < input.length && !isSpace(input[i]) && input[i] !== ">") i++;
      if (i >= input.length) throw error("Unclosed start tag", begin);
      const name = input.slice(begin + 1, i).toLowerCase();
      if (!SUPPORTED_TAGS.has(name)) throw error(`Unsupported start tag "${name}"`, begin);

      let argument = "";
      while (input[i] !== ">") {
        while (isSpace(input[i])) i++;
        if (input[i] === ">") break;
        const attributeBegin = i;
        while (i < input.length && !isSpace(input[i]) && input[i] !== "=" && input[i] !== ">") i++;
        const attribute = input.slice(attributeBegin, i).toLowerCase();
        if (attribute === "") throw error(`Empty attribute name in the tag "${name}"`, begin);
        while (isSpace(input[i])) i++;
        if (input[i] !== "=") {
          if (name === "blockquote" && attribute === "expandable") {
            argument = "expandable";
            continue;
          }
          if (i >= input.length) throw error(`Unclosed start tag "${name}"`, begin);
          throw error(
            `Expected equal sign in declaration of an attribute of the tag "${name}"`,
            begin,
          );
        }
        i++;
        while (isSpace(input[i])) i++;
        if (i >= input.length) throw error(`Unclosed start tag "${name}"`, begin);
        let value: string;
        const quote = input[i];
        if (quote === '"' || quote === "'") {
          const close = input.indexOf(quote, i + 1);
          if (close === -1) throw error("Unclosed start tag", begin);
          value = decodeEntities(input.slice(i + 1, close));
          i = close + 1;
        } else {
          const tokenBegin = i;
          while (i < input.length && /[a-zA-Z\d.-]/.test(input[i] ?? "")) i++;
          if (i >= input.length || (!isSpace(input[i]) && input[i] !== ">")) {
            throw error("Unexpected end of name token", tokenBegin);
          }
          value = input.slice(tokenBegin, i);
        }
        if (isMeaningfulAttribute(name, attribute)) argument = value;
      }
      if (name === "span" && argument !== "tg-spoiler") {
        throw error('Tag "span" must have class "tg-spoiler"', begin);
      }
      open.push({ name, argument, offset: text.length });
      i++;
      continue;
    }

    // An end tag; its name may be omitted: "</>".
    const last = open.at(-1);
    if (last === undefined) throw error("Unexpected end tag", begin);
    i++;
    const nameBegin = i;
    while (i < input.length && !isSpace(input[i]) && input[i] !== ">") i++;
    const name = input.slice(nameBegin, i).toLowerCase();
    while (isSpace(input[i])) i++;
    if (input[i] !== ">") throw error("Unclosed end tag", begin);
    if (name !== "" && name !== last.name) {
      throw new EntityParseError(
        `Unmatched end tag at byte offset ${byteOffset(input, begin)}, expected "</${last.name}>", found "</${name}>"`,
      );
    }
    open.pop();
    i++;
    const entity = closeTag(last, text, open.at(-1));
    if (entity !== undefined) entities.push(entity);
  }

  const unclosed = open.at(-1);
  if (unclosed !== undefined) {
    throw new EntityParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  }
  return { text, entities: sortEntities(entities) };
}

function closeTag(
  tag: OpenTag,
  text: string,
  parent: OpenTag | undefined,
): MessageEntity | undefined {
  const offset = tag.offset;
  const length = text.length - offset;
  if (length === 0) return undefined;
  const simple = SIMPLE_TAGS[tag.name];
  if (simple !== undefined) return { type: simple, offset, length };
  switch (tag.name) {
    case "a": {
      const url = normalizeUrl(tag.argument === "" ? text.slice(offset) : tag.argument);
      return url === undefined ? undefined : { type: "text_link", offset, length, url };
    }
    case "tg-emoji":
      if (!/^\d+$/.test(tag.argument)) {
        throw new EntityParseError("Invalid custom emoji identifier specified");
      }
      return { type: "custom_emoji", offset, length, custom_emoji_id: tag.argument };
    case "code": {
      const language = /^language-(.+)$/.exec(tag.argument)?.[1];
      // <pre><code class="language-x"> spanning all of the pre is one "pre" entity with a language.
      if (parent?.name === "pre" && parent.offset === offset && language !== undefined) {
        parent.childCodeLanguage = language;
        return undefined;
      }
      return { type: "code", offset, length };
    }
    case "pre": {
      const language = tag.childCodeLanguage ?? /^language-(.+)$/.exec(tag.argument)?.[1];
      return language === undefined
        ? { type: "pre", offset, length }
        : { type: "pre", offset, length, language };
    }
    case "blockquote":
      return {
        type: tag.argument === "expandable" ? "expandable_blockquote" : "blockquote",
        offset,
        length,
      };
    default:
      return undefined;
  }
}

function isMeaningfulAttribute(tag: string, attribute: string): boolean {
  return (
    (tag === "a" && attribute === "href") ||
    ((tag === "code" || tag === "span" || tag === "pre") && attribute === "class") ||
    (tag === "tg-emoji" && attribute === "emoji-id")
  );
}

function isSpace(char: string | undefined): boolean {
  return char === " " || char === "\t" || char === "\n" || char === "\r";
}

/** Decodes one HTML entity at `index`; the closing semicolon is optional, as in Telegram. */
function decodeEntity(input: string, index: number): { value: string; end: number } | undefined {
  const match = /^&(#x[\da-f]+|#\d+|[a-z]+);?/i.exec(input.slice(index, index + 12));
  if (match === null) return undefined;
  const body = match[1] ?? "";
  let value: string | undefined;
  if (body.startsWith("#")) {
    const code =
      body[1] === "x" || body[1] === "X"
        ? Number.parseInt(body.slice(2), 16)
        : Number(body.slice(1));
    if (code >= 0xd800 && code <= 0xdfff) {
      throw new EntityParseError(
        "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units",
      );
    }
    if (code > 0 && code <= 0x10ffff) value = String.fromCodePoint(code);
  } else {
    value = NAMED_ENTITIES[body.toLowerCase()];
    // Only the named entities Telegram knows are decoded; "&laquo;" stays as it is.
    if (value === undefined || body !== body.toLowerCase()) return undefined;
  }
  return value === undefined ? undefined : { value, end: index + match[0].length };
}

function decodeEntities(value: string): string {
  let result = "";
  let i = 0;
  while (i < value.length) {
    const decoded = value[i] === "&" ? decodeEntity(value, i) : undefined;
    if (decoded === undefined) {
      result += value[i];
      i++;
    } else {
      result += decoded.value;
      i = decoded.end;
    }
  }
  return result;
}
