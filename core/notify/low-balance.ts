// The low-balance reminder: every ACTIVE contract with reminders on whose balance pays for no more
// than its "days ahead" (the service stops within that many days, today included) gets one
// reminder a day for each reachable Telegram user linked to it. A contract with an active trust
// payment is left to the trust payment's own reminder; a contract frozen that day (freeze.ts) pays
// nothing and gets none. Contracts are read in batches by id, so a run over the whole base holds
// one batch at a time.
import { liveLink } from "../accounts/links.ts";
import { type Coverage, coverage } from "../billing/balance.ts";
import { type BillingDay, dailyFee } from "../billing/calendar.ts";
import { chargeKey } from "../billing/daily-charge.ts";
import { frozenOn } from "../billing/freeze.ts";
import type { Db } from "../db.ts";
import { noticeKinds } from "./notice-payload.ts";
import { enqueueAccountNotices } from "./outbox.ts";

export interface LowBalanceReport {
  /** Contracts looked at: active, reminders on, someone reachable linked. */
  checked: number;
  /** …whose money runs out within their days ahead. */
  due: number;
  /** Reminders written by this run (none for those an earlier run wrote today). */
  queued: number;
}

export async function queueLowBalanceReminders(
  db: Db,
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
        status: "ACTIVE",
        remindersEnabled: true,
        links: { some: { ...liveLink, telegramUser: { reachable: true } } },
        trustPayments: { none: { status: "ACTIVE" } },
        freezes: { none: frozenOn(day) },
      },
      orderBy: { id: "asc" },
      take: batchSize,
      select: {
        id: true,
        login: true,
        balance: true,
        reminderDaysAhead: true,
        internetTariff: { select: { monthlyFee: true } },
        iptvTariff: { select: { monthlyFee: true } },
      },
    });
    const last = accounts.at(-1);
    if (!last) return report;
    after = last.id;
    report.checked += accounts.length;

    const charged = await db.ledgerEntry.findMany({
      where: { idempotencyKey: { in: accounts.map((account) => chargeKey(account.id, day)) } },
      select: { accountId: true },
    });
    const chargedToday = new Set(charged.map((entry) => entry.accountId));
    const due: { accountId: number; payload: Record<string, string | number> }[] = [];
    for (const account of accounts) {
      const monthlyFee =
        (account.internetTariff?.monthlyFee ?? 0) + (account.iptvTariff?.monthlyFee ?? 0);
      const lasts: Coverage | null = coverage(
        account.balance,
        monthlyFee,
        day,
        chargedToday.has(account.id),
      );
      if (!lasts || lasts.daysLeft > account.reminderDaysAhead) continue;
      due.push({
        accountId: account.id,
        payload: {
          accountId: account.id,
          login: account.login,
          balance: account.balance,
          dailyCharge: dailyFee(monthlyFee, lasts.stopsOn),
          daysLeft: lasts.daysLeft,
          stopsOn: lasts.stopsOn,
        },
      });
    }
    report.due += due.length;
    report.queued += await enqueueAccountNotices(db, noticeKinds.lowBalance, day, due);
    if (accounts.length < batchSize) return report;
  }
}
