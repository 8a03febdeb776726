// Payment and charge history of a contract for a period, newest first, with daily charges folded
// into one line per month, paged, with the period's totals.
import type { Db } from "../db.ts";
import type { LedgerKind } from "../generated/prisma/enums.ts";
import { startOfDay } from "../zoned-time.ts";
import { addDays, type BillingDay } from "./calendar.ts";

export const periods = ["this-month", "last-month", "3-months"] as const;
export type Period = (typeof periods)[number];
/**
 * What an entry is: this database's ledger kinds, or an external billing's plain top-up and
 * charge when it tells no more (a payment's channel, a charge's reason).
 */
export type HistoryKind = LedgerKind | "TOPUP" | "CHARGE";
export type HistoryLine =
  | { type: "entry"; at: Date; kind: HistoryKind; amount: number; reference: string | null }
  /** The month's daily charges: `month` is YYYY-MM. */
  | { type: "charges"; at: Date; month: string; amount: number; days: number };

export interface HistoryPage {
  period: Period;
  from: BillingDay;
  to: BillingDay;
  lines: HistoryLine[];
  page: number;
  pages: number;
  totals: { credited: number; charged: number };
}

/** First and last day of a period that ends today. */
export function periodDays(
  period: Period,
  today: BillingDay,
): { from: BillingDay; to: BillingDay } {
  const monthStart = `${today.slice(0, 7)}-01`;
  if (period === "this-month") return { from: monthStart, to: today };
  const lastMonthEnd = addDays(monthStart, -1);
  if (period === "last-month") return { from: `${lastMonthEnd.slice(0, 7)}-01`, to: lastMonthEnd };
  const twoBack = addDays(`${lastMonthEnd.slice(0, 7)}-01`, -1);
  return { from: `${twoBack.slice(0, 7)}-01`, to: today };
}

export async function getHistory(
  db: Db,
  input: {
    accountId: number;
    period: Period;
    page: number;
    today: BillingDay;
    timeZone: string;
    pageSize?: number;
  },
): Promise<HistoryPage> {
  const { from, to } = periodDays(input.period, input.today);
  const entries = await db.ledgerEntry.findMany({
    where: {
      accountId: input.accountId,
      createdAt: {
        gte: startOfDay(from, input.timeZone),
        lt: startOfDay(addDays(to, 1), input.timeZone),
      },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { createdAt: true, kind: true, amount: true, reference: true },
  });

  const lines: HistoryLine[] = [];
  const monthOfCharges = new Map<string, Extract<HistoryLine, { type: "charges" }>>();
  for (const entry of entries) {
    if (entry.kind !== "DAILY_CHARGE") {
      lines.push({ type: "entry", at: entry.createdAt, ...entry });
      continue;
    }
    const month = (entry.reference ?? entry.createdAt.toISOString()).slice(0, 7);
    const group = monthOfCharges.get(month);
    if (group) {
      group.amount += entry.amount;
      group.days += 1;
    } else {
      const line = {
        type: "charges" as const,
        at: entry.createdAt,
        month,
        amount: entry.amount,
        days: 1,
      };
      monthOfCharges.set(month, line);
      lines.push(line);
    }
  }

  return pageOfHistory(input, { from, to }, lines, entries);
}

export const historyPageSize = 10;

/** One page of a period's lines (the page number clamped), with the totals of all `amounts`. */
export function pageOfHistory(
  input: { period: Period; page: number; pageSize?: number },
  days: { from: BillingDay; to: BillingDay },
  lines: HistoryLine[],
  amounts: Array<{ amount: number }>,
): HistoryPage {
  const pageSize = input.pageSize ?? historyPageSize;
  const pages = Math.max(1, Math.ceil(lines.length / pageSize));
  const page = Math.min(Math.max(0, input.page), pages - 1);
  return {
    period: input.period,
    ...days,
    lines: lines.slice(page * pageSize, (page + 1) * pageSize),
    page,
    pages,
    totals: {
      credited: amounts.filter((e) => e.amount > 0).reduce((sum, e) => sum + e.amount, 0),
      charged: amounts.filter((e) => e.amount < 0).reduce((sum, e) => sum + e.amount, 0),
    },
  };
}
