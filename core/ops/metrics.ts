// What the bot tells Prometheus (prom-client): the process's own metrics, the updates handled by
// kind and feature with their duration and failures, the updates waiting, Telegram calls by method
// and result, job runs, card payments credited, and the queues an operator alerts on, read from
// the database when scraped.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../db.ts";
import { type StatusFigures, statusFigures } from "./status.ts";

export interface BotMetrics {
  registry: Registry;
  /** `feature`: the command, button family or conversation (bot/update-feature.ts). */
  updates: Counter<"kind" | "feature">;
  updateErrors: Counter<"kind" | "feature">;
  updateSeconds: Histogram<"kind" | "feature">;
  /** Received by this process and not handled yet: waiting for their chat, or running. */
  updatesQueued: Gauge;
  telegramCalls: Counter<"method" | "result">;
  /** Updates the flood guard dropped (bot/middleware/flood-guard.ts). */
  floodDropped: Counter;
  /** `result`: ok, failed, skipped (another instance runs it), stopped (lost its lock, or a stop). */
  jobRuns: Counter<"job" | "result">;
  jobSeconds: Histogram<"job">;
  /** Card payments credited to a contract by the built-in billing. */
  paymentsCredited: Counter;
}

export function createMetrics(db: Db, settings: { invoiceLifetimeMs: number }): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "kaspnet_" });
  const updates = new Counter({
    name: "kaspnet_updates_total",
    help: "Telegram updates handled, by kind and feature",
    labelNames: ["kind", "feature"],
    registers: [registry],
  });
  const updateErrors = new Counter({
    name: "kaspnet_update_errors_total",
    help: "Telegram updates whose handler failed (the user got an apology), by kind and feature",
    labelNames: ["kind", "feature"],
    registers: [registry],
  });
  const updateSeconds = new Histogram({
    name: "kaspnet_update_duration_seconds",
    help: "Time to handle one Telegram update, by kind and feature",
    labelNames: ["kind", "feature"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const updatesQueued = new Gauge({
    name: "kaspnet_updates_queued",
    help: "Updates this process received and has not finished handling (waiting for their chat, or running)",
    registers: [registry],
  });
  const jobRuns = new Counter({
    name: "kaspnet_job_runs_total",
    help: "Scheduled job runs, by job and result (ok, failed, skipped: running elsewhere, stopped)",
    labelNames: ["job", "result"],
    registers: [registry],
  });
  const jobSeconds = new Histogram({
    name: "kaspnet_job_duration_seconds",
    help: "Time a scheduled job ran, by job",
    labelNames: ["job"],
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
    registers: [registry],
  });
  const paymentsCredited = new Counter({
    name: "kaspnet_payments_credited_total",
    help: "Card payments credited to a contract (built-in billing; an external one: see kaspnet_payments_unposted)",
    registers: [registry],
  });
  const telegramCalls = new Counter({
    name: "kaspnet_telegram_calls_total",
    help: "Bot API calls, by method and result (ok, 429, 403, other error)",
    labelNames: ["method", "result"],
    registers: [registry],
  });
  const floodDropped = new Counter({
    name: "kaspnet_flood_dropped_updates_total",
    help: "Updates dropped by the flood guard (one user over FLOOD_LIMIT in FLOOD_WINDOW_MS)",
    registers: [registry],
  });
  queueGauges(db, settings, registry);
  return {
    registry,
    updates,
    updateErrors,
    updateSeconds,
    updatesQueued,
    telegramCalls,
    floodDropped,
    jobRuns,
    jobSeconds,
    paymentsCredited,
  };
}

/** The queues, counted from the database at each scrape (one instance's view is everyone's). */
function queueGauges(db: Db, settings: { invoiceLifetimeMs: number }, registry: Registry) {
  const gauges: [keyof StatusFigures, string, string][] = [
    ["outboxPending", "kaspnet_outbox_pending", "Notifications waiting to be sent"],
    [
      "outboxOldestPendingSeconds",
      "kaspnet_outbox_oldest_pending_seconds",
      "Age of the oldest notification waiting to be sent",
    ],
    [
      "paymentsPending",
      "kaspnet_payments_pending",
      "Card invoices sent, still payable and not paid yet",
    ],
    [
      "paymentsUnposted",
      "kaspnet_payments_unposted",
      "Card payments paid but not yet confirmed by an external billing",
    ],
    [
      "paymentsStopped",
      "kaspnet_payments_stopped",
      "Card payments an external billing would not take, waiting for staff",
    ],
    ["ticketsOpen", "kaspnet_support_tickets_open", "Support tickets open"],
    [
      "oldestUnansweredSeconds",
      "kaspnet_support_oldest_unanswered_seconds",
      "Wait of the oldest open ticket no agent has answered yet",
    ],
  ];
  // A scrape collects every gauge at once: the read in flight serves them all.
  let reading: Promise<StatusFigures> | undefined;
  const figures = () => {
    reading ??= statusFigures(db, settings).finally(() => {
      reading = undefined;
    });
    return reading;
  };
  for (const [figure, name, help] of gauges)
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set((await figures())[figure]);
      },
    });
}
