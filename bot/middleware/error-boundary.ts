import type { BotError } from "grammy";
import type { Logger } from "../../core/logger.ts";
import type { BotContext } from "../context.ts";

/**
 * A handler that throws is logged with its update id; the user gets a short apology in their
 * language, and the bot carries on with the next update.
 */
export function apologizeAndLog(logger: Logger) {
  return async (error: BotError<BotContext>) => {
    const { ctx } = error;
    logger.error(
      { err: error.error, updateId: ctx.update.update_id, chatId: ctx.chat?.id },
      "update handler failed",
    );
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => {});
      if (ctx.chat?.type === "private") await ctx.reply(ctx.t("error-generic"));
    } catch (replyError) {
      logger.warn({ err: replyError, updateId: ctx.update.update_id }, "apology not delivered");
    }
  };
}
