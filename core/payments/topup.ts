// Card top-ups through Telegram Payments: a PENDING payment with an unguessable payload for each
// invoice (its checkout and crediting: card-payment.ts), and the contract's recent invoices.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { liveLink } from "../accounts/links.ts";
import type { Db } from "../db.ts";

export const topUpLimits = { min: 100_00, max: 15_000_00 } as const;
export const currency = "RUB";

const payloadBytes = 24;
/** What startTopUp puts in an invoice: anything else in an update is no invoice of ours. */
export const invoicePayload = z.string().regex(/^[\w-]{32}$/);

export type TopUpStart =
  | {
      outcome: "invoice";
      payload: string;
      amount: number;
      login: string;
      name: string;
      email: string | null;
      /** E.164. */
      phone: string | null;
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
    select: { login: true, name: true, email: true, phone: true, status: true },
  });
  if (account.status === "CLOSED") return { outcome: "closed" };
  const payload = randomBytes(payloadBytes).toString("base64url");
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
    phone: account.phone,
  };
}

/**
 * A new invoice for the contract and sum of one that expired, for a payer still linked to the
 * contract (null otherwise: nobody gets an invoice for a contract that is not theirs).
 */
export async function freshTopUp(
  db: Db,
  input: { accountId: number; telegramUserId: number; amount: number },
): Promise<TopUpStart | null> {
  const linked = await db.accountLink.findFirst({
    where: {
      accountId: input.accountId,
      telegramUserId: BigInt(input.telegramUserId),
      ...liveLink,
    },
    select: { accountId: true },
  });
  return linked ? startTopUp(db, input) : null;
}

export interface RecentPayment {
  id: number;
  amount: number;
  status: "PENDING" | "PAID" | "EXPIRED" | "MISMATCH";
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
