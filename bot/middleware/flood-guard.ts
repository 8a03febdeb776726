// One user's flood is slowed without touching anyone else: @grammyjs/ratelimiter counts each
// user's updates in a private chat per window (in Redis, shared by every instance, or in memory)
// and drops those over the limit before they reach the chat's queue, the session or a handler,
// so a flood costs one counter increment an update. The first update over the limit gets one
// polite warning for the window; a dropped button press is answered so its spinner stops. An
// update dropped here has been handled as far as the inbox is concerned.
//
// Never counted nor dropped: a payment's updates (pre_checkout_query must be answered within 10 s
// and a successful_payment credited: money), anything in a group (the agents' and the staff chat:
// their work, and a group's members are not one flooder), the bot's own membership changes (who
// blocked it), and an answer to a password prompt (it must still be deleted at once).
import type { I18n } from "@grammyjs/i18n";
import { limit } from "@grammyjs/ratelimiter";
import type { Middleware, StorageAdapter } from "grammy";
import type { Config } from "../../core/config.ts";
import type { Logger } from "../../core/logger.ts";
import type { Redis } from "../../core/redis.ts";
import type { BotContext, SessionData } from "../context.ts";
import { localeOf } from "../i18n.ts";
import { passwordPromptRecognizer } from "../password-prompt.ts";

/** The two Redis commands the plugin's store sends (its type is not exported). */
interface CounterClient {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

export interface FloodGuardDeps {
  limits: Config["flood"];
  redis: Redis | undefined;
  i18n: I18n<BotContext>;
  logger: Logger;
  /** Where the language a user picked in /help is kept (the guard runs before the session). */
  sessions: StorageAdapter<SessionData>;
  /** Counts each dropped update. */
  onDropped?: () => void;
}

export function floodGuard(deps: FloodGuardDeps): Middleware<BotContext> {
  const { limits, redis, logger } = deps;
  if (limits.limit === undefined) return (_ctx, next) => next();
  const isPasswordPrompt = passwordPromptRecognizer(deps.i18n);

  const isExempt = (ctx: BotContext): boolean => {
    if (ctx.preCheckoutQuery || ctx.myChatMember) return true;
    const message = ctx.message;
    if (message?.successful_payment || message?.refunded_payment) return true;
    if (ctx.chat !== undefined && ctx.chat.type !== "private") return true;
    const prompt = message?.reply_to_message;
    return prompt?.from?.id === ctx.me.id && !!prompt.text && !!isPasswordPrompt(prompt.text);
  };

  const guard = limit<BotContext, CounterClient>({
    timeFrame: limits.windowMs,
    limit: limits.limit,
    storageClient: redis ? windowCounter(redis, limits.windowMs, logger) : "MEMORY_STORE",
    keyPrefix: "flood:",
    keyGenerator: (ctx) => (ctx.from && !isExempt(ctx) ? String(ctx.from.id) : undefined),
    // Called for the first update over the limit only: one warning per window.
    onLimitExceeded: (ctx) => warn(ctx, deps),
  });

  return async (ctx, next) => {
    let passed = false;
    await guard(ctx, () => {
      passed = true;
      return next();
    });
    if (passed) return;
    deps.onDropped?.();
    // Unthrottled (no chat_id): answering spends none of the send budget other chats share.
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => {});
  };
}

async function warn(ctx: BotContext, { i18n, sessions, logger }: FloodGuardDeps): Promise<void> {
  const user = ctx.from;
  if (!user) return;
  logger.info({ userId: user.id }, "flood guard: updates dropped for the rest of the window");
  try {
    // A private chat's session is keyed by the chat, which is the user's id.
    const picked = await Promise.resolve(sessions.read(String(user.id))).catch(() => undefined);
    const locale = localeOf(picked?.__language_code ?? user.language_code);
    await ctx.api.sendMessage(user.id, i18n.t(locale, "flood-warning"));
  } catch (error) {
    logger.warn({ err: error, userId: user.id }, "flood warning not delivered");
  }
}

/**
 * The plugin's RedisStore sends INCR, then PEXPIRE on the first hit: a process stopped between
 * the two leaves a counter that never expires, its user limited for good. One script does both.
 * Redis unreachable: the update passes (the session, next, fails it and the user gets the apology).
 */
function windowCounter(redis: Redis, windowMs: number, logger: Logger): CounterClient {
  const script =
    "local n = redis.call('INCR', KEYS[1]) " +
    "if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";
  return {
    async incr(key: string) {
      try {
        return Number(await redis.eval(script, 1, key, windowMs));
      } catch (error) {
        logger.debug({ err: error }, "flood guard: counter unavailable, update let through");
        return 0;
      }
    },
    // The script has set the expiry with the first hit.
    pexpire: async () => 1,
  };
}
