// Runs a scheduled job once, now, against the harness's bot as the scheduler would: the bot's own
// Notifier (its API, with the limits and the 403 marking), its support desk, and the outbox
// delivered right after.
import { supportJobs } from "../../bot/features/support-jobs.ts";
import { createI18n } from "../../bot/i18n.ts";
import { createNotifier } from "../../bot/telegram-notifier.ts";
import { billingDayAt } from "../../core/billing/calendar.ts";
import { localJobLock } from "../../core/jobs/lock.ts";
import { type JobName, jobs } from "../../core/jobs/registry.ts";
import type { DeliveryOptions } from "../../core/notify/outbox-delivery.ts";
import { createDeliverer } from "../../core/notify/single-sender.ts";
import type { Harness } from "./bot-harness.ts";

export function jobRunner(harness: Harness, delivery: Partial<DeliveryOptions> = {}) {
  return (name: JobName, day = billingDayAt(new Date(), harness.config.timeZone)) => {
    const i18n = createI18n();
    const { logger } = harness.logs;
    const notifier = createNotifier({
      api: harness.app.bot.api,
      i18n,
      logger,
      config: harness.config,
    });
    return jobs[name].run({
      db: harness.database.prisma,
      day,
      config: harness.config,
      billing: harness.app.billing,
      notifier,
      deliver: createDeliverer(harness.database.prisma, localJobLock(), {
        notifier,
        retryDelayMs: 50,
        ...delivery,
      }),
      supportDesk: supportJobs(
        {
          db: harness.database.prisma,
          billing: harness.app.billing,
          config: harness.config,
          logger,
          i18n,
        },
        harness.app.bot.api,
      ),
      progress: () => {},
    });
  };
}
