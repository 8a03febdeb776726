// The card payments a billing holds for some contracts on one day, for the operator's
// reconciliation (core/payments/reconcile.ts): on the built-in billing, the ledger's card top-ups.
import type { Db } from "../db.ts";
import { startOfDay } from "../zoned-time.ts";
import { addDays, type BillingDay } from "./calendar.ts";

export interface BillingCardPayment {
  accountId: number;
  /** Kopecks. */
  amount: number;
  /**
   * What the billing keeps the payment under: on the built-in billing the ledger entry's key
   * (`card:<Telegram's charge id>`); null when the billing shows none (Ubilling's XMLAgent).
   */
  reference: string | null;
  at: Date;
  /**
   * Whether the billing says it is a card payment. False where it cannot tell one from cash at
   * the office (Ubilling's XMLAgent shows no note or cash type): every payment in is listed then.
   */
  card: boolean;
}

export interface CardPaymentsOfDay {
  payments: BillingCardPayment[];
  /** Contracts the billing was not asked about: no credential to ask with, or no answer. */
  notChecked: Array<{ accountId: number; reason: "no-credential" | "unavailable" }>;
}

/** The instants the day starts and the next one starts, in the time zone. */
export function dayBounds(day: BillingDay, timeZone: string): { from: Date; until: Date } {
  return { from: startOfDay(day, timeZone), until: startOfDay(addDays(day, 1), timeZone) };
}

/** The built-in billing: the CARD_TOPUP ledger entries of the contracts written on the day. */
export async function cardTopUpsOn(
  db: Db,
  input: { accountIds: number[]; day: BillingDay; timeZone: string },
): Promise<CardPaymentsOfDay> {
  const { from, until } = dayBounds(input.day, input.timeZone);
  const entries = await db.ledgerEntry.findMany({
    where: {
      kind: "CARD_TOPUP",
      accountId: { in: input.accountIds },
      createdAt: { gte: from, lt: until },
    },
    orderBy: { id: "asc" },
    select: { accountId: true, amount: true, idempotencyKey: true, createdAt: true },
  });
  return {
    payments: entries.map((entry) => ({
      accountId: entry.accountId,
      amount: entry.amount,
      reference: entry.idempotencyKey,
      at: entry.createdAt,
      card: true,
    })),
    notChecked: [],
  };
}
