// The one way a balance changes: a ledger entry and the cached balance, in one transaction,
// at most once per idempotency key whatever is redelivered or run concurrently.
import type { Db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { LedgerKind } from "../generated/prisma/enums.ts";

export interface LedgerEntryInput {
  accountId: number;
  /** Signed kopecks: positive credits the account, negative charges it. */
  amount: number;
  kind: LedgerKind;
  idempotencyKey: string;
  reference?: string;
}

export type PostResult =
  | { posted: true; entryId: number; balanceAfter: number; unblocked: boolean }
  | { posted: false; entryId: number; balanceAfter: number };

type Tx = Prisma.TransactionClient;

/** Posts the entry inside an existing transaction; the caller's transaction owns atomicity. */
export async function postInTransaction(tx: Tx, input: LedgerEntryInput) {
  if (!Number.isSafeInteger(input.amount)) throw new RangeError("amount must be whole kopecks");
  const account = await tx.account.update({
    where: { id: input.accountId },
    data: { balance: { increment: input.amount } },
    select: { balance: true, status: true },
  });
  const entry = await tx.ledgerEntry.create({
    data: {
      accountId: input.accountId,
      amount: input.amount,
      kind: input.kind,
      idempotencyKey: input.idempotencyKey,
      reference: input.reference ?? null,
      balanceAfter: account.balance,
    },
    select: { id: true },
  });
  const unblocked = account.status === "BLOCKED" && input.amount > 0 && account.balance >= 0;
  if (unblocked) {
    await tx.account.update({ where: { id: input.accountId }, data: { status: "ACTIVE" } });
  }
  return { entryId: entry.id, balanceAfter: account.balance, unblocked, status: account.status };
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Posts one entry in its own transaction. A key already posted (a redelivered update, a rerun
 * job, a racing instance) changes nothing and returns the entry that was posted then.
 */
export async function postLedgerEntry(db: Db, input: LedgerEntryInput): Promise<PostResult> {
  try {
    const result = await db.$transaction((tx) => postInTransaction(tx, input));
    return { posted: true, ...result };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.ledgerEntry.findUniqueOrThrow({
      where: { idempotencyKey: input.idempotencyKey },
      select: { id: true, balanceAfter: true },
    });
    return { posted: false, entryId: existing.id, balanceAfter: existing.balanceAfter };
  }
}
