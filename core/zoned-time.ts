// Wall-clock time in a time zone, the one place that reads it: the calendar day of an instant,
// the instant a day starts, the weekday and time of day. On Temporal (temporal-polyfill), which
// knows each zone's offset changes, so a day may be 23 or 25 hours long, or start at 01:00.
import { Temporal } from "temporal-polyfill";
import { dateTimeFormat } from "./intl-cache.ts";

/** A calendar date, `YYYY-MM-DD`. */
export type CalendarDay = string;

export interface WallClock {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  minute: number;
}

const zoned = (instant: Date, timeZone: string) =>
  Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);

/** Whether `name` is an IANA time zone (`Europe/Moscow`, `UTC`); offsets such as `+03:00` are not. */
export function isTimeZone(name: string): boolean {
  if (/^[+-]/.test(name)) return false;
  try {
    zoned(new Date(0), name);
    return true;
  } catch {
    return false;
  }
}

/**
 * The date it is at `instant` in the time zone. Read by every update (today's charge, the card):
 * from a kept Intl formatter, the same ICU data Temporal reads, several times faster.
 */
export function dayAt(instant: Date, timeZone: string): CalendarDay {
  const parts = dateTimeFormat("en-US", {
    timeZone,
    calendar: "gregory",
    numberingSystem: "latn",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

/** The instant the day begins in the time zone: its first moment, which is not always 00:00. */
export function startOfDay(day: CalendarDay, timeZone: string): Date {
  return new Date(Temporal.PlainDate.from(day).toZonedDateTime(timeZone).epochMilliseconds);
}

/**
 * The instant a wall clock in the time zone shows `minuteOfDay` on the day; a time skipped when
 * the clocks go forward counts as the same time before the change (02:30 is read as 03:30).
 */
export function instantAt(day: CalendarDay, minuteOfDay: number, timeZone: string): Date {
  const time = { hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 };
  const local = Temporal.PlainDate.from(day).toPlainDateTime(time);
  return new Date(local.toZonedDateTime(timeZone).epochMilliseconds);
}

/** The weekday, hour and minute a clock on the wall shows at `instant` in the time zone. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const { dayOfWeek, hour, minute } = zoned(instant, timeZone);
  return { weekday: dayOfWeek, hour, minute };
}

/** `2026-11-25 10:00`: the local date and time at `instant`, for logs and the operator's console. */
export function localDateTime(instant: Date, timeZone: string): string {
  const local = zoned(instant, timeZone).toPlainDateTime();
  return local.toString({ smallestUnit: "minute" }).replace("T", " ");
}
