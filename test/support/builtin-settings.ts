// The built-in billing's settings at their defaults, for tests that build the billing themselves.
import type { FreezeSettings } from "../../core/billing/freeze.ts";
import type { TrustSettings } from "../../core/billing/trust.ts";

export const builtinSettings: TrustSettings & FreezeSettings = {
  timeZone: "Europe/Moscow",
  trust: { days: 3, cooldownDays: 30, perPeriod: 1, reminderHours: 24 },
  freeze: { daysPerYear: 30, minDays: 1, startWithinDays: 30, fee: 0 },
};
