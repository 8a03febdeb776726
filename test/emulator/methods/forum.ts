import type { ForumTopic, Message } from "grammy/types";
import { badRequest, fail } from "../api-error.ts";
import type { ChatRecord, TopicRecord } from "../state/chat.ts";
import type { MessageContent, World } from "../state/world.ts";
import type { ApiContext, MethodTable } from "./context.ts";

/** The colors Telegram allows for topic icons. */
const ICON_COLORS = new Set([7322096, 16766590, 13338331, 9367192, 16749490, 16478047]);

/** Forum topics: creating, renaming, closing, reopening, deleting. */
export const forumMethods: MethodTable = {
  createForumTopic: ({ params, world }): ForumTopic => {
    const chat = forumChat(params.chatId(), world);
    const name = readName(params.string("name"));
    const iconColor = params.integer("icon_color") ?? 7322096;
    if (!ICON_COLORS.has(iconColor)) throw badRequest("TOPIC_ICON_COLOR_INVALID");
    const emojiId = params.string("icon_custom_emoji_id");
    const created = postTopicMessage(world, chat, (threadId) => threadId, {
      forum_topic_created: {
        name,
        icon_color: iconColor,
        ...(emojiId === undefined ? {} : { icon_custom_emoji_id: emojiId }),
      },
    });
    const topic: ForumTopic = {
      message_thread_id: created.message_id,
      name,
      icon_color: iconColor,
      ...(emojiId === undefined ? {} : { icon_custom_emoji_id: emojiId }),
    };
    chat.topics.set(topic.message_thread_id, { topic, closed: false });
    world.changes.notify();
    return topic;
  },

  editForumTopic: (ctx) => {
    const { chat, record } = topicOf(ctx);
    const name = ctx.params.string("name");
    const emojiId = ctx.params.string("icon_custom_emoji_id");
    if (name === undefined && emojiId === undefined) throw badRequest("TOPIC_NOT_MODIFIED");
    if (name !== undefined) record.topic = { ...record.topic, name: readName(name) };
    if (emojiId !== undefined) record.topic = { ...record.topic, icon_custom_emoji_id: emojiId };
    postTopicMessage(ctx.world, chat, () => record.topic.message_thread_id, {
      forum_topic_edited: {
        ...(name === undefined ? {} : { name }),
        ...(emojiId === undefined ? {} : { icon_custom_emoji_id: emojiId }),
      },
    });
    return true;
  },

  closeForumTopic: (ctx) => setClosed(ctx, true),
  reopenForumTopic: (ctx) => setClosed(ctx, false),

  deleteForumTopic: (ctx) => {
    const { chat, record } = topicOf(ctx);
    const threadId = record.topic.message_thread_id;
    for (const stored of chat.all()) {
      if (stored.message.message_thread_id === threadId) stored.deleted = true;
    }
    chat.topics.delete(threadId);
    ctx.world.changes.notify();
    return true;
  },
};

function setClosed(ctx: ApiContext, closed: boolean): true {
  const { chat, record } = topicOf(ctx);
  if (record.closed === closed) throw badRequest("TOPIC_NOT_MODIFIED");
  record.closed = closed;
  postTopicMessage(
    ctx.world,
    chat,
    () => record.topic.message_thread_id,
    closed ? { forum_topic_closed: {} } : { forum_topic_reopened: {} },
  );
  return true;
}

/** A forum supergroup where the bot may manage topics. */
function forumChat(chatId: number | string | undefined, world: World): ChatRecord {
  const chat = world.resolveChat(chatId, "write");
  if (!chat.isForum) throw badRequest("the chat is not a forum");
  const status = chat.memberStatus(world.bot.id);
  if (status !== "administrator" && status !== "creator") {
    throw badRequest("not enough rights to manage topics");
  }
  return chat;
}

function topicOf({ params, world }: ApiContext): { chat: ChatRecord; record: TopicRecord } {
  const chat = forumChat(params.chatId(), world);
  const threadId =
    params.integer("message_thread_id") ?? fail(badRequest("message thread not found"));
  const record = chat.topics.get(threadId) ?? fail(badRequest("message thread not found"));
  return { chat, record };
}

function readName(name: string | undefined): string {
  if (name === undefined || name.length > 128) throw badRequest("TOPIC_TITLE_INVALID");
  return name;
}

/** A service message from the bot inside a topic; `threadOf` maps its own id to the topic's. */
function postTopicMessage(
  world: World,
  chat: ChatRecord,
  threadOf: (messageId: number) => number,
  content: MessageContent,
): Message {
  const stored = chat.append(
    (messageId) => ({
      message_id: messageId,
      from: world.botUser,
      chat: chat.chat,
      date: world.unixTime(),
      message_thread_id: threadOf(messageId),
      is_topic_message: true,
      ...content,
    }),
    { sentByBot: false },
  );
  world.changes.notify();
  return stored.message;
}
