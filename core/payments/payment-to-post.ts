// A card payment on an external billing: recorded PAID locally first, in one transaction, with
// Telegram's charge id; the payment poster (payment-poster.ts) then posts it to the billing, and
// the receipt with the new balance follows the billing's confirmation. However often Telegram
// reports it, it is recorded once (the charge id is unique).

import { isUniqueViolation } from "../billing/ledger.ts";
import type { Db } from "../db.ts";
import { type Crediting, markPaid, matchReport, type PaidInvoice } from "./card-payment.ts";

export type Recording =
  | {
      outcome: "recorded" | "already-recorded";
      paymentId: number;
      accountId: number;
      login: string;
      amount: number;
      payerLinked: boolean;
      /** Already confirmed by the billing (a report seen again after its posting). */
      posted: boolean;
    }
  | Extract<Crediting, { outcome: "mismatch" | "unknown-invoice" | "unreadable" }>;

export async function recordPaymentToPost(
  db: Db,
  report: PaidInvoice,
  options: { now?: Date } = {},
): Promise<Recording> {
  const now = options.now ?? new Date();
  const matched = await matchReport(db, report, now);
  if (matched.outcome !== "matched") return matched;
  const { paid, payment, login, payerLinked } = matched;
  const facts = { accountId: payment.accountId, login, amount: paid.amount, payerLinked };
  let first = true;
  try {
    await db.$transaction((tx) => markPaid(tx, payment, paid, now, { nextPostAt: now }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    first = false;
  }
  const recorded = await db.payment.findUniqueOrThrow({
    where: { telegramChargeId: paid.telegramChargeId },
    select: { id: true, postedAt: true },
  });
  return {
    outcome: first ? "recorded" : "already-recorded",
    paymentId: recorded.id,
    ...facts,
    posted: recorded.postedAt !== null,
  };
}
