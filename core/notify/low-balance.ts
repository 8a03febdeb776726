// The low-balance reminder: every contract with reminders on whose money pays for no more than
// its "days ahead" (the service stops within that many days, today included) gets one reminder a
// day for each reachable Telegram user linked to it. Which contracts run out is the billing's
// answer (Billing.runningOut: not ACTIVE, or held up by a trust payment, is left out); the bot
// picks the candidates from its own links, in batches by id, so a run holds one batch at a time.
import { liveLink } from "../accounts/links.ts";
import type { BillingDay } from "../billing/calendar.ts";
import type { Billing } from "../billing/port.ts";
import type { Db } from "../db.ts";
import { noticeKinds } from "./notice-payload.ts";
import { enqueueAccountNotices } from "./outbox.ts";

export interface LowBalanceReport {
  /** Contracts looked at: reminders on, someone reachable linked. */
  checked: number;
  /** …whose money runs out within their days ahead. */
  due: number;
  /** Reminders written by this run (none for those an earlier run wrote today). */
  queued: number;
}

export async function queueLowBalanceReminders(
  db: Db,
  billing: Pick<Billing, "runningOut">,
  {
    day,
    batchSize = 1000,
    signal,
  }: {
    day: BillingDay;
    batchSize?: number /** Stops before the next batch. */;
    signal?: AbortSignal;
  },
): Promise<LowBalanceReport> {
  const report: LowBalanceReport = { checked: 0, due: 0, queued: 0 };
  for (let after = 0; ; ) {
    if (signal?.aborted) return report;
    const accounts = await db.account.findMany({
      where: {
        id: { gt: after },
        remindersEnabled: true,
        links: { some: { ...liveLink, telegramUser: { reachable: true } } },
      },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, reminderDaysAhead: true },
    });
    const last = accounts.at(-1);
    if (!last) return report;
    after = last.id;
    const candidates = accounts.map((account) => ({
      accountId: account.id,
      daysAhead: account.reminderDaysAhead,
    }));
    const running = await billing.runningOut(candidates, day);
    report.checked += accounts.length;
    report.due += running.length;
    report.queued += await enqueueAccountNotices(
      db,
      noticeKinds.lowBalance,
      day,
      running.map((contract) => ({ accountId: contract.accountId, payload: { ...contract } })),
    );
    if (accounts.length < batchSize) return report;
  }
}
