import type { Config } from "../core/config.ts";
import type { Db } from "../core/db.ts";
import type { Logger } from "../core/logger.ts";
import type { Mailer } from "../core/mail.ts";
import type { Outages } from "../core/outages.ts";
import type { Redis } from "../core/redis.ts";
import type { BackgroundTasks } from "./background.ts";

/** What the Telegram layer is built from (see bot/main.ts). */
export interface BotDeps {
  config: Config;
  db: Db;
  redis: Redis | undefined;
  logger: Logger;
  mailer: Mailer;
  /** Work handlers start without waiting for it; the process waits for it when it stops. */
  background?: BackgroundTasks;
  /** Which of Redis and PostgreSQL are down (the error boundary puts failures down to them). */
  outages?: Outages;
}
