// The updates and Bot API calls counted for /metrics (core/ops/metrics.ts).
import type { MiddlewareFn, Transformer } from "grammy";
import type { Update } from "grammy/types";
import type { BotMetrics } from "../core/ops/metrics.ts";
import type { BotContext } from "./context.ts";

/** The update's kind: message, callback_query, pre_checkout_query… */
export const updateKind = (update: Update) =>
  Object.keys(update).find((key) => key !== "update_id") ?? "unknown";

export function countUpdates(metrics: BotMetrics): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const kind = updateKind(ctx.update);
    const done = metrics.updateSeconds.startTimer({ kind });
    try {
      await next();
    } finally {
      done();
      metrics.updates.inc({ kind });
    }
  };
}

const resultOf = (code: number | undefined) =>
  code === 429 ? "429" : code === 403 ? "403" : "error";

export function countCalls(metrics: BotMetrics): Transformer {
  return async (previous, method, payload, signal) => {
    try {
      const result = await previous(method, payload, signal);
      metrics.telegramCalls.inc({ method, result: result.ok ? "ok" : resultOf(result.error_code) });
      return result;
    } catch (error) {
      metrics.telegramCalls.inc({ method, result: "network" });
      throw error;
    }
  };
}
