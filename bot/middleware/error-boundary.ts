import type { I18n } from "@grammyjs/i18n";
import type { BotError } from "grammy";
import type { Update } from "grammy/types";
import {
  BillingCredentialRejectedError,
  BillingUnavailableError,
} from "../../core/billing/billing-errors.ts";
import { isDatabaseUnreachable } from "../../core/db-outage.ts";
import type { Logger } from "../../core/logger.ts";
import type { Outages } from "../../core/outages.ts";
import { CallCutError } from "../api-shutdown.ts";
import type { BotContext } from "../context.ts";
import { localeOf } from "../i18n.ts";
import { rememberFailed } from "./failed-updates.ts";

/**
 * A handler that throws is logged with its update id and counted; the user gets a short apology in their
 * language, and the bot carries on with the next update. While Redis or PostgreSQL is down the
 * outage itself is logged once (core/outages.ts), so the updates it fails are only debug lines.
 * An external billing that does not answer is a warning (once a minute at most) and the user is
 * asked to try again in a few minutes; a stored billing password it refuses asks for /login.
 */
export function apologizeAndLog({
  logger,
  i18n,
  outages,
  countError,
}: {
  logger: Logger;
  i18n: I18n<BotContext>;
  outages?: Outages;
  /** Counts the failure for /metrics (kaspnet_update_errors_total). */
  countError?: (update: Update) => void;
}) {
  let billingWarnedAt = Number.NEGATIVE_INFINITY;
  return async (error: BotError<BotContext>) => {
    const { ctx } = error;
    const cause = error.error;
    rememberFailed(ctx.update);
    // Not a failure: the process is stopping and the update goes back to the inbox for the next
    // start (bot/update-inbox.ts), which answers it; an apology could not be sent anyway.
    if (cause instanceof CallCutError) {
      logger.info(
        { updateId: ctx.update.update_id, method: cause.method },
        "update cut by the stop",
      );
      return;
    }
    countError?.(ctx.update);
    if (isDatabaseUnreachable(cause)) outages?.markDown("postgresql", cause);
    const down = outages?.current() ?? [];
    const fields = { err: cause, updateId: ctx.update.update_id, chatId: ctx.chat?.id };
    if (cause instanceof BillingUnavailableError) {
      const quiet = Date.now() - billingWarnedAt < billingWarnEveryMs;
      if (!quiet) billingWarnedAt = Date.now();
      const billingFields = { updateId: fields.updateId, detail: cause.message };
      if (quiet) logger.debug(billingFields, "billing unavailable");
      else logger.warn(billingFields, "billing unavailable");
    } else if (cause instanceof BillingCredentialRejectedError) {
      logger.info({ updateId: fields.updateId, accountId: cause.accountId }, cause.message);
    } else if (down.length > 0) logger.debug({ ...fields, down }, "update failed during an outage");
    else logger.error(fields, "update handler failed");
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => {});
      if (ctx.chat?.type === "private") await ctx.reply(apology(ctx, i18n, apologyKey(cause)));
    } catch (replyError) {
      logger.warn({ err: replyError, updateId: ctx.update.update_id }, "apology not delivered");
    }
  };
}

const billingWarnEveryMs = 60_000;

type ApologyKey =
  | "error-generic"
  | "error-billing-unavailable"
  | "error-billing-credential-rejected";

function apologyKey(cause: unknown): ApologyKey {
  if (cause instanceof BillingUnavailableError) return "error-billing-unavailable";
  if (cause instanceof BillingCredentialRejectedError) return "error-billing-credential-rejected";
  return "error-generic";
}

// The session (and so the i18n plugin) may be what failed: then the Telegram language decides.
function apology(ctx: BotContext, i18n: I18n<BotContext>, key: ApologyKey): string {
  if (typeof ctx.t === "function") return ctx.t(key);
  return i18n.t(localeOf(ctx.from?.language_code), key);
}
