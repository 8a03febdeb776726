// Ubilling's freezedata as the port's freeze rules: dofreeze checks nothing, so each of the rules
// freezedata reports becomes the bot's refusal before it asks for the freeze.
import { describe, expect, it } from "vitest";
import type { FreezeRequest } from "../../core/billing/freeze.ts";
import {
  checkFreezeFrom,
  freezeNoteOf,
  freezeStatusFrom,
} from "../../core/billing/ubilling/ubilling-freeze.ts";
import type { UbillingFreezeData } from "../../core/billing/ubilling/xmlagent-schemas.ts";

const today = "2026-12-03";
const data = (overrides: Partial<UbillingFreezeData> = {}): UbillingFreezeData => ({
  selfFreezeEnabled: true,
  activationCostKopecks: 0,
  tariffsAllowed: null,
  anyTariffAllowed: true,
  negativeBalanceAllowed: false,
  balanceKopecks: 500_00,
  tariff: "Home-450",
  tariffFreezePriceKopecks: null,
  frozen: false,
  frozenSince: null,
  freezeDays: null,
  ...overrides,
});
const request: FreezeRequest = { accountId: 1, today, startsOn: today, days: null };
const refusal = (facts: UbillingFreezeData, asked: Partial<FreezeRequest> = {}) =>
  checkFreezeFrom(facts, { ...request, ...asked });

describe("Ubilling's self-freeze rules", () => {
  it("offers a freeze from today until unfrozen, free or for the activation fee", () => {
    expect(refusal(data())).toMatchObject({
      outcome: "allowed",
      startsOn: today,
      endsOn: null,
      lastDay: null,
      fee: 0,
      allowance: null,
    });
    expect(refusal(data({ activationCostKopecks: 50_00 }))).toMatchObject({
      outcome: "allowed",
      fee: 50_00,
      balanceAfter: 450_00,
    });
  });

  it("refuses each case freezedata rules out, saying why", () => {
    expect(refusal(data({ selfFreezeEnabled: false }))).toEqual({
      outcome: "refused",
      reason: "not-offered",
    });
    expect(refusal(data({ anyTariffAllowed: false, tariffsAllowed: ["Home-900"] }))).toMatchObject({
      reason: "tariff-not-allowed",
      tariff: "Home-450",
    });
    expect(refusal(data({ balanceKopecks: -10_00 }))).toMatchObject({
      reason: "debt",
      balance: -10_00,
    });
    expect(refusal(data({ balanceKopecks: -10_00, negativeBalanceAllowed: true }))).toMatchObject({
      outcome: "allowed",
    });
    expect(refusal(data({ activationCostKopecks: 600_00 }))).toMatchObject({
      reason: "balance-too-low",
      fee: 600_00,
    });
    const usedUp = { total: 30, used: 30, available: 0, restore: 0, worked: 0, leftToWork: 0 };
    expect(refusal(data({ freezeDays: usedUp }))).toMatchObject({
      reason: "days-used-up",
      perYear: 30,
      maxDays: 0,
    });
    expect(refusal(data(), { startsOn: "2026-12-10" })).toEqual({
      outcome: "refused",
      reason: "open-ended-only",
    });
    expect(refusal(data(), { days: 7 })).toMatchObject({ reason: "open-ended-only" });
    expect(refusal(data(), { startsOn: "2026-12-01" })).toMatchObject({ reason: "start-in-past" });
    expect(refusal(data({ frozen: true, frozenSince: "2026-12-01 10:00:00" }))).toMatchObject({
      reason: "already-frozen",
      freeze: { state: "frozen", startsOn: "2026-12-01" },
    });
  });

  it("reports a freeze under way, with its last day where freeze days are counted", () => {
    const frozen = data({
      frozen: true,
      frozenSince: "2026-12-01 10:00:00",
      freezeDays: { total: 30, used: 2, available: 28, restore: 0, worked: 0, leftToWork: 0 },
    });
    const status = freezeStatusFrom(frozen, today);
    expect(status).toMatchObject({
      state: "frozen",
      startsOn: "2026-12-01",
      endsOn: null,
      lastDay: "2026-12-30",
      openEndedOnly: true,
      allowance: { year: 2026, perYear: 30, daysLeft: 28 },
    });
    expect(freezeNoteOf(status)).toEqual({
      state: "frozen",
      startsOn: "2026-12-01",
      endsOn: null,
      lastDay: "2026-12-30",
    });
    expect(freezeNoteOf(freezeStatusFrom(data(), today))).toBeNull();
  });
});
