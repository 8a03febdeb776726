// When agents answer: the office hours (Mon–Fri 9:00–18:00, Sat 10:00–15:00, Sunday off) in the
// provider's time zone, and when the next working period starts.

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

const weekdays = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 } as const;

/** The ISO weekday and the minute of the day of an instant in a time zone. */
function localTime(now: Date, timeZone: string): { weekday: number; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const weekday = weekdays[part("weekday") as keyof typeof weekdays];
  return { weekday, minute: Number(part("hour")) * 60 + Number(part("minute")) };
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
