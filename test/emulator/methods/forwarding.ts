import type { Message, MessageId, MessageOrigin } from "grammy/types";
import { badRequest, fail } from "../api-error.ts";
import { readReplyMarkup } from "../markup/reply-markup.ts";
import type { StoredMessage } from "../state/chat.ts";
import type { MessageContent } from "../state/world.ts";
import type { ApiContext, MethodTable } from "./context.ts";
import { postBotMessage, readCaption, readPlacement, readSendOptions } from "./outgoing.ts";

/** Fields that are a message's content, the part copyMessage carries over. */
const CONTENT_FIELDS = [
  "text",
  "entities",
  "link_preview_options",
  "animation",
  "audio",
  "document",
  "photo",
  "sticker",
  "video",
  "video_note",
  "voice",
  "caption",
  "caption_entities",
  "has_media_spoiler",
  "contact",
  "location",
  "venue",
  "poll",
  "dice",
] as const;

const CAPTIONED = ["animation", "audio", "document", "photo", "video", "voice"] as const;

/** copyMessage and forwardMessage. */
export const forwardingMethods: MethodTable = {
  copyMessage: (ctx): MessageId => {
    const caption = ctx.params.has("caption") ? readCaption(ctx.params, ctx.world) : undefined;
    const markup = readReplyMarkup(ctx.params);
    const source = findSource(ctx, "copy");
    const chat = ctx.world.resolveChat(ctx.params.chatId(), "write");
    const content = contentOf(source.message);
    if (Object.keys(content).length === 0) throw badRequest("message can't be copied");
    const hasCaption = CAPTIONED.some((field) => content[field] !== undefined);
    const copied: MessageContent =
      caption !== undefined && hasCaption
        ? {
            ...withoutCaption(content),
            ...caption,
          }
        : content;
    const message = postBotMessage(
      ctx.world,
      chat,
      { ...copied, ...readSendOptions(ctx.params) },
      readPlacement(ctx.params, chat),
      markup,
    );
    return { message_id: message.message_id };
  },

  forwardMessage: (ctx): Message => {
    const source = findSource(ctx, "forward");
    const chat = ctx.world.resolveChat(ctx.params.chatId(), "write");
    const content = contentOf(source.message);
    if (Object.keys(content).length === 0) throw badRequest("message can't be forwarded");
    const { threadId } = readPlacement(ctx.params, chat);
    return postBotMessage(
      ctx.world,
      chat,
      {
        forward_origin: originOf(source.message),
        ...content,
        ...readSendOptions(ctx.params),
      },
      threadId === undefined ? {} : { threadId },
      undefined,
    );
  },
};

function findSource({ params, world }: ApiContext, verb: "copy" | "forward"): StoredMessage {
  const from = world.resolveChat(params.chatId("from_chat_id"), "read");
  const messageId =
    params.integer("message_id") ?? fail(badRequest("message identifier is not specified"));
  const source = from.find(messageId) ?? fail(badRequest(`message to ${verb} not found`));
  if (source.message.has_protected_content) throw badRequest(`message can't be ${verb}ed`);
  return source;
}

function contentOf(message: Message): MessageContent {
  const content: Record<string, unknown> = {};
  for (const field of CONTENT_FIELDS) {
    if (message[field] !== undefined) content[field] = message[field];
  }
  return content as MessageContent;
}

function withoutCaption(content: MessageContent): MessageContent {
  const { caption: _, caption_entities: __, ...rest } = content;
  return rest;
}

function originOf(message: Message): MessageOrigin {
  if (message.forward_origin !== undefined) return message.forward_origin;
  const date = message.date;
  if (message.chat.type === "channel") {
    return { type: "channel", chat: message.chat, message_id: message.message_id, date };
  }
  if (message.sender_chat !== undefined) {
    return { type: "chat", sender_chat: message.sender_chat, date };
  }
  if (message.from === undefined) throw badRequest("message can't be forwarded");
  return { type: "user", sender_user: message.from, date };
}
