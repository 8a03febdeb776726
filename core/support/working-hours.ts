// When agents answer: the office hours (Mon–Fri 9:00–18:00, Sat 10:00–15:00, Sunday off) in the
// provider's time zone, and when the next working period starts.
import { wallClockAt } from "../zoned-time.ts";

/** Opening and closing minute of the day per ISO weekday (1 = Monday … 7 = Sunday). */
const hours: Record<number, { open: number; close: number } | null> = {
  1: { open: 9 * 60, close: 18 * 60 },
  2: { open: 9 * 60, close: 18 * 60 },
  3: { open: 9 * 60, close: 18 * 60 },
  4: { open: 9 * 60, close: 18 * 60 },
  5: { open: 9 * 60, close: 18 * 60 },
  6: { open: 10 * 60, close: 15 * 60 },
  7: null,
};

/** The ISO weekday and the minute of the day of an instant in a time zone. */
function localTime(now: Date, timeZone: string): { weekday: number; minute: number } {
  const { weekday, hour, minute } = wallClockAt(now, timeZone);
  return { weekday, minute: hour * 60 + minute };
}

export function isWorkingTime(now: Date, timeZone: string): boolean {
  const { weekday, minute } = localTime(now, timeZone);
  const today = hours[weekday];
  return !!today && minute >= today.open && minute < today.close;
}

export interface NextOpening {
  /** 0 today, 1 tomorrow, … */
  daysAhead: number;
  /** ISO weekday of the opening. */
  weekday: number;
  /** `9:00` */
  time: string;
}

/** When agents are next at work, from an instant outside working time. */
export function nextOpening(now: Date, timeZone: string): NextOpening {
  const { weekday, minute } = localTime(now, timeZone);
  for (let daysAhead = 0; daysAhead <= 7; daysAhead++) {
    const day = ((weekday - 1 + daysAhead) % 7) + 1;
    const period = hours[day];
    if (!period || (daysAhead === 0 && minute >= period.open)) continue;
    const time = `${Math.floor(period.open / 60)}:${String(period.open % 60).padStart(2, "0")}`;
    return { daysAhead, weekday: day, time };
  }
  throw new Error("no working hours in a week");
}
