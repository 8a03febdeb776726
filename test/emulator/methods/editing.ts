import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { badRequest, fail } from "../api-error.ts";
import { messageMarkup, readReplyMarkup } from "../markup/reply-markup.ts";
import type { Params } from "../params.ts";
import type { StoredMessage } from "../state/chat.ts";
import type { World } from "../state/world.ts";
import type { ApiContext, MethodTable } from "./context.ts";
import { sameJson } from "./equality.ts";
import { checkTextLength, readCaption, readLinkPreview, readMessageText } from "./outgoing.ts";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** Editing and deleting the bot's messages. */
export const editingMethods: MethodTable = {
  editMessageText: (ctx) => {
    const text = readMessageText(ctx.params, ctx.world);
    const markup = readInlineMarkup(ctx.params);
    const stored = findMessageToEdit(ctx);
    checkTextLength(text);
    if (stored.message.text === undefined)
      throw badRequest("there is no text in the message to edit");
    const linkPreview = readLinkPreview(ctx.params);
    return applyEdit(ctx.world, stored, {
      text: text.text,
      entities: text.entities.length > 0 ? text.entities : undefined,
      ...(linkPreview === undefined ? {} : { link_preview_options: linkPreview }),
      reply_markup: markup,
    });
  },

  editMessageCaption: (ctx) => {
    const caption = readCaption(ctx.params, ctx.world);
    const markup = readInlineMarkup(ctx.params);
    const stored = findMessageToEdit(ctx);
    if (stored.message.text !== undefined || stored.message.location !== undefined) {
      throw badRequest("there is no caption in the message to edit");
    }
    return applyEdit(ctx.world, stored, {
      caption: caption.caption,
      caption_entities: caption.caption_entities,
      reply_markup: markup,
    });
  },

  editMessageReplyMarkup: (ctx) => {
    const markup = readInlineMarkup(ctx.params);
    const stored = findMessageToEdit(ctx);
    return applyEdit(ctx.world, stored, { reply_markup: markup });
  },

  deleteMessage: ({ params, world }) => {
    const chat = world.resolveChat(params.chatId(), "write");
    const messageId =
      params.integer("message_id") ?? fail(badRequest("message identifier is not specified"));
    const stored = chat.find(messageId) ?? fail(badRequest("message to delete not found"));
    if (!canDelete(world, chat.isPrivate, chat.memberStatus(world.bot.id), stored)) {
      throw badRequest("message can't be deleted");
    }
    stored.deleted = true;
    world.changes.notify();
    return true;
  },

  deleteMessages: ({ params, world }) => {
    const chat = world.resolveChat(params.chatId(), "write");
    const ids = params.json<unknown[]>("message_ids", () => badRequest("message_ids is empty"));
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) {
      throw badRequest("message_ids must be a non-empty array of at most 100 identifiers");
    }
    const found = ids.flatMap((id) => chat.find(Number(id)) ?? []);
    if (found.length === 0) throw badRequest("message to delete not found");
    const status = chat.memberStatus(world.bot.id);
    for (const stored of found) {
      if (canDelete(world, chat.isPrivate, status, stored)) stored.deleted = true;
    }
    world.changes.notify();
    return true;
  },
};

/** Editing methods accept only an inline keyboard; absent, the keyboard is removed. */
function readInlineMarkup(params: Params): InlineKeyboardMarkup | undefined {
  const markup = readReplyMarkup(params);
  if (markup !== undefined && !("inline_keyboard" in markup)) {
    throw badRequest("inline keyboard expected");
  }
  return messageMarkup(markup);
}

function findMessageToEdit({ params, world }: ApiContext): StoredMessage {
  if (params.has("inline_message_id")) throw badRequest("MESSAGE_ID_INVALID");
  const chat = world.resolveChat(params.chatId(), "write");
  const messageId =
    params.integer("message_id") ?? fail(badRequest("message identifier is not specified"));
  const stored = chat.find(messageId) ?? fail(badRequest("message to edit not found"));
  if (!stored.sentByBot) throw badRequest("message can't be edited");
  return stored;
}

/** Replaces the given fields (undefined removes one), or fails when nothing changes. */
function applyEdit(world: World, stored: StoredMessage, changes: Partial<Message>): Message {
  const current = stored.message as unknown as Record<string, unknown>;
  const unchanged = Object.entries(changes).every(([field, value]) =>
    sameJson(current[field], value),
  );
  if (unchanged) throw badRequest(NOT_MODIFIED);
  const next: Record<string, unknown> = { ...current, ...changes, edit_date: world.unixTime() };
  for (const [field, value] of Object.entries(changes)) if (value === undefined) delete next[field];
  stored.message = next as unknown as Message;
  if ("reply_markup" in changes) {
    if (changes.reply_markup === undefined) delete stored.replyMarkup;
    else stored.replyMarkup = changes.reply_markup;
  }
  world.changes.notify();
  return stored.message;
}

/** A bot deletes its own messages anywhere, and others' in private chats or as an admin. */
function canDelete(
  world: World,
  isPrivate: boolean,
  botStatus: string,
  stored: StoredMessage,
): boolean {
  return (
    isPrivate ||
    stored.message.from?.id === world.bot.id ||
    botStatus === "administrator" ||
    botStatus === "creator"
  );
}
