import type { ChatFullInfo, User } from "grammy/types";
import { badRequest, fail } from "../api-error.ts";
import type { ChatRecord } from "../state/chat.ts";
import { chatMember } from "../state/members.ts";
import type { World } from "../state/world.ts";
import type { MethodTable } from "./context.ts";

/** getChat, chat members, pinning. */
export const chatMethods: MethodTable = {
  getChat: ({ params, world }) => fullInfo(world.resolveChat(params.chatId(), "read")),

  getChatMember: ({ params, world }) => {
    const chat = world.resolveChat(params.chatId(), "read");
    const userId = params.integer("user_id") ?? fail(badRequest("invalid user_id specified"));
    const user = findUser(world, userId) ?? fail(badRequest("user not found"));
    return chatMember(user, chat.memberStatus(userId), chat.chat.type === "supergroup");
  },

  getChatAdministrators: ({ params, world }) => {
    const chat = world.resolveChat(params.chatId(), "read");
    if (chat.isPrivate) throw badRequest("there are no administrators in the private chat");
    return [...chat.members]
      .filter(([, status]) => status === "administrator" || status === "creator")
      .flatMap(([id, status]) => {
        const user = findUser(world, id);
        return user === undefined
          ? []
          : [chatMember(user, status, chat.chat.type === "supergroup")];
      });
  },

  getChatMemberCount: ({ params, world }) => {
    const chat = world.resolveChat(params.chatId(), "read");
    return [...chat.members.values()].filter((status) => status !== "left" && status !== "kicked")
      .length;
  },

  pinChatMessage: ({ params, world }) => {
    const chat = world.resolveChat(params.chatId(), "write");
    const messageId =
      params.integer("message_id") ?? fail(badRequest("message identifier is not specified"));
    chat.find(messageId) ?? fail(badRequest("message to pin not found"));
    chat.pinnedMessageId = messageId;
    world.changes.notify();
    return true;
  },

  unpinChatMessage: ({ params, world }) => {
    const chat = world.resolveChat(params.chatId(), "write");
    chat.pinnedMessageId = undefined;
    world.changes.notify();
    return true;
  },

  leaveChat: ({ params, world }) => {
    const chat = world.resolveChat(params.chatId(), "read");
    if (chat.isPrivate) throw badRequest("chat member status can't be changed in private chats");
    chat.members.set(world.bot.id, "left");
    world.changes.notify();
    return true;
  },
};

function findUser(world: World, id: number): User | undefined {
  return id === world.bot.id ? world.botUser : world.users.get(id)?.user;
}

function fullInfo(chat: ChatRecord): ChatFullInfo {
  const pinned = chat.pinnedMessageId === undefined ? undefined : chat.find(chat.pinnedMessageId);
  const common = {
    accent_color_id: 0,
    max_reaction_count: 11,
    accepted_gift_types: {
      unlimited_gifts: false,
      limited_gifts: false,
      unique_gifts: false,
      premium_subscription: false,
      gifts_from_channels: false,
    },
    ...(pinned === undefined ? {} : { pinned_message: pinned.message }),
  };
  const description = chat.description === undefined ? {} : { description: chat.description };
  switch (chat.chat.type) {
    case "private":
      return { ...chat.chat, ...common };
    case "group":
      return { ...chat.chat, ...common, ...description };
    case "supergroup":
      return { ...chat.chat, ...common, ...description };
    case "channel":
      return { ...chat.chat, ...common, ...description };
  }
}
