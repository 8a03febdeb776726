// Starts everything the bot process runs, from a parsed configuration; stop() undoes it in order.

import type { Bot } from "grammy";
import { createBilling } from "../core/billing/create-billing.ts";
import type { Billing } from "../core/billing/port.ts";
import { type Config, ConfigError } from "../core/config.ts";
import { type Database, openDatabase } from "../core/db.ts";
import { redisChatLock } from "../core/inbox/chat-lock.ts";
import { IncidentsAffecting } from "../core/incidents/affecting.ts";
import { createJobRunner, type Scheduler, startScheduler } from "../core/jobs/scheduler.ts";
import { createLogger, type Logger } from "../core/logger.ts";
import { createMailer } from "../core/mail.ts";
import { createMetrics } from "../core/ops/metrics.ts";
import { readinessCheck } from "../core/ops/readiness.ts";
import { Outages } from "../core/outages.ts";
import { connectRedis, type Redis } from "../core/redis.ts";
import { seedDemoData } from "../prisma/seed.ts";
import { ApiShutdown } from "./api-shutdown.ts";
import { BackgroundTasks } from "./background.ts";
import { createBot } from "./bot.ts";
import { type Clock, clockOf } from "./clock.ts";
import { registerCommands } from "./commands.ts";
import type { BotContext } from "./context.ts";
import { incidentTopicCloser } from "./features/incident-topic-closer.ts";
import { supportJobs } from "./features/support-jobs.ts";
import { createI18n } from "./i18n.ts";
import { incidentHook } from "./incident-hook.ts";
import { startOpsServer } from "./ops-server.ts";
import { outboxFlush } from "./outbox-flush.ts";
import { type PollingRefusedError, startPolling } from "./polling.ts";
import { createNotifier } from "./telegram-notifier.ts";
import { UpdateInbox } from "./update-inbox.ts";
import { startWebhook } from "./webhook.ts";

export const allowedUpdates = [
  "message",
  "edited_message",
  "callback_query",
  "pre_checkout_query",
  "my_chat_member",
] as const;

/** How long a stop waits for work in flight before it cuts its Telegram calls. */
const stopGraceMs = 4_000;
/** How long the cut work is given to unwind (and its updates to go back to the inbox). */
const cutSettleMs = 1_000;

export interface RunningApp {
  bot: Bot<BotContext>;
  database: Database;
  redis: Redis | undefined;
  logger: Logger;
  billing: Billing;
  /** Runs a job now, as its schedule would (also with SCHEDULER=off). */
  jobs: Scheduler;
  /** The port /healthz, /readyz and /metrics answer on, with METRICS_PORT. */
  opsPort: number | undefined;
  /**
   * Settles when the bot stops receiving by itself, with the reason: Telegram refused polling
   * (another poller on the token, a revoked token). The process then stops and fails.
   */
  refused: Promise<PollingRefusedError>;
  /**
   * Finishes the updates in flight (those stuck past the grace are cut and handled again on the
   * next start), then closes the database and Redis.
   */
  stop(): Promise<void>;
}

export async function startApp(
  config: Config,
  logger = createLogger(config.logLevel),
  /** A test's controlled clock for the bot's features (bot/clock.ts); the real time otherwise. */
  clock?: Clock,
): Promise<RunningApp> {
  const outages = new Outages(logger);
  // A new embedded database gets the demo data, so the bot can be tried with nothing set up.
  const database = await openDatabase(config, { outages, onCreate: seedDemoData });
  const redis = await connectRedis(config.redisUrl, outages).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const configured = createBilling(config, database.prisma, logger);
  const billingCheck = await configured.check().catch((error: unknown) => ({
    ok: false as const,
    problem: String(error),
  }));
  if (!billingCheck.ok) {
    await redis?.quit();
    await database.close();
    throw new ConfigError(`BILLING=${config.billing.kind}: ${billingCheck.problem}`);
  }
  logger.info(`billing: ${configured.describe}`);
  const metrics = createMetrics(database.prisma, config);
  const mailer = createMailer(config.smtpUrl, logger);
  const background = new BackgroundTasks();
  const shutdown = new ApiShutdown();
  const i18n = createI18n();
  const now = clockOf({ clock });
  const incidents = new IncidentsAffecting(database.prisma, () => now().getTime());
  const bot = createBot({
    config,
    db: database.prisma,
    billing: configured.billing,
    redis,
    logger,
    mailer,
    background,
    outages,
    i18n,
    metrics,
    incidents,
    clock: now,
    shutdown,
  });
  const flushOutbox = outboxFlush({ db: database.prisma, config, logger, redis, background, i18n });
  const closeIncidentTopics = incidentTopicCloser({
    db: database.prisma,
    config,
    logger,
    background,
    i18n,
    clock: now,
  });
  const ops =
    config.metricsPort === undefined
      ? undefined
      : await startOpsServer(config.metricsPort, {
          metrics,
          ...(config.incidentHookSecret
            ? {
                incidents: incidentHook({
                  db: database.prisma,
                  secret: config.incidentHookSecret,
                  timeZone: config.timeZone,
                  changed: () => {
                    incidents.forget();
                    flushOutbox(bot.api);
                    closeIncidentTopics(bot.api);
                  },
                }),
              }
            : {}),
          readiness: readinessCheck({
            db: database.prisma,
            redis,
            ...(config.billing.kind === "builtin"
              ? {}
              : {
                  billing: async () => {
                    const answer = await configured.check();
                    return answer.ok ? { ok: true as const } : answer;
                  },
                }),
          }),
        });
  if (ops) logger.info(`health and metrics on port ${ops.port}`);
  const closeStores = async () => {
    await ops?.close();
    outages.stop();
    mailer.close();
    await redis?.quit();
    await database.close();
  };

  let onRefused: (error: PollingRefusedError) => void = () => {};
  const refused = new Promise<PollingRefusedError>((resolve) => {
    onRefused = resolve;
  });
  let stopReceiving: (handlersDeadline: Promise<unknown>) => Promise<void>;
  try {
    await bot.init();
    await registerCommands(bot.api, i18n, config, logger).catch((error: unknown) =>
      logger.warn({ err: error }, "bot commands not registered"),
    );
    // Webhook instances may be several behind one URL; a poller is alone (Telegram answers 409).
    const chatLock =
      config.mode.kind === "webhook" && redis !== undefined ? redisChatLock(redis) : undefined;
    const inbox = new UpdateInbox(
      bot,
      database.prisma,
      logger,
      outages,
      chatLock,
      metrics.updatesQueued,
    );
    stopReceiving =
      config.mode.kind === "webhook"
        ? await startWebhook(bot, inbox, allowedUpdates, config.mode, logger)
        : await startPolling(bot, inbox, allowedUpdates, logger, onRefused);
  } catch (error) {
    await closeStores();
    throw error;
  }
  const schedulerDeps = {
    db: database.prisma,
    redis,
    logger,
    outages,
    timeZone: config.timeZone,
    config,
    billing: configured.billing,
    notifier: createNotifier({ api: bot.api, i18n, logger, config }),
    supportDesk: supportJobs(
      { db: database.prisma, billing: configured.billing, config, logger, i18n, clock: now },
      bot.api,
    ),
    metrics,
  };
  // SCHEDULER=off: no job runs on its own, but one can still be run when asked.
  const scheduler = config.schedulerEnabled
    ? startScheduler(schedulerDeps)
    : createJobRunner(schedulerDeps);
  logger.info(
    {
      username: bot.botInfo.username,
      mode: config.mode.kind,
      database: database.kind,
      redis: !!redis,
    },
    "bot started",
  );

  return {
    bot,
    database,
    redis,
    logger,
    billing: configured.billing,
    jobs: scheduler,
    opsPort: ops?.port,
    refused,
    async stop() {
      // Handlers, background sends and jobs get stopGraceMs to finish; then their Telegram calls
      // are cut and they get cutSettleMs to unwind. What they did not finish is left so the next
      // start finishes it: updates back in the inbox, jobs resumed by their next run.
      const cutTimer = setTimeout(() => {
        logger.warn(
          `Telegram calls still running ${stopGraceMs / 1000} s into the stop: cutting them`,
        );
        shutdown.cut();
      }, stopGraceMs);
      const deadline = shutdown.afterCut(cutSettleMs);
      await Promise.all([
        stopReceiving(deadline),
        background.stop(deadline),
        scheduler.stop(deadline),
      ]);
      clearTimeout(cutTimer);
      await closeStores();
      logger.info("bot stopped");
    },
  };
}
