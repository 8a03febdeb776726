import { describe, expect, it } from "vitest";
import {
  addDays,
  billingDayAt,
  dailyFee,
  daysInMonth,
  isBillingDay,
} from "../../core/billing/calendar.ts";
import { firstOfNextMonth } from "../../core/billing/tariffs.ts";

describe("billing calendar", () => {
  it("reads the day in the provider's time zone", () => {
    expect(billingDayAt(new Date("2026-11-30T20:59:00Z"), "Europe/Moscow")).toBe("2026-11-30");
    expect(billingDayAt(new Date("2026-11-30T21:00:00Z"), "Europe/Moscow")).toBe("2026-12-01");
  });

  it("knows month lengths, leap years included", () => {
    expect([
      daysInMonth("2026-02-01"),
      daysInMonth("2028-02-01"),
      daysInMonth("2026-04-15"),
      daysInMonth("2026-12-31"),
    ]).toEqual([28, 29, 30, 31]);
  });

  it("rounds a day's share of a monthly fee to the kopeck, half up", () => {
    expect(dailyFee(600_00, "2026-11-01")).toBe(2000);
    expect(dailyFee(450_00, "2026-12-01")).toBe(1452);
    expect(dailyFee(150_00, "2026-02-01")).toBe(536);
    expect(dailyFee(0, "2026-02-01")).toBe(0);
  });

  it("validates days and steps across months and years", () => {
    expect(isBillingDay("2026-02-29")).toBe(false);
    expect(isBillingDay("2028-02-29")).toBe(true);
    expect(isBillingDay("26-1-1")).toBe(false);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("finds the 1st of next month, when an internet tariff change starts", () => {
    expect(firstOfNextMonth("2026-11-25")).toBe("2026-12-01");
    expect(firstOfNextMonth("2026-12-31")).toBe("2027-01-01");
    expect(firstOfNextMonth("2026-01-31")).toBe("2026-02-01");
    expect(firstOfNextMonth("2026-02-01")).toBe("2026-03-01");
  });
});
