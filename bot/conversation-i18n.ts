// Conversations replay on fresh context objects without the outside plugins; this gives their
// steps `ctx.t` in the language the user has outside (Telegram's, or the one picked in /help).
import type { I18n } from "@grammyjs/i18n";
import type { MiddlewareFn } from "grammy";
import type { BotContext, BotConversation, ConversationContext } from "./context.ts";

export function conversationI18n(i18n: I18n<BotContext>) {
  return async (conversation: BotConversation): Promise<MiddlewareFn<ConversationContext>[]> => {
    const locale = await conversation.external((outside) => outside.i18n.getLocale());
    return [
      (ctx, next) => {
        ctx.t = (key, variables) => i18n.t(locale, key, variables);
        return next();
      },
    ];
  };
}
