// A card payment's two moments in Telegram Payments. Before charging, Telegram asks: only a pending
// invoice as it was issued is approved. After, it reports the successful payment: the money is
// credited once, keyed on Telegram's charge id (a redelivered update, two instances racing on it, or
// a retry after a crash finds the key and credits nothing more), and only for the invoice's amount
// in the invoice's currency. A report that differs is recorded as a MISMATCH and credits nothing.
// Whoever paid, the contract's linked users are told the balance; the payer only if linked.

import { z } from "zod";
import { liveLink } from "../accounts/links.ts";
import { type BillingDay, billingDayAt } from "../billing/calendar.ts";
import { isUniqueViolation, postInTransaction } from "../billing/ledger.ts";
import type { Db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { noticeKinds } from "../notify/notice-payload.ts";
import { enqueueNotifications } from "../notify/outbox.ts";
import { singleLine } from "../plain-text.ts";
import { invoicePayload } from "./topup.ts";

export type CheckoutVerdict =
  | { ok: true }
  | {
      ok: false;
      reason: "unknown" | "not-pending" | "amount-mismatch" | "currency" | "closed";
    }
  /** Past its lifetime: the contract and sum a fresh invoice would be for. */
  | { ok: false; reason: "expired"; accountId: number; amount: number };

/**
 * Telegram asks before charging the card: approve only a pending invoice as it was issued, within
 * its lifetime; an expired one is refused with what a fresh invoice would be for.
 */
export async function checkCheckout(
  db: Db,
  input: {
    payload: string;
    amount: number;
    currency: string;
    /** INVOICE_LIFETIME_HOURS: an older invoice is refused. */
    lifetimeMs: number;
    now?: Date;
  },
): Promise<CheckoutVerdict> {
  const now = input.now ?? new Date();
  if (!invoicePayload.safeParse(input.payload).success) return { ok: false, reason: "unknown" };
  const payment = await db.payment.findUnique({
    where: { invoicePayload: input.payload },
    select: {
      id: true,
      accountId: true,
      amount: true,
      currency: true,
      status: true,
      createdAt: true,
      account: { select: { status: true } },
    },
  });
  if (!payment) return { ok: false, reason: "unknown" };
  const expired = {
    ok: false,
    reason: "expired",
    accountId: payment.accountId,
    amount: payment.amount,
  } as const;
  // Marked so by invoice-expiry, or by an earlier checkout: refused as out of date, not as paid.
  if (payment.status === "EXPIRED") return expired;
  if (payment.status !== "PENDING") return { ok: false, reason: "not-pending" };
  if (now.getTime() - payment.createdAt.getTime() > input.lifetimeMs) {
    await db.payment.updateMany({
      where: { id: payment.id, status: "PENDING" },
      data: { status: "EXPIRED" },
    });
    return expired;
  }
  if (input.currency !== payment.currency) return { ok: false, reason: "currency" };
  if (input.amount !== payment.amount) return { ok: false, reason: "amount-mismatch" };
  if (payment.account.status === "CLOSED") return { ok: false, reason: "closed" };
  return { ok: true };
}

// Stored as keys and references: printable, bounded (a NUL byte is refused by PostgreSQL).
const chargeId = z.string().max(255).regex(singleLine);

/** A successful payment as Telegram reports it; read before anything is looked up. */
const paidInvoice = z.object({
  payload: invoicePayload,
  /** What Telegram charged, in the currency's minor units. */
  amount: z.number().int().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  telegramChargeId: chargeId.min(1),
  providerChargeId: chargeId,
  telegramUserId: z.number().int().positive(),
});

export type PaidInvoice = z.infer<typeof paidInvoice>;

interface CreditedAccount {
  accountId: number;
  login: string;
  amount: number;
  balanceAfter: number;
  unblocked: boolean;
  /** The payer is linked to the contract: the receipt may show its balance. */
  payerLinked: boolean;
  /** The contract was closed after the invoice's checkout: credited, for staff to settle. */
  closed?: boolean;
}

export type Crediting =
  | ({ outcome: "credited" | "already-credited" } & CreditedAccount)
  | {
      outcome: "mismatch";
      paymentId: number;
      accountId: number;
      login: string;
      invoice: { amount: number; currency: string };
      reported: { amount: number; currency: string };
    }
  | { outcome: "unknown-invoice" }
  /** Not a report the bot can read (see `paidInvoice`): nothing is looked up. */
  | { outcome: "unreadable"; problem: string };

export const cardKey = (telegramChargeId: string) => `card:${telegramChargeId}`;

/** The report read and matched to its invoice, or what ends it before anything is credited. */
export type ReportedPayment =
  | {
      outcome: "matched";
      paid: PaidInvoice;
      payment: { id: number; accountId: number; amount: number; currency: string };
      login: string;
      payerLinked: boolean;
    }
  | Extract<Crediting, { outcome: "mismatch" | "unknown-invoice" | "unreadable" }>;

/** Reads a successful payment and finds its invoice; a report that differs is recorded MISMATCH. */
export async function matchReport(
  db: Db,
  report: PaidInvoice,
  now: Date,
): Promise<ReportedPayment> {
  const read = paidInvoice.safeParse(report);
  if (!read.success) return { outcome: "unreadable", problem: z.prettifyError(read.error) };
  const paid = read.data;
  const payment = await db.payment.findUnique({
    where: { invoicePayload: paid.payload },
    select: {
      id: true,
      accountId: true,
      amount: true,
      currency: true,
      account: { select: { login: true } },
    },
  });
  if (!payment) return { outcome: "unknown-invoice" };
  const { account, ...invoice } = payment;
  if (paid.amount !== payment.amount || paid.currency !== payment.currency) {
    return recordMismatch(db, { ...invoice, login: account.login }, paid, now);
  }
  const payerLinked =
    (await db.accountLink.count({
      where: {
        accountId: payment.accountId,
        telegramUserId: BigInt(paid.telegramUserId),
        ...liveLink,
      },
    })) > 0;
  return { outcome: "matched", paid, payment: invoice, login: account.login, payerLinked };
}

/** The built-in billing: the payment recorded PAID and credited to the ledger in one transaction. */
export async function creditPayment(
  db: Db,
  report: PaidInvoice,
  options: { now?: Date; timeZone?: string } = {},
): Promise<Crediting> {
  const now = options.now ?? new Date();
  const matched = await matchReport(db, report, now);
  if (matched.outcome !== "matched") return matched;
  const { paid, payment, login, payerLinked } = matched;
  const day = billingDayAt(now, options.timeZone ?? "UTC");
  try {
    return await db.$transaction(async (tx) => {
      const posted = await postInTransaction(tx, {
        accountId: payment.accountId,
        amount: paid.amount,
        kind: "CARD_TOPUP",
        idempotencyKey: cardKey(paid.telegramChargeId),
        reference: paid.providerChargeId,
      });
      await markPaid(tx, payment, paid, now, { postedAt: now });
      const credited = {
        accountId: payment.accountId,
        login,
        amount: paid.amount,
        balanceAfter: posted.balanceAfter,
        unblocked: posted.unblocked,
        payerLinked,
        closed: posted.status === "CLOSED",
      };
      if (!payerLinked) await tellLinkedUsers(tx, credited, paid.telegramChargeId, day);
      return { outcome: "credited" as const, ...credited };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const entry = await db.ledgerEntry.findUniqueOrThrow({
      where: { idempotencyKey: cardKey(paid.telegramChargeId) },
      select: { accountId: true, amount: true, balanceAfter: true },
    });
    return { outcome: "already-credited", ...entry, login, unblocked: false, payerLinked };
  }
}

/** The invoice PAID; the same invoice paid a second time is a second real payment, its own record. */
export async function markPaid(
  tx: Prisma.TransactionClient,
  payment: { id: number; accountId: number },
  paid: PaidInvoice,
  now: Date,
  posting: { postedAt: Date } | { nextPostAt: Date },
) {
  const charge = {
    telegramChargeId: paid.telegramChargeId,
    providerChargeId: paid.providerChargeId,
    paidAt: now,
    ...posting,
  };
  const { count } = await tx.payment.updateMany({
    where: { id: payment.id, status: { in: ["PENDING", "EXPIRED"] } },
    data: { status: "PAID", ...charge },
  });
  if (count > 0) return;
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

/** A stranger paid (a forwarded invoice): the contract's own users get the receipt with the balance. */
export async function tellLinkedUsers(
  tx: Prisma.TransactionClient,
  credited: Omit<CreditedAccount, "payerLinked">,
  telegramChargeId: string,
  day: BillingDay,
) {
  const links = await tx.accountLink.findMany({
    where: { accountId: credited.accountId, ...liveLink, telegramUser: { reachable: true } },
    select: { telegramUserId: true },
  });
  const { accountId, login, amount, balanceAfter, unblocked } = credited;
  await enqueueNotifications(
    tx,
    links.map(({ telegramUserId }) => ({
      key: `${noticeKinds.cardPayment}:${telegramChargeId}:${telegramUserId}`,
      kind: noticeKinds.cardPayment,
      telegramUserId,
      accountId,
      day,
      payload: { accountId, login, amount, balance: balanceAfter, unblocked },
    })),
  );
}

/** The invoice's own record stays as it was (it can still be paid); the report gets its own. */
async function recordMismatch(
  db: Db,
  payment: { id: number; accountId: number; amount: number; currency: string; login: string },
  paid: PaidInvoice,
  now: Date,
): Promise<Extract<Crediting, { outcome: "mismatch" }>> {
  const facts = {
    accountId: payment.accountId,
    login: payment.login,
    invoice: { amount: payment.amount, currency: payment.currency },
    reported: { amount: paid.amount, currency: paid.currency },
  };
  try {
    const recorded = await db.payment.create({
      data: {
        accountId: payment.accountId,
        telegramUserId: BigInt(paid.telegramUserId),
        amount: payment.amount,
        currency: payment.currency,
        status: "MISMATCH",
        invoicePayload: `${paid.payload}:${paid.telegramChargeId}`,
        telegramChargeId: paid.telegramChargeId,
        providerChargeId: paid.providerChargeId,
        reportedAmount: BigInt(paid.amount),
        reportedCurrency: paid.currency,
        paidAt: now,
      },
      select: { id: true },
    });
    return { outcome: "mismatch", paymentId: recorded.id, ...facts };
  } catch (error) {
    // Reported again (a retry of the update): recorded already.
    if (!isUniqueViolation(error)) throw error;
    const recorded = await db.payment.findUniqueOrThrow({
      where: { telegramChargeId: paid.telegramChargeId },
      select: { id: true },
    });
    return { outcome: "mismatch", paymentId: recorded.id, ...facts };
  }
}
