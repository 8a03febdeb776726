import { describe, expect, it } from "vitest";
import { formatMoney } from "../../bot/format.ts";
import { daysCovered } from "../../core/billing/balance.ts";
import { addDays, type BillingDay, dailyFee } from "../../core/billing/calendar.ts";
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

  it("counts as the day-by-day definition does: month ends, leap Februaries, a year's cap", () => {
    // The definition: each day from today on takes that day's fee while the money lasts.
    const dayByDay = (balance: number, monthlyFee: number, today: BillingDay) => {
      if (monthlyFee <= 0) return 0;
      let left = balance;
      let days = 0;
      for (let day = today; days < 366; day = addDays(day, 1)) {
        left -= dailyFee(monthlyFee, day);
        if (left < 0) break;
        days += 1;
      }
      return days;
    };
    const starts = ["2027-12-31", "2028-01-31", "2028-02-28", "2028-02-29", "2028-03-01"];
    for (let day: BillingDay = "2026-12-15"; day < "2029-03-01"; day = addDays(day, 73))
      starts.push(day);
    // 0,10 ₽ a month costs nothing on some days: its daily fee rounds to zero.
    const fees = [10, 15_00, 450_00, 600_00, 1_234_56];
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % below;
    };
    let compared = 0;
    for (const today of starts) {
      for (const fee of fees) {
        // Exactly the first k days' fees and a kopeck short of them, up to past the year's cap.
        let paidFor = 0;
        const balances = [-1, 0, 1, 1_000_000_00, random(fee * 14)];
        for (let k = 0, day = today; k < 367; k += 1, day = addDays(day, 1)) {
          paidFor += dailyFee(fee, day);
          if (k % 45 === 0 || k >= 364) balances.push(paidFor, paidFor - 1);
        }
        for (const balance of balances) {
          expect(daysCovered(balance, fee, today), `${balance} at ${fee} from ${today}`).toBe(
            dayByDay(balance, fee, today),
          );
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(2_000);
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
