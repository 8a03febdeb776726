// A message's update delivered again with another sender: what a forged update (or a user who is
// no longer in the chat) looks like to the bot. The emulator itself lets only members post.
import type { Chat, Message, Update, User } from "grammy/types";
import type { BotApiEmulator } from "../emulator/index.ts";

/** Telegram's sender of an anonymous administrator's messages (sender_chat is the group). */
export const groupAnonymousBot: User = {
  id: 1087968824,
  is_bot: true,
  first_name: "Group",
  username: "GroupAnonymousBot",
};

/** `text` replaces the message's text; a leading /command gets its bot_command entity. */
export function redeliverAs(
  emulator: BotApiEmulator,
  message: Message,
  sender: { from: User; sender_chat?: Chat },
  text?: string,
): void {
  const update = emulator.updates.findLast(
    (candidate) =>
      candidate.message?.message_id === message.message_id &&
      candidate.message.chat.id === message.chat.id,
  );
  if (!update?.message) throw new Error(`No update of message ${message.message_id}`);
  const { sender_chat: _, ...original } = update.message;
  const forged = { ...original, ...sender, ...textOf(text) } as Update["message"];
  emulator.redeliver({ update_id: 0, message: forged });
}

function textOf(text: string | undefined): Partial<Message> {
  if (text === undefined) return {};
  const command = /^\/\S+/.exec(text)?.[0];
  return {
    text,
    entities: command ? [{ type: "bot_command", offset: 0, length: command.length }] : [],
  };
}
