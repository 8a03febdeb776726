// The end of a trust payment: its amount is taken back (TRUST_REPAY, key `trust-repay:<trust id>`)
// and the contract is blocked if that leaves it below zero (no other trust payment being active).
// The trust payment is then REPAID when the balance covered it (zero or above after the repayment)
// and EXPIRED when it did not (the contract owes money and is blocked, and told so: the notice is
// written in the same transaction).
//
// Each trust payment is closed in one transaction that takes the contract's row lock and looks at
// the trust payment again under it: a rerun, a concurrent run on another instance, or a rerun after
// a crash closes each one once.
import type { Db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { enqueueBlockedNotices } from "../notify/blocked-notice.ts";
import { billingDayAt } from "./calendar.ts";
import { postInTransaction } from "./ledger.ts";

export interface TrustExpiryReport {
  /** Trust payments closed by this run. */
  expired: number;
  /** …of which the balance covered. */
  repaid: number;
  /** Contracts blocked because the repayment left them below zero. */
  blocked: number;
}

export const trustRepayKey = (trustId: number) => `trust-repay:${trustId}`;

export async function expireTrusts(
  db: Db,
  { now, timeZone, batchSize = 200 }: { now: Date; timeZone: string; batchSize?: number },
): Promise<TrustExpiryReport> {
  const report: TrustExpiryReport = { expired: 0, repaid: 0, blocked: 0 };
  let after = 0;
  for (;;) {
    const due = await db.trustPayment.findMany({
      where: { status: "ACTIVE", expiresAt: { lte: now }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, accountId: true },
    });
    for (const trust of due) {
      const closed = await db.$transaction((tx) =>
        closeTrust(tx, trust.id, trust.accountId, now, timeZone),
      );
      if (!closed) continue;
      report.expired += 1;
      if (closed.repaid) report.repaid += 1;
      if (closed.blocked) report.blocked += 1;
    }
    const last = due.at(-1);
    if (!last || due.length < batchSize) return report;
    after = last.id;
  }
}

async function closeTrust(
  tx: Prisma.TransactionClient,
  trustId: number,
  accountId: number,
  now: Date,
  timeZone: string,
): Promise<{ repaid: boolean; blocked: boolean } | null> {
  await tx.$queryRaw`SELECT id FROM "Account" WHERE id = ${accountId} FOR UPDATE`;
  const trust = await tx.trustPayment.findUnique({
    where: { id: trustId },
    select: { amount: true, status: true },
  });
  // Another run closed it while this one waited for the lock.
  if (trust?.status !== "ACTIVE") return null;
  const posted = await postInTransaction(tx, {
    accountId,
    amount: -trust.amount,
    kind: "TRUST_REPAY",
    idempotencyKey: trustRepayKey(trustId),
    reference: `trust:${trustId}`,
  });
  const repaid = posted.balanceAfter >= 0;
  await tx.trustPayment.update({
    where: { id: trustId },
    data: { status: repaid ? "REPAID" : "EXPIRED", closedAt: now },
  });
  const blocked = await tx.$queryRaw<{ id: number; login: string; balance: number }[]>`
    UPDATE "Account" a SET status = 'BLOCKED'
    WHERE a.id = ${accountId} AND a.status = 'ACTIVE' AND a.balance < 0
      AND NOT EXISTS (SELECT 1 FROM "TrustPayment" p WHERE p."accountId" = a.id AND p.status = 'ACTIVE')
    RETURNING a.id, a.login, a.balance`;
  await enqueueBlockedNotices(tx, billingDayAt(now, timeZone), blocked);
  return { repaid, blocked: blocked.length > 0 };
}
