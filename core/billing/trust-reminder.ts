// The reminder `trust.reminderHours` before a trust payment ends, to every reachable Telegram user
// linked to the contract, once: a Notification row (kind `trust-expiry`, the day the trust payment
// ends) is claimed before the message goes and marked sent after it went. A message that did not
// go (Telegram refused, the user blocked the bot) gives the claim back, so a later run within the
// window tries again; a claim left unsent by a crash is taken over after `claimTimeoutMs`.
import { findRecipients } from "../accounts/telegram-users.ts";
import type { Db } from "../db.ts";
import type { Notifier } from "../ports.ts";
import { billingDayAt, dayAsDate } from "./calendar.ts";
import { isUniqueViolation } from "./ledger.ts";
import type { TrustSettings } from "./trust.ts";

export const trustReminderKind = "trust-expiry";

export interface TrustReminderReport {
  /** Active trust payments ending within the reminder window. */
  due: number;
  sent: number;
  failed: number;
}

interface NotificationKey {
  accountId: number;
  telegramUserId: bigint;
  kind: string;
  day: Date;
}

async function claim(db: Db, key: NotificationKey, now: Date, timeoutMs: number) {
  try {
    await db.notification.create({ data: { ...key, createdAt: now } });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const { count } = await db.notification.updateMany({
    where: { ...key, sentAt: null, createdAt: { lt: new Date(now.getTime() - timeoutMs) } },
    data: { createdAt: now },
  });
  return count === 1;
}

export async function remindTrustExpiry(
  db: Db,
  input: { now: Date; config: TrustSettings; notifier: Notifier; claimTimeoutMs?: number },
): Promise<TrustReminderReport> {
  const { now, config, notifier, claimTimeoutMs = 15 * 60 * 1000 } = input;
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
      account: {
        select: { login: true, balance: true, links: { select: { telegramUserId: true } } },
      },
    },
  });
  const report: TrustReminderReport = { due: trusts.length, sent: 0, failed: 0 };
  for (const trust of trusts) {
    const day = dayAsDate(billingDayAt(trust.expiresAt, config.timeZone));
    const recipients = await findRecipients(
      db,
      trust.account.links.map((link) => Number(link.telegramUserId)),
    );
    for (const recipient of recipients) {
      const key = {
        accountId: trust.accountId,
        telegramUserId: BigInt(recipient.id),
        kind: trustReminderKind,
        day,
      };
      if (!(await claim(db, key, now, claimTimeoutMs))) continue;
      const delivered = await notifier
        .send(recipient, {
          kind: "trust-expiring",
          login: trust.account.login,
          amount: trust.amount,
          expiresAt: trust.expiresAt,
          balance: trust.account.balance,
          balanceAfterRepay: trust.account.balance - trust.amount,
        })
        .catch(() => false);
      if (delivered) {
        await db.notification.updateMany({ where: key, data: { sentAt: now } });
        report.sent += 1;
      } else {
        await db.notification.deleteMany({ where: { ...key, sentAt: null } });
        report.failed += 1;
      }
    }
  }
  return report;
}
