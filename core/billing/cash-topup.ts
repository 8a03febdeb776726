// Cash paid at the office: one CASH_TOPUP ledger entry per receipt (idempotency key
// `cash:<receipt>`), so a receipt entered twice is credited once. A BLOCKED contract that the
// payment brings to zero or above is unblocked with it (postLedgerEntry).
import { z } from "zod";
import type { Db } from "../db.ts";
import type { AccountStatus } from "../generated/prisma/enums.ts";
import { postLedgerEntry } from "./ledger.ts";
import { rubles } from "./rubles.ts";

/** The most one receipt credits, in kopecks. */
const maxCashTopup = 100_000_00;

export const cashTopupInput = z.object({
  login: z.string().trim().min(1, { error: "required" }),
  amount: rubles.pipe(
    z
      .number()
      .positive({ error: "more than zero" })
      .max(maxCashTopup, { error: "at most 100 000 rubles" }),
  ),
  receipt: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}._/-]{1,64}$/u, {
      error: "the receipt number: 1 to 64 letters, digits, '.', '_', '/' and '-'",
    }),
});

export type CashTopupInput = z.output<typeof cashTopupInput>;

export const receiptKey = (receipt: string) => `cash:${receipt}`;

interface PostedEntry {
  login: string;
  amount: number;
  balanceAfter: number;
  createdAt: Date;
}

export type CashTopupResult =
  | {
      outcome: "posted";
      login: string;
      amount: number;
      balanceAfter: number;
      status: AccountStatus;
      unblocked: boolean;
    }
  /** The same receipt, contract and amount were posted before: nothing changed. */
  | { outcome: "already-posted"; entry: PostedEntry }
  /** The receipt was posted before for another contract or amount: nothing changed. */
  | { outcome: "receipt-used"; entry: PostedEntry }
  | { outcome: "unknown-login" };

export async function cashTopup(db: Db, input: CashTopupInput): Promise<CashTopupResult> {
  const account = await db.account.findUnique({
    where: { login: input.login },
    select: { id: true, login: true },
  });
  if (!account) return { outcome: "unknown-login" };
  const result = await postLedgerEntry(db, {
    accountId: account.id,
    amount: input.amount,
    kind: "CASH_TOPUP",
    idempotencyKey: receiptKey(input.receipt),
    reference: input.receipt,
  });
  if (result.posted) {
    const { status } = await db.account.findUniqueOrThrow({
      where: { id: account.id },
      select: { status: true },
    });
    return {
      outcome: "posted",
      login: account.login,
      amount: input.amount,
      balanceAfter: result.balanceAfter,
      status,
      unblocked: result.unblocked,
    };
  }
  const entry = await db.ledgerEntry.findUniqueOrThrow({
    where: { id: result.entryId },
    select: {
      accountId: true,
      kind: true,
      amount: true,
      balanceAfter: true,
      createdAt: true,
      account: { select: { login: true } },
    },
  });
  const posted = {
    login: entry.account.login,
    amount: entry.amount,
    balanceAfter: entry.balanceAfter,
    createdAt: entry.createdAt,
  };
  const same =
    entry.accountId === account.id && entry.kind === "CASH_TOPUP" && entry.amount === input.amount;
  return same
    ? { outcome: "already-posted", entry: posted }
    : { outcome: "receipt-used", entry: posted };
}
