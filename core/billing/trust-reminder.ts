// The reminder `trust.reminderHours` before a trust payment ends: a notification (kind
// `trust-expiry`, the day the trust payment ends) for every reachable Telegram user linked to the
// contract, written once into the outbox; the delivery engine sends it.
import type { Db } from "../db.ts";
import { noticeKinds } from "../notify/notice-payload.ts";
import { enqueueAccountNotices } from "../notify/outbox.ts";
import { billingDayAt } from "./calendar.ts";
import type { TrustSettings } from "./trust.ts";

export const trustReminderKind = noticeKinds.trustExpiry;

export interface TrustReminderReport {
  /** Active trust payments ending within the reminder window. */
  due: number;
  /** Reminders written for them by this run (none when an earlier run did). */
  queued: number;
}

export async function queueTrustReminders(
  db: Db,
  { now, config }: { now: Date; config: TrustSettings },
): Promise<TrustReminderReport> {
  const windowEnd = new Date(now.getTime() + config.trust.reminderHours * 60 * 60 * 1000);
  const trusts = await db.trustPayment.findMany({
    where: {
      status: "ACTIVE",
      expiresAt: { gt: now, lte: windowEnd },
      account: { status: { not: "CLOSED" } },
    },
    orderBy: { expiresAt: "asc" },
    select: {
      accountId: true,
      amount: true,
      expiresAt: true,
      account: { select: { login: true, balance: true } },
    },
  });
  let queued = 0;
  for (const trust of trusts) {
    const { accountId, amount, expiresAt, account } = trust;
    queued += await enqueueAccountNotices(
      db,
      trustReminderKind,
      billingDayAt(expiresAt, config.timeZone),
      [
        {
          accountId,
          payload: {
            accountId,
            login: account.login,
            amount,
            expiresAt: expiresAt.toISOString(),
            balance: account.balance,
            balanceAfterRepay: account.balance - amount,
          },
        },
      ],
    );
  }
  return { due: trusts.length, queued };
}
