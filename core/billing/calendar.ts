// Billing days: calendar dates in the provider's time zone, written YYYY-MM-DD.
import { type CalendarDay, dayAt } from "../zoned-time.ts";

export type BillingDay = CalendarDay;

const dayFormat = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isBillingDay(value: string): value is BillingDay {
  const match = dayFormat.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The date it is at `instant` in the time zone. */
export const billingDayAt: (instant: Date, timeZone: string) => BillingDay = dayAt;

export function daysInMonth(day: BillingDay): number {
  const [year, month] = day.split("-").map(Number);
  return monthLength(year ?? 1970, month ?? 1);
}

/** The number of days in a month (1 = January). */
export function monthLength(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The charge for one day of a monthly fee, in kopecks, rounded half up. */
export function dailyFee(monthlyFee: number, day: BillingDay): number {
  return Math.round(monthlyFee / daysInMonth(day));
}

export function addDays(day: BillingDay, days: number): BillingDay {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Midnight UTC of the day, as stored in DATE columns. */
export const dayAsDate = (day: BillingDay) => new Date(`${day}T00:00:00Z`);
