// Who may act in a working chat (the staff chat, the agents' group): a member of that chat, asking
// in that chat. Asked of Telegram every time, so someone who left or was removed loses access at
// once; getChatMember is a read and waits behind no queue (telegram-limits.ts).
import type { Api, Context } from "grammy";
import type { Logger } from "../core/logger.ts";

/** `unknown`: Telegram did not say in time; the caller refuses and says it could not check. */
export type Membership = boolean | "unknown";

const memberStatuses = new Set(["creator", "administrator", "member"]);

/** `timeoutMs`: how long a check may take (a pressed button waits for it), MEMBERSHIP_CHECK_TIMEOUT_MS. */
export function chatMembership(chatId: number, logger: Logger, timeoutMs: number) {
  /** Whether the sender of a message, or who pressed a button, is a member of the chat. */
  return async function membershipOf(ctx: Context): Promise<Membership> {
    if (ctx.chat?.id !== chatId) return false;
    // A pressed button's message is the bot's: only a message has a sender chat of its own.
    const senderChat = ctx.callbackQuery ? undefined : ctx.msg?.sender_chat;
    // An anonymous administrator writes as the chat itself (from is GroupAnonymousBot).
    if (senderChat?.id === chatId) return true;
    if (!ctx.from || senderChat) return false;
    const userId = ctx.from.id;
    try {
      const member = await ctx.api.getChatMember(
        chatId,
        userId,
        // grammY types its signal with its own AbortSignal shim; Node's is the same thing.
        AbortSignal.timeout(timeoutMs) as Parameters<Api["getChatMember"]>[2],
      );
      return memberStatuses.has(member.status);
    } catch (error) {
      logger.warn({ err: error, chatId, userId }, "chat membership not checked");
      return "unknown";
    }
  };
}
