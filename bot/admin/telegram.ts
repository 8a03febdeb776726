// Telegram for the operator's commands, set up as the bot sets up its own API: the same limits
// (throttled, 429s waited out), users who blocked the bot marked unreachable, the same Notifier,
// and the same one-sender-at-a-time delivery of the outbox (the job lock in Redis, when there is
// one, shared with the bot's instances). Without BOT_TOKEN nothing is sent: what the jobs wrote
// into the outbox stays there for the bot's scheduler.
import { Api } from "grammy";
import { pino } from "pino";
import type { Config } from "../../core/config.ts";
import type { Db } from "../../core/db.ts";
import { localJobLock, redisJobLock } from "../../core/jobs/lock.ts";
import { createLogger } from "../../core/logger.ts";
import { createDeliverer, type Deliver } from "../../core/notify/single-sender.ts";
import type { Notifier } from "../../core/ports.ts";
import { connectRedis } from "../../core/redis.ts";
import { ignoreHarmlessErrors } from "../harmless-api-errors.ts";
import { createI18n } from "../i18n.ts";
import { markBlockedUsers } from "../reachability.ts";
import { applyTelegramLimits } from "../telegram-limits.ts";
import { createNotifier } from "../telegram-notifier.ts";

export interface OperatorTelegram {
  /** Whether a BOT_TOKEN was given, so that anything could go at all. */
  online: boolean;
  notifier: Notifier;
  deliver: Deliver;
  close(): Promise<void>;
}

const offline: Notifier = {
  send: async () => ({ outcome: "failed", error: "no BOT_TOKEN" }),
};

export async function operatorTelegram(config: Config, db: Db): Promise<OperatorTelegram> {
  if (!config.botToken) {
    const deliver: Deliver = async () => ({ delivery: "not sent: no BOT_TOKEN" });
    return { online: false, notifier: offline, deliver, close: async () => {} };
  }
  // Warnings (a notice not delivered) go to stderr, as JSON lines like the bot's log.
  const logger = createLogger(config.logLevel, pino.destination({ dest: 2, sync: true }));
  const api = new Api(config.botToken, { apiRoot: config.telegramApiRoot });
  applyTelegramLimits(api, config.telegramLimits);
  api.config.use(ignoreHarmlessErrors, markBlockedUsers({ db, logger }));
  const notifier = createNotifier({ api, i18n: createI18n(), logger, config });
  const redis = await connectRedis(config.redisUrl);
  const stopping = new AbortController();
  const deliver = createDeliverer(db, redis ? redisJobLock(redis) : localJobLock(), {
    notifier,
    concurrency: config.delivery.concurrency,
    signal: stopping.signal,
  });
  return {
    online: true,
    notifier,
    deliver,
    async close() {
      stopping.abort();
      await redis?.quit();
    },
  };
}
