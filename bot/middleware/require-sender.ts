// Every kind of update the bot asks Telegram for has a sender, but the Bot API types `from` as
// optional (a channel's post has none), and the handlers take it as the user they act for. An
// update without one has nobody to act for or answer, so no handler sees it.
import type { Middleware } from "grammy";
import type { Logger } from "../../core/logger.ts";
import type { BotContext } from "../context.ts";

export function requireSender(logger: Logger): Middleware<BotContext> {
  return async (ctx, next) => {
    if (ctx.from !== undefined) return next();
    logger.debug(
      { updateId: ctx.update.update_id, chatId: ctx.chat?.id },
      "update without a sender ignored",
    );
  };
}
