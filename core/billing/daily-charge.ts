// The daily charge: every ACTIVE contract pays its internet and IPTV fees for the day, once
// (idempotency key `charge:<account>:<day>`), in batches of one transaction each. Then a contract
// below zero with no active trust payment is BLOCKED. A rerun, a concurrent run on another
// instance, or a rerun after a crash charges nobody twice: each batch locks its accounts and skips
// those already charged for the day. A contract blocked here gets its "service blocked" notice in
// the same transaction (the outbox), so it is told once, whatever reruns or crashes there are.
// A contract under a voluntary freeze that day (freeze.ts) is not charged for it.
import type { Db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { enqueueBlockedNotices } from "../notify/blocked-notice.ts";
import { type BillingDay, dailyFee, dayAsDate } from "./calendar.ts";
import { applyPendingIptvChanges } from "./tariffs.ts";

export interface DailyChargeReport {
  day: BillingDay;
  charged: number;
  skipped: number;
  blocked: number;
  tariffChangesApplied: number;
  iptvChangesApplied: number;
}

export interface DailyChargeOptions {
  day: BillingDay;
  batchSize?: number;
  /** Stops before the next batch when aborted (the job lost its lock): the holder does the rest. */
  signal?: AbortSignal;
  onProgress?(report: DailyChargeReport): void;
}

export const chargeKey = (accountId: number, day: BillingDay) => `charge:${accountId}:${day}`;

export async function runDailyCharge(
  db: Db,
  options: DailyChargeOptions,
): Promise<DailyChargeReport> {
  const { day, batchSize = 1000 } = options;
  const report: DailyChargeReport = {
    day,
    charged: 0,
    skipped: 0,
    blocked: 0,
    tariffChangesApplied: 0,
    iptvChangesApplied: 0,
  };
  report.tariffChangesApplied = await applyPendingTariffChanges(db, day);
  report.iptvChangesApplied = await applyPendingIptvChanges(db, day);

  let cursor = 0;
  for (;;) {
    if (options.signal?.aborted) return report;
    const batch = await db.$transaction((tx) => chargeBatch(tx, day, cursor, batchSize), {
      timeout: 60_000,
    });
    if (batch.lastId === null) break;
    cursor = batch.lastId;
    report.charged += batch.charged;
    report.skipped += batch.skipped;
    report.blocked += batch.blocked;
    options.onProgress?.({ ...report });
  }
  report.blocked += await blockOverdrawn(db, day);
  return report;
}

/**
 * Contracts below zero that no charge of this run touched (nothing to charge, a correction by the
 * operator): the same rule, blocked unless a trust payment holds them up.
 */
async function blockOverdrawn(db: Db, day: BillingDay): Promise<number> {
  return db.$transaction(async (tx) => {
    const blocked = await tx.$queryRaw<BlockedAccount[]>`
      UPDATE "Account" a SET status = 'BLOCKED'
      WHERE a.status = 'ACTIVE' AND a.balance < 0
        AND NOT EXISTS (SELECT 1 FROM "TrustPayment" p WHERE p."accountId" = a.id AND p.status = 'ACTIVE')
      RETURNING a.id, a.login, a.balance`;
    await enqueueBlockedNotices(tx, day, blocked);
    return blocked.length;
  });
}

async function applyPendingTariffChanges(db: Db, day: BillingDay): Promise<number> {
  return db.$executeRaw`
    UPDATE "Account"
    SET "internetTariffId" = "pendingTariffId", "pendingTariffId" = NULL, "pendingTariffDate" = NULL
    WHERE "pendingTariffDate" <= ${dayAsDate(day)}::date AND "pendingTariffId" IS NOT NULL`;
}

interface BlockedAccount {
  id: number;
  login: string;
  balance: number;
}

interface Candidate {
  id: number;
  monthlyFee: number;
  /** Under a voluntary freeze that day (freeze.ts): not charged. */
  frozen: boolean;
}

async function chargeBatch(
  tx: Prisma.TransactionClient,
  day: BillingDay,
  after: number,
  size: number,
) {
  // Locks the batch's accounts: every balance change takes the same row lock first.
  const candidates = await tx.$queryRaw<Candidate[]>`
    SELECT a.id, (COALESCE(i."monthlyFee", 0) + COALESCE(t."monthlyFee", 0))::int AS "monthlyFee",
      EXISTS (SELECT 1 FROM "Freeze" f WHERE f."accountId" = a.id AND f."cancelledAt" IS NULL
        AND f."startsOn" <= ${day}::date AND f."lastDay" >= ${day}::date) AS frozen
    FROM "Account" a
    LEFT JOIN "Tariff" i ON i.id = a."internetTariffId"
    LEFT JOIN "Tariff" t ON t.id = a."iptvTariffId"
    WHERE a.status = 'ACTIVE' AND a.id > ${after}
    ORDER BY a.id
    LIMIT ${size}
    FOR UPDATE OF a`;
  const lastId = candidates.at(-1)?.id ?? null;
  if (lastId === null) return { lastId, charged: 0, skipped: 0, blocked: 0 };
  // A statement of its own, after the locks: it sees what a run that held them has committed.
  const done = await tx.ledgerEntry.findMany({
    where: { idempotencyKey: { in: candidates.map((candidate) => chargeKey(candidate.id, day)) } },
    select: { accountId: true },
  });
  const charged = new Set(done.map((entry) => entry.accountId));
  const due = candidates
    .filter((candidate) => !charged.has(candidate.id) && !candidate.frozen)
    .map((candidate) => ({ id: candidate.id, fee: dailyFee(candidate.monthlyFee, day) }))
    .filter((candidate) => candidate.fee > 0);
  if (due.length === 0) {
    return { lastId, charged: 0, skipped: candidates.length, blocked: 0 };
  }

  const values = Prisma.join(
    due.map((charge) => Prisma.sql`(${charge.id}::int, ${charge.fee}::int)`),
  );
  const balances = await tx.$queryRaw<{ id: number; balance: number }[]>`
    UPDATE "Account" a SET balance = a.balance - d.fee
    FROM (VALUES ${values}) AS d(id, fee)
    WHERE a.id = d.id
    RETURNING a.id, a.balance`;
  const balanceOf = new Map(balances.map((row) => [row.id, row.balance]));
  await tx.ledgerEntry.createMany({
    data: due.map((charge) => ({
      accountId: charge.id,
      amount: -charge.fee,
      kind: "DAILY_CHARGE" as const,
      idempotencyKey: chargeKey(charge.id, day),
      balanceAfter: balanceOf.get(charge.id) ?? 0,
      reference: day,
    })),
  });
  const blocked = await tx.$queryRaw<BlockedAccount[]>`
    UPDATE "Account" a SET status = 'BLOCKED'
    WHERE a.id IN (${Prisma.join(due.map((charge) => charge.id))})
      AND a.balance < 0
      AND NOT EXISTS (SELECT 1 FROM "TrustPayment" p WHERE p."accountId" = a.id AND p.status = 'ACTIVE')
    RETURNING a.id, a.login, a.balance`;
  await enqueueBlockedNotices(tx, day, blocked);
  return {
    lastId,
    charged: due.length,
    skipped: candidates.length - due.length,
    blocked: blocked.length,
  };
}
