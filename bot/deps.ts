import type { I18n } from "@grammyjs/i18n";
import type { Billing } from "../core/billing/port.ts";
import type { Config } from "../core/config.ts";
import type { Db } from "../core/db.ts";
import type { IncidentsAffecting } from "../core/incidents/affecting.ts";
import type { Logger } from "../core/logger.ts";
import type { Mailer } from "../core/mail.ts";
import type { BotMetrics } from "../core/ops/metrics.ts";
import type { Outages } from "../core/outages.ts";
import type { Redis } from "../core/redis.ts";
import type { ApiShutdown } from "./api-shutdown.ts";
import type { BackgroundTasks } from "./background.ts";
import type { Clock } from "./clock.ts";
import type { BotContext } from "./context.ts";

/** What the Telegram layer is built from (see bot/main.ts). */
export interface BotDeps {
  config: Config;
  db: Db;
  /** The billing the contracts' money is read from (core/billing/port.ts). */
  billing: Billing;
  redis: Redis | undefined;
  logger: Logger;
  mailer: Mailer;
  /** The translations (createI18n): built once per process, the locale files read once. */
  i18n: I18n<BotContext>;
  /** Work handlers start without waiting for it; the process waits for it when it stops. */
  background?: BackgroundTasks;
  /** Prometheus' counters of the updates and calls (core/ops/metrics.ts), where kept. */
  metrics?: BotMetrics;
  /** The open mass outages that reach a contract (createBot makes one when not given). */
  incidents?: IncidentsAffecting;
  /** Which of Redis and PostgreSQL are down (the error boundary puts failures down to them). */
  outages?: Outages;
  /** The time the bot acts at: the real one unless a test controls it (bot/clock.ts). */
  clock?: Clock;
  /** Cuts the Bot API calls in flight when the process stops (bot/api-shutdown.ts). */
  shutdown?: ApiShutdown;
}
