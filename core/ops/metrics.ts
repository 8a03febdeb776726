// What the bot tells Prometheus (prom-client): the process's own metrics, the updates handled by
// kind with their duration and failures, Telegram calls by method and result, and the queues an
// operator alerts on, read from the database when scraped.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../db.ts";
import { type StatusFigures, statusFigures } from "./status.ts";

export interface BotMetrics {
  registry: Registry;
  updates: Counter<"kind">;
  updateErrors: Counter<"kind">;
  updateSeconds: Histogram<"kind">;
  telegramCalls: Counter<"method" | "result">;
  /** Updates the flood guard dropped (bot/middleware/flood-guard.ts). */
  floodDropped: Counter;
}

export function createMetrics(db: Db): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "kaspnet_" });
  const updates = new Counter({
    name: "kaspnet_updates_total",
    help: "Telegram updates handled, by kind",
    labelNames: ["kind"],
    registers: [registry],
  });
  const updateErrors = new Counter({
    name: "kaspnet_update_errors_total",
    help: "Telegram updates whose handling failed, by kind",
    labelNames: ["kind"],
    registers: [registry],
  });
  const updateSeconds = new Histogram({
    name: "kaspnet_update_duration_seconds",
    help: "Time to handle one Telegram update",
    labelNames: ["kind"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
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
  queueGauges(db, registry);
  return { registry, updates, updateErrors, updateSeconds, telegramCalls, floodDropped };
}

/** The queues, counted from the database at each scrape (one instance's view is everyone's). */
function queueGauges(db: Db, registry: Registry) {
  const gauges: [keyof StatusFigures, string, string][] = [
    ["outboxPending", "kaspnet_outbox_pending", "Notifications waiting to be sent"],
    [
      "outboxOldestPendingSeconds",
      "kaspnet_outbox_oldest_pending_seconds",
      "Age of the oldest notification waiting to be sent",
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
    reading ??= statusFigures(db).finally(() => {
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
