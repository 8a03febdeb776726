// Card top-ups through Telegram Payments. A PENDING payment with an unguessable payload is created
// for each invoice; the pre-checkout check only approves it; the money is credited once, when
// Telegram reports the successful payment, keyed on Telegram's charge id: a redelivered update,
// two instances racing on it, or a retry after a crash finds the key and credits nothing more.
import { randomBytes } from "node:crypto";
import { isUniqueViolation, postInTransaction } from "../billing/ledger.ts";
import type { Db } from "../db.ts";

export const topUpLimits = { min: 100_00, max: 15_000_00 } as const;
export const currency = "RUB";
/** An invoice older than this is refused at checkout: the subscriber asks for a fresh one. */
export const invoiceTtlMs = 24 * 60 * 60_000;

export type TopUpStart =
  | {
      outcome: "invoice";
      payload: string;
      amount: number;
      login: string;
      name: string;
      email: string | null;
    }
  | { outcome: "out-of-range" | "closed" };

export async function startTopUp(
  db: Db,
  input: { accountId: number; telegramUserId: number; amount: number },
): Promise<TopUpStart> {
  if (
    !Number.isSafeInteger(input.amount) ||
    input.amount < topUpLimits.min ||
    input.amount > topUpLimits.max
  ) {
    return { outcome: "out-of-range" };
  }
  const account = await db.account.findUniqueOrThrow({
    where: { id: input.accountId },
    select: { login: true, name: true, email: true, status: true },
  });
  if (account.status === "CLOSED") return { outcome: "closed" };
  const payload = randomBytes(24).toString("base64url");
  await db.payment.create({
    data: {
      accountId: input.accountId,
      telegramUserId: BigInt(input.telegramUserId),
      amount: input.amount,
      currency,
      invoicePayload: payload,
    },
  });
  return {
    outcome: "invoice",
    payload,
    amount: input.amount,
    login: account.login,
    name: account.name,
    email: account.email,
  };
}

export type CheckoutVerdict =
  | { ok: true }
  | {
      ok: false;
      reason: "unknown" | "not-pending" | "expired" | "amount-mismatch" | "currency" | "closed";
    };

/** Telegram asks before charging the card: approve only a pending invoice as it was issued. */
export async function checkCheckout(
  db: Db,
  input: { payload: string; amount: number; currency: string; now?: Date },
): Promise<CheckoutVerdict> {
  const now = input.now ?? new Date();
  const payment = await db.payment.findUnique({
    where: { invoicePayload: input.payload },
    select: {
      id: true,
      amount: true,
      currency: true,
      status: true,
      createdAt: true,
      account: { select: { status: true } },
    },
  });
  if (!payment) return { ok: false, reason: "unknown" };
  if (payment.status !== "PENDING") return { ok: false, reason: "not-pending" };
  if (now.getTime() - payment.createdAt.getTime() > invoiceTtlMs) {
    await db.payment.updateMany({
      where: { id: payment.id, status: "PENDING" },
      data: { status: "EXPIRED" },
    });
    return { ok: false, reason: "expired" };
  }
  if (input.currency !== payment.currency) return { ok: false, reason: "currency" };
  if (input.amount !== payment.amount) return { ok: false, reason: "amount-mismatch" };
  if (payment.account.status === "CLOSED") return { ok: false, reason: "closed" };
  return { ok: true };
}

export interface PaidInvoice {
  payload: string;
  /** What Telegram charged, in kopecks. */
  amount: number;
  currency: string;
  telegramChargeId: string;
  providerChargeId: string;
  telegramUserId: number;
}

export type Crediting =
  | {
      outcome: "credited" | "already-credited";
      accountId: number;
      amount: number;
      balanceAfter: number;
      unblocked: boolean;
    }
  | { outcome: "unknown-invoice" };

export const cardKey = (telegramChargeId: string) => `card:${telegramChargeId}`;

export async function creditPayment(
  db: Db,
  paid: PaidInvoice,
  now = new Date(),
): Promise<Crediting> {
  const payment = await db.payment.findUnique({
    where: { invoicePayload: paid.payload },
    select: { id: true, accountId: true, status: true },
  });
  if (!payment) return { outcome: "unknown-invoice" };
  try {
    return await db.$transaction(async (tx) => {
      const posted = await postInTransaction(tx, {
        accountId: payment.accountId,
        amount: paid.amount,
        kind: "CARD_TOPUP",
        idempotencyKey: cardKey(paid.telegramChargeId),
        reference: paid.providerChargeId,
      });
      const charge = {
        telegramChargeId: paid.telegramChargeId,
        providerChargeId: paid.providerChargeId,
        paidAt: now,
      };
      // The same invoice paid a second time is a second real payment: it gets its own record.
      const { count } = await tx.payment.updateMany({
        where: { id: payment.id, status: { in: ["PENDING", "EXPIRED"] } },
        data: { status: "PAID", ...charge },
      });
      if (count === 0) {
        await tx.payment.create({
          data: {
            accountId: payment.accountId,
            telegramUserId: BigInt(paid.telegramUserId),
            amount: paid.amount,
            currency: paid.currency,
            status: "PAID",
            invoicePayload: `${paid.payload}:${paid.telegramChargeId}`,
            ...charge,
          },
        });
      }
      return {
        outcome: "credited" as const,
        accountId: payment.accountId,
        amount: paid.amount,
        balanceAfter: posted.balanceAfter,
        unblocked: posted.unblocked,
      };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const entry = await db.ledgerEntry.findUniqueOrThrow({
      where: { idempotencyKey: cardKey(paid.telegramChargeId) },
      select: { accountId: true, amount: true, balanceAfter: true },
    });
    return { outcome: "already-credited", ...entry, unblocked: false };
  }
}

export interface RecentPayment {
  id: number;
  amount: number;
  status: "PENDING" | "PAID" | "EXPIRED";
  createdAt: Date;
  paidAt: Date | null;
  telegramChargeId: string | null;
}

const recentPaymentFields = {
  id: true,
  amount: true,
  status: true,
  createdAt: true,
  paidAt: true,
  telegramChargeId: true,
} as const;

/** The contract's latest invoices, for "I paid but the balance did not change". */
export async function recentPayments(
  db: Db,
  accountId: number,
  limit = 5,
): Promise<RecentPayment[]> {
  return db.payment.findMany({
    where: { accountId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: recentPaymentFields,
  });
}
