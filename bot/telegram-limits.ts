// Outgoing calls stay within Telegram's limits. What the bot sends on its own (the outbox's
// reminders, announcements and notices, posts into the agents' group and the staff chat, anything
// sent outside an update's handler) is queued by the throttler: overall, per chat and per group,
// never reordering one chat's messages. An answer to a user's update in their private chat goes
// at once: it is one person's conversation, already one handler at a time per chat
// (sequentialize), and capping it by the broadcast pace capped the bot at ~25 answers a second
// however idle it was; what answers send is taken from the broadcasts' share of the second
// (bot/send-budget.ts). Auto-retry waits out any 429 either kind still gets, in place.
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { Api, Context, MiddlewareFn, Transformer } from "grammy";
import type { Config } from "../core/config.ts";
import { postsMessage, SendBudget } from "./send-budget.ts";

/** Calls that only read (getChatMember, getChat, getFile…): no limit to keep, nothing to order. */
const readOnly = /^get/;

/** Payloads of answers to an update in its own private chat: sent past the throttler. */
const answers = new WeakSet<object>();

/**
 * Marks the calls a handler makes to the update's own private chat as answers. Only this update's
 * `ctx.api` carries the mark, so a call made through `bot.api` (the scheduler, the command line),
 * to another chat or to a group is paced. (Calls to no chat, answerCallbackQuery or
 * answerPreCheckoutQuery, are never queued by the throttler.)
 */
export const answerAtOnce: MiddlewareFn<Context> = (ctx, next) => {
  if (ctx.chat?.type === "private") {
    const ownChat = ctx.chat.id;
    ctx.api.config.use((prev, method, payload, signal) => {
      if (payload && "chat_id" in payload && Number(payload.chat_id) === ownChat)
        answers.add(payload);
      return prev(method, payload, signal);
    });
  }
  return next();
};

export function applyTelegramLimits(api: Api, limits: Config["telegramLimits"]): void {
  // Installed first, so the throttler wraps it: a call that gets a 429 waits out its retry_after
  // inside its slot of the chat's queue (one at a time per chat), and the chat's later messages
  // wait behind it instead of overtaking it.
  api.config.use(retryTransformer());
  const throttle = apiThrottler({
    global: {
      // Evenly spaced, not a burst each second: bursts that meet (a late one and the next, a
      // restarted process) would exceed Telegram's limit for a moment.
      minTime: Math.ceil(1000 / limits.globalPerSecond),
      reservoir: limits.globalPerSecond,
      reservoirRefreshAmount: limits.globalPerSecond,
      reservoirRefreshInterval: 1000,
    },
    group: {
      maxConcurrent: 1,
      minTime: limits.chatIntervalMs,
      reservoir: limits.groupPerMinute,
      reservoirRefreshAmount: limits.groupPerMinute,
      reservoirRefreshInterval: 60_000,
    },
    // A private chat's limiter only spaces its messages, so it is dropped soon after its last one
    // (Bottleneck keeps an idle one 5 minutes): an announcement to 100,000 subscribers keeps a few
    // hundred, not one per recipient.
    out: { maxConcurrent: 1, minTime: limits.chatIntervalMs, timeout: privateChatIdleMs(limits) },
  });
  const budget = new SendBudget(limits.globalPerSecond);
  // Let out by the throttler, a paced send still waits for what answers left of the second.
  const withinBudget: Transformer = async (prev, method, payload, signal) => {
    if (postsMessage(method)) await budget.take(signal as AbortSignal | undefined);
    return prev(method, payload, signal);
  };
  // A read does not wait behind a chat's queue (an agent's membership check while the group's
  // messages wait out a 429) and spends none of its budget; an answer spends it without waiting.
  const limited: Transformer = (prev, method, payload, signal) => {
    if (readOnly.test(method)) return prev(method, payload, signal);
    if (payload && answers.has(payload)) {
      if (postsMessage(method)) budget.spend();
      return prev(method, payload, signal);
    }
    return throttle((...call) => withinBudget(prev, ...call), method, payload, signal);
  };
  api.config.use(limited);
}

/** Long enough after a chat's last message that dropping its limiter loses no spacing. */
const privateChatIdleMs = (limits: Config["telegramLimits"]) =>
  Math.max(10_000, 2 * limits.chatIntervalMs);

/** Waits out a 429's retry_after and retries 5xx; also used inside conversations (bot.ts). */
export const retryTransformer = () =>
  autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60, rethrowInternalServerErrors: false });
