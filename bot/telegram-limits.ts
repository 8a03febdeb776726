// Outgoing calls stay within Telegram's limits: the throttler queues them (overall, per chat and
// per group, never reordering one chat's messages) and auto-retry waits out any 429 it still gets.
import { autoRetry } from "@grammyjs/auto-retry";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { Api } from "grammy";
import type { Config } from "../core/config.ts";

export function applyTelegramLimits(api: Api, limits: Config["telegramLimits"]): void {
  api.config.use(
    apiThrottler({
      global: {
        reservoir: limits.globalPerSecond,
        reservoirRefreshAmount: limits.globalPerSecond,
        reservoirRefreshInterval: 1000,
      },
      group: {
        maxConcurrent: 1,
        minTime: 1000,
        reservoir: limits.groupPerMinute,
        reservoirRefreshAmount: limits.groupPerMinute,
        reservoirRefreshInterval: 60_000,
      },
      out: { maxConcurrent: 1, minTime: limits.chatIntervalMs },
    }),
  );
  // Installed last, so it wraps the throttler: a retried call queues again.
  api.config.use(retryTransformer());
}

/** Waits out a 429's retry_after and retries 5xx; also used inside conversations (bot.ts). */
export const retryTransformer = () =>
  autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60, rethrowInternalServerErrors: false });
