// The Ubilling profile and tariff as the balance card (core/billing/balance.ts): money in kopecks,
// the tariff's monthly fee, today's charge, how long the money lasts, the self-credit as the trust.
import { normalizePhone } from "../../accounts/phone.ts";
import type { AccountStatus } from "../../generated/prisma/enums.ts";
import { startOfDay } from "../../zoned-time.ts";
import { type BalanceCard, coverage } from "../balance.ts";
import { addDays, type BillingDay, dailyFee, daysInMonth } from "../calendar.ts";
import type { FreezeNote } from "../freeze.ts";
import type { UbillingProfile, UbillingTariffServices } from "./xmlagent-schemas.ts";

type Priced = { priceKopecks: number; period: "month" | "day" };

/** A month's worth of a price: a day-period price runs every day of the month. */
export const monthlyPrice = (priced: Priced, today: BillingDay) =>
  priced.period === "day" ? priced.priceKopecks * daysInMonth(today) : priced.priceKopecks;

const todaysPrice = (priced: Priced, today: BillingDay) =>
  priced.period === "day" ? priced.priceKopecks : dailyFee(priced.priceKopecks, today);

/**
 * ACTIVE unless the Down flag is set, the account is frozen, or the balance is below what the
 * credit allows (Stargazer cuts the service when cash < -credit). Frozen shows as BLOCKED while
 * the port has no frozen status; once it has one, `profile.frozen` maps to it ahead of the rest.
 */
export function ubillingStatus(profile: UbillingProfile): AccountStatus {
  if (profile.disabled || profile.frozen) return "BLOCKED";
  return profile.balanceKopecks + profile.creditKopecks < 0 ? "BLOCKED" : "ACTIVE";
}

/** The self-credit ends at the start of its expiry day (Ubilling sets today + SC_TERM). */
export function creditEnd(profile: UbillingProfile, timeZone: string): Date | null {
  return profile.creditExpires === null ? null : startOfDay(profile.creditExpires, timeZone);
}

export function balanceCard(
  profile: UbillingProfile,
  tariffs: UbillingTariffServices,
  today: BillingDay,
  timeZone: string,
  freeze: FreezeNote | null,
): BalanceCard {
  const { tariff, services } = tariffs;
  const status = ubillingStatus(profile);
  const priced = [...(tariff ? [tariff] : []), ...services];
  const monthlyFee = priced.reduce((sum, item) => sum + monthlyPrice(item, today), 0);
  const dailyCharge = priced.reduce((sum, item) => sum + todaysPrice(item, today), 0);
  const lasts = status === "ACTIVE" ? howLong(profile, monthlyFee, today) : null;
  const expiresAt = creditEnd(profile, timeZone);
  return {
    login: profile.login,
    name: profile.realName,
    address: profile.address,
    // The mobile is the number a subscriber answers; a landline as Ubilling keeps it otherwise.
    phone: normalizePhone(profile.mobile) ?? normalizePhone(profile.phone),
    email: profile.email.trim() || null,
    status,
    balance: profile.balanceKopecks,
    internet: tariff
      ? {
          name: tariff.name,
          monthlyFee: monthlyPrice(tariff, today),
          speedMbps: null,
          channels: null,
        }
      : null,
    iptv: null,
    dailyCharge,
    enoughUntil: lasts?.enoughUntil ?? null,
    daysLeft: lasts?.daysLeft ?? 0,
    trust:
      profile.creditKopecks > 0 && expiresAt !== null
        ? { amount: profile.creditKopecks, expiresAt }
        : null,
    freeze,
  };
}

/**
 * Ubilling's own count when it keeps one (accountexpire: whole days paid after today's charge,
 * payedtilldate = today + days), else the built-in reckoning with today's charge taken.
 */
function howLong(
  profile: UbillingProfile,
  monthlyFee: number,
  today: BillingDay,
): { enoughUntil: BillingDay | null; daysLeft: number } | null {
  const counted = profile.daysLeft;
  if (counted.kind === "debt") return null;
  if (counted.kind === "days") {
    return { enoughUntil: addDays(today, counted.days), daysLeft: counted.days + 1 };
  }
  const lasts = coverage(profile.balanceKopecks, monthlyFee, today, true);
  if (lasts === null || lasts.daysLeft === 0) return null;
  return { enoughUntil: addDays(lasts.stopsOn, -1), daysLeft: lasts.daysLeft };
}
