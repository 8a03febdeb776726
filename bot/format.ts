// Dates, times and money as a subscriber reads them, in the provider's time zone. Intl formats
// here (its formatters built once: core/intl-cache.ts); reading the calendar and the clock of a
// zone is core/zoned-time.ts's.
import { dateTimeFormat } from "../core/intl-cache.ts";

export function formatTime(date: Date, timeZone: string): string {
  return dateTimeFormat("ru-RU", { timeZone, hour: "2-digit", minute: "2-digit" }).format(date);
}

export function formatDateTime(date: Date, timeZone: string): string {
  return dateTimeFormat("ru-RU", {
    timeZone,
    day: "2-digit",
    month: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** `ru***@example.ru`: enough to recognise one's own address, not to learn someone else's. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  const name = email.slice(0, at);
  return `${name.slice(0, Math.min(2, name.length - 1))}***${email.slice(at)}`;
}

const nbsp = "\u00a0";

/** Kopecks as rubles: `1 234,50 ₽`, `−180,00 ₽` (no-break spaces, a true minus). */
export function formatMoney(kopecks: number): string {
  const sign = kopecks < 0 ? "\u2212" : "";
  const absolute = Math.abs(kopecks);
  const rubles = Math.floor(absolute / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, nbsp);
  const cents = (absolute % 100).toString().padStart(2, "0");
  return `${sign}${rubles},${cents}${nbsp}₽`;
}

/** A billing day (YYYY-MM-DD) as `25.11.2026`. */
export function formatDay(day: string): string {
  const [year, month, date] = day.split("-");
  return `${date}.${month}.${year}`;
}

export function formatDate(instant: Date, timeZone: string): string {
  return dateTimeFormat("ru-RU", {
    timeZone,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(instant);
}

/** A month (YYYY-MM) as `ноябрь 2026` or `November 2026`. */
export function formatMonth(month: string, locale: string): string {
  const name = dateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${month}-15T00:00:00Z`));
  return name.replace(/\s*г\.$/, "");
}
