// Card payments on an external billing, from the bot's side: right after a payment is recorded it
// is posted (core/payments/payment-poster.ts) in the background, and the receipts the posting
// wrote to the outbox are sent at once; what is left waits for the scheduler's run.
import type { Api } from "grammy";
import type { Billing } from "../../core/billing/port.ts";
import { runPaymentPosting } from "../../core/payments/posting-run.ts";
import { type OutboxFlushDeps, outboxFlush } from "../outbox-flush.ts";
import { createNotifier } from "../telegram-notifier.ts";

export function paymentPosting(deps: OutboxFlushDeps & Required<Pick<Billing, "postCardPayment">>) {
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
