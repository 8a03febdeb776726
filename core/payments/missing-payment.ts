// "I paid but the balance did not change": what the subscriber remembers of a card payment (the
// amount, perhaps the day and the time), read with zod, and the contract's invoice that matches it,
// with the ledger entry a paid one was credited by, found through its Telegram charge id.
import { z } from "zod";
import { addDays, type BillingDay, isBillingDay } from "../billing/calendar.ts";
import { parseRubles } from "../billing/rubles.ts";
import type { Db } from "../db.ts";
import { instantAt, startOfDay } from "../zoned-time.ts";
import { cardKey } from "./card-payment.ts";
import { type RecentPayment, topUpLimits } from "./topup.ts";

/** Without a day, the search covers this many days back from now. */
export const recentSearchDays = 14;
/** A time given is taken as approximate: a payment this close to it matches. */
export const timeToleranceMs = 3 * 60 * 60_000;

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

/** What the subscriber remembers: kopecks, the day (provider's time zone) and minute of the day. */
export interface PaymentRecollection {
  amount: number;
  day: BillingDay | null;
  /** Minutes after midnight; with no day given, the day is today. */
  minute: number | null;
}

/** Why a recollection could not be read; the bot words each one. */
export type RecollectionProblem = "format" | "amount" | "date" | "future";

// `500`, `1 500,50 ₽`, then optionally a day `12.03`, `12.03.26`, `12/03/2026`, then a time `14:30`.
const recollectionFormat =
  /^(?<amount>\S.*?)(?:\s+(?<date>\d{1,2})[./](?<month>\d{1,2})(?:[./](?<year>\d{2}|\d{4}))?)?(?:\s+(?<hour>\d{1,2})[:](?<minute>\d{2}))?$/u;

const pad = (value: number) => String(value).padStart(2, "0");

/**
 * The subscriber's words as a recollection, `today` being the provider's date: a day without a
 * year is the latest such day up to today; a day after today is refused.
 */
export function paymentRecollection(today: BillingDay) {
  return z.string().transform((text, ctx): PaymentRecollection => {
    const fail = (problem: RecollectionProblem) => {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    };
    // Longer is not a recollection of a payment (and stays clear of the pattern's backtracking).
    if (text.length > 100) return fail("format");
    const match = recollectionFormat.exec(text.trim().replace(/\s+/g, " "));
    const parts = match?.groups;
    if (!parts?.amount) return fail("format");
    const amount = parseRubles(parts.amount);
    if (amount === null) return fail("format");
    if (amount < topUpLimits.min || amount > topUpLimits.max) return fail("amount");

    let minute: number | null = null;
    if (parts.hour !== undefined && parts.minute !== undefined) {
      const [hour, minutes] = [Number(parts.hour), Number(parts.minute)];
      if (hour > 23 || minutes > 59) return fail("date");
      minute = hour * 60 + minutes;
    }
    if (parts.date === undefined || parts.month === undefined) {
      return { amount, day: minute === null ? null : today, minute };
    }
    const dayOfMonth = `${pad(Number(parts.month))}-${pad(Number(parts.date))}`;
    const thisYear = Number(today.slice(0, 4));
    let day = `${thisYear}-${dayOfMonth}`;
    if (parts.year === undefined) {
      // The latest such day up to today: last year's for a day still ahead, a leap year's 29.02.
      for (let year = thisYear; year > thisYear - 8; year--) {
        day = `${year}-${dayOfMonth}`;
        if (isBillingDay(day) && day <= today) break;
      }
    } else {
      const year = parts.year.length === 2 ? 2000 + Number(parts.year) : Number(parts.year);
      day = `${year}-${dayOfMonth}`;
    }
    if (!isBillingDay(day)) return fail("date");
    if (day > today) return fail("future");
    return { amount, day, minute };
  });
}

/** The first problem of a failed reading (the bot turns it into a hint). */
export function recollectionProblem(error: z.ZodError): RecollectionProblem {
  const message = error.issues[0]?.message;
  return message === "amount" || message === "date" || message === "future" ? message : "format";
}

export interface ExplainedPayment extends RecentPayment {
  providerChargeId: string | null;
  /** The CARD_TOPUP entry keyed on the charge id: what the payment added to the balance. */
  entry: { id: number; amount: number; balanceAfter: number; createdAt: Date } | null;
}

const paymentFields = {
  id: true,
  amount: true,
  status: true,
  createdAt: true,
  paidAt: true,
  telegramChargeId: true,
  providerChargeId: true,
} as const;

type PaymentRow = Omit<ExplainedPayment, "entry">;

async function withEntry(db: Db, payment: PaymentRow): Promise<ExplainedPayment> {
  const entry = payment.telegramChargeId
    ? await db.ledgerEntry.findUnique({
        where: { idempotencyKey: cardKey(payment.telegramChargeId) },
        select: { id: true, amount: true, balanceAfter: true, createdAt: true },
      })
    : null;
  return { ...payment, entry };
}

/** One of the contract's invoices with what it was credited by; null if not the contract's. */
export async function explainPayment(
  db: Db,
  accountId: number,
  paymentId: number,
): Promise<ExplainedPayment | null> {
  const payment = await db.payment.findFirst({
    where: { id: paymentId, accountId },
    select: paymentFields,
  });
  return payment && withEntry(db, payment);
}

/** The instants a recollection covers: a time ± the tolerance, a whole day, or the recent days. */
export function searchWindow(
  recollection: PaymentRecollection,
  input: { now: Date; timeZone: string },
): { from: Date; to: Date; around: Date } {
  const { day, minute } = recollection;
  if (day !== null && minute !== null) {
    const around = instantAt(day, minute, input.timeZone);
    return {
      from: new Date(around.getTime() - timeToleranceMs),
      to: new Date(around.getTime() + timeToleranceMs),
      around,
    };
  }
  if (day !== null) {
    const from = startOfDay(day, input.timeZone);
    const to = startOfDay(addDays(day, 1), input.timeZone);
    return { from, to, around: to };
  }
  return {
    from: new Date(input.now.getTime() - recentSearchDays * dayMs),
    to: input.now,
    around: input.now,
  };
}

/**
 * The contract's invoice for the amount whose payment (or, unpaid, its issue) falls in the window
 * the subscriber remembers: a paid one first, then the closest to the time given (or the latest).
 */
export async function findRememberedPayment(
  db: Db,
  input: {
    accountId: number;
    recollection: PaymentRecollection;
    now: Date;
    timeZone: string;
    invoiceLifetimeMs: number;
  },
): Promise<ExplainedPayment | null> {
  const { from, to, around } = searchWindow(input.recollection, input);
  // An invoice is paid within its lifetime (older ones are refused at checkout).
  const candidates = await db.payment.findMany({
    where: {
      accountId: input.accountId,
      amount: input.recollection.amount,
      createdAt: { gte: new Date(from.getTime() - input.invoiceLifetimeMs), lt: to },
    },
    orderBy: { id: "desc" },
    take: 50,
    select: paymentFields,
  });
  const at = (payment: PaymentRow) => payment.paidAt ?? payment.createdAt;
  const distance = (payment: PaymentRow) => Math.abs(at(payment).getTime() - around.getTime());
  const best = candidates
    .filter((payment) => at(payment) >= from && at(payment) < to)
    .sort(
      (a, b) =>
        Number(b.status === "PAID") - Number(a.status === "PAID") || distance(a) - distance(b),
    )[0];
  return best ? withEntry(db, best) : null;
}
