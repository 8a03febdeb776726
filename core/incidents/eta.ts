// When service is expected back, as staff type it: `18:30` (the next time the clock shows it),
// `03.12 18:30`, `03.12.2026 18:30` or `2026-12-03 18:30`, in the provider's time zone.
import { addDays } from "../billing/calendar.ts";
import { type CalendarDay, dayAt, instantAt } from "../zoned-time.ts";

/** An ETA further ahead than this is a typo, not a plan. */
const furthestDays = 31;

export type EtaReading = { eta: Date } | { problem: "unreadable" | "past" | "too-far" };

function dayOf(year: number, month: number, day: number): CalendarDay | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

export function readEta(text: string, now: Date, timeZone: string): EtaReading {
  const match =
    /^\s*(?:(?:(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?|(\d{4})-(\d{2})-(\d{2}))[\sT]+)?(\d{1,2}):(\d{2})\s*$/.exec(
      text,
    );
  if (!match) return { problem: "unreadable" };
  const [, dd, mm, yyyy, isoYear, isoMonth, isoDay, hh, min] = match;
  const hour = Number(hh);
  const minute = Number(min);
  if (hour > 23 || minute > 59) return { problem: "unreadable" };
  const today = dayAt(now, timeZone);
  let day: CalendarDay | null = today;
  if (isoYear) day = dayOf(Number(isoYear), Number(isoMonth), Number(isoDay));
  else if (dd) day = dayOf(Number(yyyy ?? today.slice(0, 4)), Number(mm), Number(dd));
  if (!day) return { problem: "unreadable" };
  const minuteOfDay = hour * 60 + minute;
  let eta = instantAt(day, minuteOfDay, timeZone);
  // A time alone that has passed today means tomorrow; a day and month without a year that have
  // passed this year mean next year's (typed in late December).
  if (!dd && !isoYear && eta <= now) eta = instantAt(addDays(day, 1), minuteOfDay, timeZone);
  if (dd && !yyyy && eta <= now) {
    const nextYear = dayOf(Number(today.slice(0, 4)) + 1, Number(mm), Number(dd));
    if (nextYear) eta = instantAt(nextYear, minuteOfDay, timeZone);
  }
  if (eta <= now) return { problem: "past" };
  if (eta.getTime() - now.getTime() > furthestDays * 86_400_000) return { problem: "too-far" };
  return { eta };
}
