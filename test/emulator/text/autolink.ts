import type { MessageEntity } from "grammy/types";

type AutoType = "bot_command" | "mention" | "hashtag" | "url" | "email";

/** Patterns for what Telegram links by itself; URLs only with a scheme or "www.". */
const PATTERNS: ReadonlyArray<readonly [AutoType, RegExp]> = [
  ["email", /(?<![\p{L}\p{N}_.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\p{L}\p{N}_])/giu],
  ["url", /(?<![\p{L}\p{N}_@./])(?:https?:\/\/|www\.)[^\s<>"]+/giu],
  [
    "bot_command",
    /(?<![\p{L}\p{N}_/.@#])\/[a-z\d_]{1,64}(?:@[a-z][a-z\d_]{2,31})?(?![\p{L}\p{N}_/@])/giu,
  ],
  ["mention", /(?<![\p{L}\p{N}_@.])@[a-z][a-z\d_]{3,31}(?![\p{L}\p{N}_@])/giu],
  ["hashtag", /(?<![\p{L}\p{N}_#&])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu],
];

/** Entities that hide their text from link detection. */
const OPAQUE = new Set(["code", "pre", "text_link", "text_mention", "custom_emoji"]);

/**
 * Adds the entities Telegram detects in any text: commands, mentions,
 * hashtags, URLs and emails, where no explicit entity already claims the text.
 */
export function detectEntities(text: string, explicit: readonly MessageEntity[]): MessageEntity[] {
  const taken = explicit.filter((entity) => OPAQUE.has(entity.type));
  const found: MessageEntity[] = [];
  for (const [type, pattern] of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const value = type === "url" ? match[0].replace(/[.,;:!?)'"»]+$/u, "") : match[0];
      const entity: MessageEntity = { type, offset: match.index, length: value.length };
      const overlaps = (other: MessageEntity) =>
        entity.offset < other.offset + other.length && other.offset < entity.offset + entity.length;
      if (!taken.some(overlaps) && !found.some(overlaps)) found.push(entity);
    }
  }
  return found;
}
