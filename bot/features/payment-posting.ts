// Card payments on an external billing, from the bot's side: right after a payment is recorded it
// is posted (core/payments/payment-poster.ts) in the background, and the receipts the posting
// wrote to the outbox are sent at once; what is left waits for the scheduler's run.
import type { Api } from "grammy";
import type { Billing } from "../../core/billing/port.ts";
import { localJobLock, redisJobLock } from "../../core/jobs/lock.ts";
import { createDeliverer } from "../../core/notify/single-sender.ts";
import { runPaymentPosting } from "../../core/payments/posting-run.ts";
import { BackgroundTasks } from "../background.ts";
import type { BotDeps } from "../deps.ts";
import { createNotifier } from "../telegram-notifier.ts";

type Deps = Pick<BotDeps, "db" | "config" | "logger" | "redis" | "background" | "i18n">;

/** Sends what waits in the notifications outbox now, in the background. */
export function outboxFlush(deps: Deps) {
  const { db, config, logger, i18n } = deps;
  const lock = deps.redis ? redisJobLock(deps.redis) : localJobLock();
  const background = deps.background ?? new BackgroundTasks();
  return (api: Api, after: () => Promise<unknown> = async () => undefined) => {
    const notifier = createNotifier({ api, i18n, logger, config });
    const deliver = createDeliverer(db, lock, {
      notifier,
      concurrency: config.delivery.concurrency,
    });
    background.run(
      async () => {
        await after();
        await deliver();
      },
      (error) => logger.warn({ err: error }, "payment receipts left to the outbox's sweep"),
    );
  };
}

export function paymentPosting(deps: Deps & Required<Pick<Billing, "postCardPayment">>) {
  const { db, config, logger, i18n } = deps;
  const flush = outboxFlush(deps);
  return {
    postNow(api: Api) {
      const notifier = createNotifier({ api, i18n, logger, config });
      flush(api, async () => {
        const report = await runPaymentPosting(db, deps, {
          notifier,
          agentsChatId: config.supportChatId,
          timeZone: config.timeZone,
        });
        logger.info(report, "card payments posted");
      });
    },
  };
}
