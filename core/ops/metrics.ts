// What the bot tells Prometheus (prom-client): the process's own metrics, the updates handled by
// kind with their duration and failures, Telegram calls by method and result, and the queues an
// operator alerts on, read from the database when scraped.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../db.ts";

export interface BotMetrics {
  registry: Registry;
  updates: Counter<"kind">;
  updateErrors: Counter<"kind">;
  updateSeconds: Histogram<"kind">;
  telegramCalls: Counter<"method" | "result">;
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
  queueGauges(db, registry);
  return { registry, updates, updateErrors, updateSeconds, telegramCalls };
}

/** The queues, counted from the database at each scrape (one instance's view is everyone's). */
function queueGauges(db: Db, registry: Registry) {
  new Gauge({
    name: "kaspnet_outbox_pending",
    help: "Notifications waiting to be sent",
    registers: [registry],
    async collect() {
      this.set(await db.notification.count({ where: { status: { in: ["PENDING", "SENDING"] } } }));
    },
  });
  new Gauge({
    name: "kaspnet_outbox_oldest_pending_seconds",
    help: "Age of the oldest notification waiting to be sent",
    registers: [registry],
    async collect() {
      const oldest = await db.notification.findFirst({
        where: { status: "PENDING" },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true },
      });
      this.set(oldest ? (Date.now() - oldest.createdAt.getTime()) / 1000 : 0);
    },
  });
  new Gauge({
    name: "kaspnet_payments_unposted",
    help: "Card payments paid but not yet confirmed by an external billing",
    registers: [registry],
    async collect() {
      this.set(await db.payment.count({ where: { status: "PAID", postedAt: null } }));
    },
  });
  new Gauge({
    name: "kaspnet_support_tickets_open",
    help: "Support tickets open",
    registers: [registry],
    async collect() {
      this.set(await db.supportTicket.count({ where: { status: "OPEN" } }));
    },
  });
}
