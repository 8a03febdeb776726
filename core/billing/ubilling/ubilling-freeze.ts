// Ubilling's self-freeze (the XMLAgent's freezedata, dofreeze, dounfreeze) as the port's freeze.
// dofreeze checks nothing itself, so the rules freezedata reports are applied here first: self
// freeze on, the tariff allowed, no debt unless allowed, freeze days left where they are counted,
// money for the activation fee. A freeze starts today and lasts until unfrozen; Ubilling ends it
// by itself when counted freeze days run out.
import { addDays, type BillingDay } from "../calendar.ts";
import type {
  FreezeAllowance,
  FreezeCheck,
  FreezeNote,
  FreezeRequest,
  FreezeStatus,
  FreezeTerms,
  OpenFreeze,
} from "../freeze.ts";
import type { UbillingFreezeData } from "./xmlagent-schemas.ts";

function allowance(data: UbillingFreezeData, today: BillingDay): FreezeAllowance | null {
  const { freezeDays } = data;
  if (!freezeDays) return null;
  return {
    year: Number(today.slice(0, 4)),
    perYear: freezeDays.total,
    daysLeft: Math.max(0, freezeDays.available),
  };
}

function terms(data: UbillingFreezeData, today: BillingDay): FreezeTerms {
  return {
    fee: data.activationCostKopecks,
    minDays: 1,
    latestStart: today,
    allowance: allowance(data, today),
    openEndedOnly: true,
  };
}

/** The last day counted freeze days allow from `from` on; null where they are not counted. */
function lastDayFrom(data: UbillingFreezeData, from: BillingDay): BillingDay | null {
  const left = allowance(data, from)?.daysLeft;
  return left === undefined ? null : addDays(from, Math.max(0, left - 1));
}

function openFreeze(data: UbillingFreezeData, today: BillingDay): OpenFreeze {
  // dateFrom is "YYYY-MM-DD HH:MM:SS" in the billing's own clock.
  const since = data.frozenSince?.slice(0, 10);
  const startsOn = since && /^\d{4}-\d{2}-\d{2}$/.test(since) ? since : today;
  return { startsOn, endsOn: null, lastDay: lastDayFrom(data, today) };
}

export function freezeStatusFrom(data: UbillingFreezeData, today: BillingDay): FreezeStatus {
  const base = terms(data, today);
  if (!data.frozen) return { ...base, state: "none" };
  return { ...base, state: "frozen", paidFee: 0, ...openFreeze(data, today) };
}

export function checkFreezeFrom(data: UbillingFreezeData, request: FreezeRequest): FreezeCheck {
  const { today, startsOn } = request;
  if (!data.selfFreezeEnabled) return { outcome: "refused", reason: "not-offered" };
  if (data.frozen)
    return {
      outcome: "refused",
      reason: "already-frozen",
      freeze: { state: "frozen", ...openFreeze(data, today) },
    };
  if (startsOn < today) return { outcome: "refused", reason: "start-in-past", today };
  if (startsOn > today || request.days !== null)
    return { outcome: "refused", reason: "open-ended-only" };
  const tariffAllowed = data.anyTariffAllowed || (data.tariffsAllowed ?? []).includes(data.tariff);
  if (!tariffAllowed)
    return { outcome: "refused", reason: "tariff-not-allowed", tariff: data.tariff };
  const balance = data.balanceKopecks;
  if (balance < 0 && !data.negativeBalanceAllowed)
    return { outcome: "refused", reason: "debt", balance };
  const year = allowance(data, today);
  if (year && year.daysLeft === 0)
    return {
      outcome: "refused",
      reason: "days-used-up",
      year: year.year,
      perYear: year.perYear,
      daysLeft: 0,
      maxDays: 0,
    };
  const fee = data.activationCostKopecks;
  if (fee > 0 && balance < fee)
    return { outcome: "refused", reason: "balance-too-low", fee, balance };
  return {
    outcome: "allowed",
    startsOn: today,
    endsOn: null,
    lastDay: lastDayFrom(data, today),
    days: null,
    fee,
    balance,
    balanceAfter: balance - fee,
    allowance: year,
    daysLeftAfter: year ? 0 : null,
  };
}

export function freezeNoteOf(status: FreezeStatus): FreezeNote | null {
  if (status.state === "none") return null;
  const { state, startsOn, endsOn, lastDay } = status;
  return { state, startsOn, endsOn, lastDay };
}
