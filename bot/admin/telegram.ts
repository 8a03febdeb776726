// Telegram for the operator's commands, set up as the bot sets up its own API: the same limits
// (throttled, 429s retried), users who blocked the bot marked unreachable, the same Notifier.
// Without BOT_TOKEN nothing is sent: each notice is reported not delivered, and the jobs leave it
// for a later run (the bot's scheduler) to send.
import { Api } from "grammy";
import { pino } from "pino";
import type { Config } from "../../core/config.ts";
import type { Db } from "../../core/db.ts";
import { createLogger } from "../../core/logger.ts";
import type { Notifier } from "../../core/ports.ts";
import { ignoreHarmlessErrors } from "../harmless-api-errors.ts";
import { createI18n } from "../i18n.ts";
import { createNotifier } from "../notifier.ts";
import { markBlockedUsers } from "../reachability.ts";
import { applyTelegramLimits } from "../telegram-limits.ts";

export interface CountingNotifier extends Notifier {
  /** Whether a BOT_TOKEN was given, so that notices could go at all. */
  readonly online: boolean;
  readonly undelivered: number;
}

export function operatorNotifier(config: Config, db: Db): CountingNotifier {
  let inner: Notifier | null = null;
  if (config.botToken) {
    // Warnings (a notice not delivered) go to stderr, as JSON lines like the bot's log.
    const logger = createLogger(config.logLevel, pino.destination({ dest: 2, sync: true }));
    const api = new Api(config.botToken, { apiRoot: config.telegramApiRoot });
    applyTelegramLimits(api, config.telegramLimits);
    api.config.use(ignoreHarmlessErrors, markBlockedUsers({ db, logger }));
    inner = createNotifier({ api, i18n: createI18n(), logger, config });
  }
  let undelivered = 0;
  return {
    online: inner !== null,
    get undelivered() {
      return undelivered;
    },
    async send(recipient, notice) {
      const delivered = inner ? await inner.send(recipient, notice) : false;
      if (!delivered) undelivered += 1;
      return delivered;
    },
  };
}
