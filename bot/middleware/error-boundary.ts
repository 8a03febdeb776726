import type { I18n } from "@grammyjs/i18n";
import type { BotError } from "grammy";
import { isDatabaseUnreachable } from "../../core/db-outage.ts";
import type { Logger } from "../../core/logger.ts";
import type { Outages } from "../../core/outages.ts";
import type { BotContext } from "../context.ts";
import { localeOf } from "../i18n.ts";
import { rememberFailed } from "./failed-updates.ts";

/**
 * A handler that throws is logged with its update id; the user gets a short apology in their
 * language, and the bot carries on with the next update. While Redis or PostgreSQL is down the
 * outage itself is logged once (core/outages.ts), so the updates it fails are only debug lines.
 */
export function apologizeAndLog({
  logger,
  i18n,
  outages,
}: {
  logger: Logger;
  i18n: I18n<BotContext>;
  outages?: Outages;
}) {
  return async (error: BotError<BotContext>) => {
    const { ctx } = error;
    rememberFailed(ctx.update);
    if (isDatabaseUnreachable(error.error)) outages?.markDown("postgresql", error.error);
    const down = outages?.current() ?? [];
    const fields = { err: error.error, updateId: ctx.update.update_id, chatId: ctx.chat?.id };
    if (down.length > 0) logger.debug({ ...fields, down }, "update failed during an outage");
    else logger.error(fields, "update handler failed");
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => {});
      if (ctx.chat?.type === "private") await ctx.reply(apology(ctx, i18n));
    } catch (replyError) {
      logger.warn({ err: replyError, updateId: ctx.update.update_id }, "apology not delivered");
    }
  };
}

// The session (and so the i18n plugin) may be what failed: then the Telegram language decides.
function apology(ctx: BotContext, i18n: I18n<BotContext>): string {
  if (typeof ctx.t === "function") return ctx.t("error-generic");
  return i18n.t(localeOf(ctx.from?.language_code), "error-generic");
}
