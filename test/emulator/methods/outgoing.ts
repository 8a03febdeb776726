import type { LinkPreviewOptions, Message, MessageEntity, ReplyParameters } from "grammy/types";
import { badRequest, fail } from "../api-error.ts";
import { messageMarkup } from "../markup/reply-markup.ts";
import type { Params } from "../params.ts";
import type { ChatRecord, ReplyMarkup, StoredMessage } from "../state/chat.ts";
import type { MessageContent, Placement, World } from "../state/world.ts";
import { characterCount, formatText } from "../text/format-text.ts";
import type { FormattedText } from "../text/formatted.ts";

export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

/** Reads `text` with `parse_mode`/`entities`; empty after parsing is Telegram's "message text is empty". */
export function readMessageText(params: Params, world: World, field = "text"): FormattedText {
  const text = params.string(field) ?? fail(badRequest("message text is empty"));
  const formatted = formatText({
    text,
    parseMode: params.string("parse_mode"),
    entities: readEntities(params, "entities"),
    findUser: (id) => world.users.get(id)?.user,
  });
  if (formatted.text === "") throw badRequest("message text is empty");
  return formatted;
}

export function checkTextLength({ text }: FormattedText): void {
  if (characterCount(text) > MAX_TEXT_LENGTH) throw badRequest("message is too long");
}

/** Reads an optional caption; its fields are ready to spread into a message. */
export function readCaption(
  params: Params,
  world: World,
): { caption?: string; caption_entities?: MessageEntity[] } {
  const caption = params.string("caption");
  if (caption === undefined) return {};
  const formatted = formatText({
    text: caption,
    parseMode: params.string("parse_mode"),
    entities: readEntities(params, "caption_entities"),
    findUser: (id) => world.users.get(id)?.user,
  });
  if (characterCount(formatted.text) > MAX_CAPTION_LENGTH) {
    throw badRequest("message caption is too long");
  }
  if (formatted.text === "") return {};
  return formatted.entities.length === 0
    ? { caption: formatted.text }
    : { caption: formatted.text, caption_entities: formatted.entities };
}

export function textFields({ text, entities }: FormattedText): Pick<Message, "text" | "entities"> {
  return entities.length === 0 ? { text } : { text, entities };
}

function readEntities(params: Params, field: string): MessageEntity[] | undefined {
  const entities = params.json<MessageEntity[]>(field, () =>
    badRequest(`can't parse entities JSON object`),
  );
  if (entities !== undefined && !Array.isArray(entities))
    throw badRequest("can't parse entities JSON object");
  return entities;
}

/**
 * Reads where a new message goes: `message_thread_id` checked against the
 * forum's topics, `reply_parameters` (or the older `reply_to_message_id`).
 */
export function readPlacement(params: Params, chat: ChatRecord): Placement {
  const reply = params.json<ReplyParameters>("reply_parameters", () =>
    badRequest("can't parse reply parameters JSON object"),
  );
  const replyToId = reply?.message_id ?? params.integer("reply_to_message_id");
  const allowWithoutReply =
    reply?.allow_sending_without_reply ?? params.boolean("allow_sending_without_reply");
  const replyTo = replyToId === undefined ? undefined : chat.find(replyToId);
  if (replyToId !== undefined && replyTo === undefined && !allowWithoutReply) {
    throw badRequest("message to be replied not found");
  }
  const threadId = readThreadId(params, chat) ?? topicOf(replyTo);
  if (threadId !== undefined && chat.topics.get(threadId)?.closed) throw badRequest("TOPIC_CLOSED");
  const placement: Placement = {};
  if (threadId !== undefined) placement.threadId = threadId;
  if (replyTo !== undefined) placement.replyTo = replyTo;
  return placement;
}

function readThreadId(params: Params, chat: ChatRecord): number | undefined {
  const threadId = params.integer("message_thread_id");
  // Private chats without topics ignore the parameter; thread 1 is a forum's General topic.
  if (threadId === undefined || chat.isPrivate || (chat.isForum && threadId === 1))
    return undefined;
  const exists = chat.isForum ? chat.topics.has(threadId) : chat.find(threadId) !== undefined;
  if (!exists) throw badRequest("message thread not found");
  return threadId;
}

function topicOf(message: StoredMessage | undefined): number | undefined {
  return message?.message.is_topic_message ? message.message.message_thread_id : undefined;
}

/** Options of every send method that shape the stored message. */
export function readSendOptions(params: Params): MessageContent {
  const options: MessageContent = {};
  if (params.boolean("protect_content")) options.has_protected_content = true;
  return options;
}

export function readLinkPreview(params: Params): LinkPreviewOptions | undefined {
  const options = params.json<LinkPreviewOptions>("link_preview_options", () =>
    badRequest("can't parse link preview options JSON object"),
  );
  if (options !== undefined) return options;
  return params.boolean("disable_web_page_preview") ? { is_disabled: true } : undefined;
}

/** Stores a message from the bot and returns it as the Bot API does. */
export function postBotMessage(
  world: World,
  chat: ChatRecord,
  content: MessageContent,
  placement: Placement,
  markup: ReplyMarkup | undefined,
  extras: Pick<StoredMessage, "invoice"> = {},
): Message {
  const inline = messageMarkup(markup);
  const stored = world.postMessage(
    chat,
    world.botUser,
    inline === undefined ? content : { ...content, reply_markup: inline },
    placement,
    { sentByBot: true, ...(markup === undefined ? {} : { replyMarkup: markup }), ...extras },
  );
  if (markup !== undefined && "keyboard" in markup) chat.replyKeyboard = markup;
  if (markup !== undefined && "remove_keyboard" in markup) chat.replyKeyboard = undefined;
  return stored.message;
}
