// The real bot (bot/app.ts, unchanged) against the local Bot API emulator, on a fresh PostgreSQL
// database with the demo data and, when asked, a real Redis.

import { afterAll, beforeAll } from "vitest";
import { type RunningApp, startApp } from "../../bot/app.ts";
import type { Clock } from "../../bot/clock.ts";
import { type Config, loadConfig } from "../../core/config.ts";
import { seedDemoData } from "../../prisma/seed.ts";
import { BotApiEmulator } from "../emulator/index.ts";
import { type CapturedLogger, captureLogs } from "./captured-logger.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { lateBound } from "./late-bound.ts";
import { freshRedisUrl } from "./redis.ts";
import { startTestSmtp, type TestSmtp } from "./smtp.ts";

export interface HarnessOptions {
  /** Sessions and conversations in Redis (a worker's own logical database) instead of memory. */
  redis?: boolean;
  /** The URL the bot is given for the test's database (e.g. through a proxy the test can cut). */
  databaseUrl?(url: string): string;
  /** More environment for the bot's configuration. */
  env?: Record<string, string>;
  /**
   * Runs on the emulator before the bot starts, e.g. to create the groups the configuration
   * names; returns more environment (`{ STAFF_CHAT_ID: String(group.id) }`).
   */
  beforeStart?(emulator: BotApiEmulator): Record<string, string>;
  /** The time the bot's features act at (test/support/controlled-clock.ts); the real one if not. */
  clock?: Clock;
}

export interface Harness {
  emulator: BotApiEmulator;
  database: TestDatabase;
  config: Config;
  app: RunningApp;
  logs: CapturedLogger;
  /** The mail server the bot sends to (SMTP_URL). */
  smtp: TestSmtp;
  /** Stops the bot and starts it again on the same emulator, database and Redis. */
  restart(): Promise<RunningApp>;
  stop(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = await BotApiEmulator.start();
  const database = await createTestDatabase();
  const smtp = await startTestSmtp();
  await seedDemoData(database.prisma);
  const config = loadConfig({
    BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATABASE_URL: options.databaseUrl?.(database.url) ?? database.url,
    SMTP_URL: smtp.url,
    ...(options.redis ? { REDIS_URL: await freshRedisUrl() } : {}),
    // Telegram asks for about one message a second per chat; tests talk faster than people.
    TELEGRAM_CHAT_INTERVAL_MS: "20",
    // And faster than the flood guard lets people: test/e2e/flood-guard.test.ts sets its own.
    FLOOD_LIMIT: "1000",
    // Jobs run on the clock; tests run them themselves when they mean to.
    SCHEDULER: "off",
    ...options.env,
    ...options.beforeStart?.(emulator),
  });
  const logs = captureLogs();
  let app = await startApp(config, logs.logger, options.clock);
  let running = true;

  return {
    emulator,
    database,
    config,
    logs,
    smtp,
    get app() {
      return app;
    },
    async restart() {
      await app.stop();
      app = await startApp(config, logs.logger, options.clock);
      return app;
    },
    async stop() {
      if (running) await app.stop();
      running = false;
      await emulator.stop();
      await smtp.stop();
      await database.drop();
    },
  };
}

/** A harness for the describe block it is called in: started before its tests, stopped after. */
export function useHarness(options: HarnessOptions = {}): Harness {
  const harness = lateBound<Harness>("the bot harness");
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(options);
    harness.bind(started);
  });
  afterAll(() => started?.stop());
  return harness.value;
}
