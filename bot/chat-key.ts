// The key of one chat's updates: they are handled in order, share a session, and hold one lock
// across webhook instances. Updates without a chat (pre_checkout_query) go by their user, whose
// private chat it is.
import type { Context } from "grammy";

export const chatKey = (ctx: Context) => (ctx.chat?.id ?? ctx.from?.id)?.toString();
