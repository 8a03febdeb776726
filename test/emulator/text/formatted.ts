import type { MessageEntity } from "grammy/types";

/** Text with its entities, offsets and lengths in UTF-16 code units like Telegram's. */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

/** Raised by the parse-mode parsers; becomes "Bad Request: can't parse entities: <message>". */
export class EntityParseError extends Error {
  override readonly name = "EntityParseError";
}

/** Telegram reports positions in markup as UTF-8 byte offsets. */
export function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), "utf8");
}

/** Orders entities the way Telegram returns them: by offset, longer (outer) first. */
export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}
