import { describe, expect, it } from "vitest";
import { formatMoney } from "../../bot/format.ts";
import { daysCovered } from "../../core/billing/balance.ts";
import { periodDays } from "../../core/billing/history.ts";

describe("how long the money lasts", () => {
  it("counts the days the balance pays for, across a month boundary", () => {
    // 600 ₽ a month: 20,00 ₽ a day in November (30 days), 19,35 ₽ in December (31 days).
    expect(daysCovered(40_00, 600_00, "2026-11-29")).toBe(2);
    expect(daysCovered(39_99, 600_00, "2026-11-29")).toBe(1);
    expect(daysCovered(20_00 + 19_35, 600_00, "2026-11-30")).toBe(2);
    expect(daysCovered(0, 600_00, "2026-11-30")).toBe(0);
    expect(daysCovered(-5_00, 600_00, "2026-11-30")).toBe(0);
    expect(daysCovered(1000_00, 0, "2026-11-30")).toBe(0);
  });
});

describe("history periods", () => {
  it("are this month, last month, and the last three calendar months", () => {
    expect(periodDays("this-month", "2026-11-25")).toEqual({
      from: "2026-11-01",
      to: "2026-11-25",
    });
    expect(periodDays("last-month", "2026-01-10")).toEqual({
      from: "2025-12-01",
      to: "2025-12-31",
    });
    expect(periodDays("3-months", "2026-03-05")).toEqual({ from: "2026-01-01", to: "2026-03-05" });
  });
});

describe("formatMoney", () => {
  it("writes rubles the Russian way", () => {
    expect(formatMoney(123450)).toBe("1\u00a0234,50\u00a0₽");
    expect(formatMoney(-18000)).toBe("\u2212180,00\u00a0₽");
    expect(formatMoney(5)).toBe("0,05\u00a0₽");
    expect(formatMoney(100_000_000)).toBe("1\u00a0000\u00a0000,00\u00a0₽");
  });
});
