// The updates and Bot API calls counted for /metrics (core/ops/metrics.ts).
import type { MiddlewareFn, Transformer } from "grammy";
import type { Update } from "grammy/types";
import type { BotMetrics } from "../core/ops/metrics.ts";
import type { BotContext } from "./context.ts";
import { activeConversation, featureOf } from "./update-feature.ts";

/** The update's kind: message, callback_query, pre_checkout_query… */
export const updateKind = (update: Update) =>
  Object.keys(update).find((key) => key !== "update_id") ?? "unknown";

/** The feature of each update, once the conversation waiting for it is known. */
const features = new WeakMap<Update, string>();

type Chats = Parameters<typeof featureOf>[1];

/** The labels of an update's samples; the feature as far as it is known by now. */
export const updateLabels = (update: Update, chats: Chats) => ({
  kind: updateKind(update),
  feature: features.get(update) ?? featureOf(update, chats),
});

/** Outermost: counts and times every update, by kind and feature. */
export function countUpdates(metrics: BotMetrics, chats: Chats): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const labels = updateLabels(ctx.update, chats);
      metrics.updateSeconds.observe(labels, (performance.now() - started) / 1000);
      metrics.updates.inc(labels);
    }
  };
}

/** After the conversations plugin: an answer to a conversation's question is that conversation's. */
export function noteFeature(chats: Chats): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    features.set(ctx.update, featureOf(ctx.update, chats, activeConversation(ctx)));
    return next();
  };
}

/** For the error boundary: one failed update, by kind and feature. */
export const countErrors = (metrics: BotMetrics, chats: Chats) => (update: Update) =>
  metrics.updateErrors.inc(updateLabels(update, chats));

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
