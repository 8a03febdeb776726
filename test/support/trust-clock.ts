// The trust settings and controlled clock the PostgreSQL trust and ledger tests run on.
import type { TrustSettings } from "../../core/billing/trust.ts";

export const hour = 60 * 60 * 1000;
export const day = 24 * hour;
export const config: TrustSettings = {
  timeZone: "Europe/Moscow",
  trust: { days: 3, cooldownDays: 30, perPeriod: 1, reminderHours: 24 },
};
export const { timeZone } = config;
/** 12:00 in Kaspiysk on 25 November 2026 (a 30-day month: 450 ₽ a month is 15 ₽ a day). */
export const start = new Date("2026-11-25T09:00:00Z");
export const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
