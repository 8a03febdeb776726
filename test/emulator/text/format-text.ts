import type { MessageEntity, User } from "grammy/types";
import { badRequest } from "../api-error.ts";
import { detectEntities } from "./autolink.ts";
import { EntityParseError, type FormattedText, sortEntities } from "./formatted.ts";
import { parseHtml } from "./html.ts";
import { parseMarkdown } from "./markdown.ts";
import { parseMarkdownV2 } from "./markdown-v2.ts";
import { mentionedUserId } from "./url.ts";

export interface TextInput {
  text: string;
  parseMode?: string;
  entities?: MessageEntity[];
  /** Resolves `tg://user?id=` links to users, which become text_mention entities. */
  findUser?: (id: number) => User | undefined;
}

/**
 * Turns text as a bot sends it into what Telegram stores: markup parsed into
 * entities, whitespace trimmed at both ends, links and commands detected.
 */
export function formatText({ text, parseMode, entities, findUser }: TextInput): FormattedText {
  const parsed =
    parseMode === undefined ? { text, entities: entities ?? [] } : parse(text, parseMode);
  const withMentions = parsed.entities.flatMap((entity): MessageEntity[] => {
    if (entity.type !== "text_link") return [entity];
    const userId = mentionedUserId(entity.url);
    if (userId === undefined) return [entity];
    const user = findUser?.(userId);
    return user === undefined
      ? []
      : [{ type: "text_mention", offset: entity.offset, length: entity.length, user }];
  });
  const trimmed = trim({ text: parsed.text, entities: withMentions });
  return {
    text: trimmed.text,
    entities: sortEntities([
      ...trimmed.entities,
      ...detectEntities(trimmed.text, trimmed.entities),
    ]),
  };
}

/** Telegram's length limits count UTF-16 code units, as its entity offsets do: an emoji is two. */
export function characterCount(text: string): number {
  return text.length;
}

function parse(text: string, parseMode: string): FormattedText {
  try {
    switch (parseMode.toLowerCase()) {
      case "html":
        return parseHtml(text);
      case "markdownv2":
        return parseMarkdownV2(text);
      case "markdown":
        return parseMarkdown(text);
      default:
        throw badRequest("unsupported parse_mode");
    }
  } catch (error) {
    if (error instanceof EntityParseError) {
      throw badRequest(`can't parse entities: ${error.message}`);
    }
    throw error;
  }
}

function trim({ text, entities }: FormattedText): FormattedText {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  if (start >= end) return { text: "", entities: [] };
  const clipped = entities.flatMap((entity) => {
    const from = Math.max(entity.offset, start);
    const to = Math.min(entity.offset + entity.length, end);
    return to > from ? [{ ...entity, offset: from - start, length: to - from }] : [];
  });
  return { text: text.slice(start, end), entities: clipped };
}
