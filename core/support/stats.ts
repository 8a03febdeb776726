// How support is doing, for /stats in the agents' group: tickets opened and closed today and this
// week (in the provider's time zone), the median time to the first agent answer and to the
// resolution, the average rating.
import { addDays, type BillingDay, billingDayAt } from "../billing/calendar.ts";
import type { Db } from "../db.ts";
import { startOfDay } from "../zoned-time.ts";

export interface PeriodStats {
  opened: number;
  closed: number;
  /** Of tickets opened in the period and answered; null when none was. */
  medianFirstResponseMs: number | null;
  /** From opening to resolution, of tickets closed in the period; null when none was. */
  medianResolutionMs: number | null;
  /** Of tickets closed in the period and rated; null when none was. */
  averageRating: number | null;
  rated: number;
}

export interface SupportStats {
  today: PeriodStats;
  week: PeriodStats;
  openNow: number;
}

/** Monday of the day's week. */
function mondayOf(day: BillingDay): BillingDay {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function periodStats(db: Db, since: Date, until: Date): Promise<PeriodStats> {
  const [opened, closed] = await Promise.all([
    db.supportTicket.findMany({
      where: { createdAt: { gte: since, lt: until } },
      select: { createdAt: true, firstResponseAt: true },
    }),
    db.supportTicket.findMany({
      where: { status: "CLOSED", closedAt: { gte: since, lt: until } },
      select: { rating: true, createdAt: true, resolvedAt: true },
    }),
  ]);
  const waits = opened.flatMap((ticket) =>
    ticket.firstResponseAt ? [ticket.firstResponseAt.getTime() - ticket.createdAt.getTime()] : [],
  );
  const resolutions = closed.flatMap((ticket) =>
    ticket.resolvedAt ? [ticket.resolvedAt.getTime() - ticket.createdAt.getTime()] : [],
  );
  const ratings = closed.flatMap((ticket) => (ticket.rating === null ? [] : [ticket.rating]));
  return {
    opened: opened.length,
    closed: closed.length,
    medianFirstResponseMs: median(waits),
    medianResolutionMs: median(resolutions),
    averageRating:
      ratings.length === 0 ? null : ratings.reduce((sum, value) => sum + value, 0) / ratings.length,
    rated: ratings.length,
  };
}

export async function supportStats(
  db: Db,
  input: { now?: Date; timeZone: string },
): Promise<SupportStats> {
  const now = input.now ?? new Date();
  const today = billingDayAt(now, input.timeZone);
  const end = startOfDay(addDays(today, 1), input.timeZone);
  const [day, week, openNow] = await Promise.all([
    periodStats(db, startOfDay(today, input.timeZone), end),
    periodStats(db, startOfDay(mondayOf(today), input.timeZone), end),
    db.supportTicket.count({ where: { status: "OPEN" } }),
  ]);
  return { today: day, week, openNow };
}
