// Outgoing calls stay within Telegram's limits: the throttler queues them (overall, per chat and
// per group, never reordering one chat's messages) and auto-retry waits out any 429 it still gets.
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { Api, Transformer } from "grammy";
import type { Config } from "../core/config.ts";

/** Calls that only read (getChatMember, getChat, getFile…): no limit to keep, nothing to order. */
const readOnly = /^get/;

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
    out: { maxConcurrent: 1, minTime: limits.chatIntervalMs },
  });
  // A read does not wait behind a chat's queue (an agent's membership check while the group's
  // messages wait out a 429) and spends none of its budget.
  const limited: Transformer = (prev, method, payload, signal) =>
    readOnly.test(method) ? prev(method, payload, signal) : throttle(prev, method, payload, signal);
  api.config.use(limited);
}

/** Waits out a 429's retry_after and retries 5xx; also used inside conversations (bot.ts). */
export const retryTransformer = () =>
  autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60, rethrowInternalServerErrors: false });
