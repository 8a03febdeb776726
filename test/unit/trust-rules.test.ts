// The trust payment's rules on a contract's state, without a database (core/billing/trust.ts).
import { describe, expect, it } from "vitest";
import { dailyFee } from "../../core/billing/calendar.ts";
import { decideTrust, type TrustFacts, type TrustSettings } from "../../core/billing/trust.ts";

const day = 24 * 60 * 60 * 1000;
const settings: TrustSettings = {
  timeZone: "Europe/Moscow",
  trust: { days: 3, cooldownDays: 30, perPeriod: 1, reminderHours: 24 },
};
/** 12:00 in Kaspiysk, 25 November 2026: tomorrow's charge of 600 ₽ a month is 20 ₽. */
const now = new Date("2026-11-25T09:00:00Z");
const facts = (more: Partial<TrustFacts> = {}): TrustFacts => ({
  status: "ACTIVE",
  balance: 10_00,
  internetFee: 600_00,
  monthlyFee: 600_00,
  active: null,
  recentGrants: [],
  lastTrustId: null,
  ...more,
});

describe("decideTrust", () => {
  it("offers the internet fee for the configured days, with what is left in the period", () => {
    expect(decideTrust(facts(), settings, now)).toEqual({
      outcome: "offer",
      amount: 600_00,
      days: 3,
      expiresAt: new Date(now.getTime() + 3 * day),
      remaining: 1,
      perPeriod: 1,
      periodDays: 30,
      balance: 10_00,
      balanceAfter: 610_00,
    });
  });

  it("offers at least the debt, and the internet fee only (not IPTV)", () => {
    const blocked = facts({ status: "BLOCKED", balance: -750_00, monthlyFee: 750_00 });
    expect(decideTrust(blocked, settings, now)).toMatchObject({ amount: 750_00, balanceAfter: 0 });
    const small = facts({ balance: -100_00, monthlyFee: 900_00 });
    expect(decideTrust(small, settings, now)).toMatchObject({ amount: 600_00 });
  });

  it("gives an IPTV-only contract what it pays a month", () => {
    const iptvOnly = facts({ internetFee: 0, monthlyFee: 150_00, balance: 0 });
    expect(decideTrust(iptvOnly, settings, now)).toMatchObject({
      outcome: "offer",
      amount: 150_00,
    });
  });

  it("refuses when the balance covers tomorrow's charge, to the kopeck", () => {
    const tomorrow = dailyFee(600_00, "2026-11-26");
    expect(decideTrust(facts({ balance: tomorrow }), settings, now)).toEqual({
      outcome: "refused",
      reason: "balance-fine",
      balance: tomorrow,
      nextCharge: tomorrow,
    });
    expect(decideTrust(facts({ balance: tomorrow - 1 }), settings, now).outcome).toBe("offer");
  });

  it("takes tomorrow in the provider's time zone", () => {
    // 01:00 on 28 February in Kaspiysk (27 February in UTC): tomorrow is 1 March, a 31-day month.
    const lateNight = new Date("2026-02-27T22:00:00Z");
    const march = dailyFee(600_00, "2026-03-01");
    expect(march).toBeLessThan(dailyFee(600_00, "2026-02-28"));
    expect(decideTrust(facts({ balance: march }), settings, lateNight)).toMatchObject({
      reason: "balance-fine",
      nextCharge: march,
    });
  });

  it("names the first reason: closed, then active, then balance, then too soon", () => {
    const active = { amount: 450_00, expiresAt: new Date(now.getTime() + day) };
    const recent = [new Date(now.getTime() - 5 * day)];
    expect(decideTrust(facts({ status: "CLOSED", active }), settings, now)).toEqual({
      outcome: "refused",
      reason: "closed",
    });
    expect(decideTrust(facts({ active, balance: 1000_00 }), settings, now)).toEqual({
      outcome: "refused",
      reason: "active",
      ...active,
    });
    expect(
      decideTrust(facts({ recentGrants: recent, balance: 1000_00 }), settings, now),
    ).toMatchObject({ reason: "balance-fine" });
    expect(decideTrust(facts({ recentGrants: recent }), settings, now)).toEqual({
      outcome: "refused",
      reason: "too-soon",
      availableFrom: new Date(now.getTime() + 25 * day),
      perPeriod: 1,
      periodDays: 30,
    });
  });

  it("allows TRUST_PER_PERIOD in the period, the oldest counted one freeing the next", () => {
    const twice: TrustSettings = { ...settings, trust: { ...settings.trust, perPeriod: 2 } };
    const first = new Date(now.getTime() - 20 * day);
    const second = new Date(now.getTime() - 10 * day);
    expect(decideTrust(facts({ recentGrants: [first] }), twice, now)).toMatchObject({
      outcome: "offer",
      remaining: 1,
      perPeriod: 2,
    });
    expect(decideTrust(facts({ recentGrants: [first, second] }), twice, now)).toMatchObject({
      reason: "too-soon",
      availableFrom: new Date(first.getTime() + 30 * day),
    });
  });
});
