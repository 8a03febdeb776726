// Ubilling's amounts to kopecks, exactly, from strings and JSON numbers alike.
import { describe, expect, it } from "vitest";
import { creditOutcome } from "../../core/billing/ubilling/creditor-reply.ts";
import { kopecksToDecimal, money, toKopecks } from "../../core/billing/ubilling/money.ts";

describe("toKopecks", () => {
  it("parses decimal strings and numbers without float errors", () => {
    const cases: Array<[string | number, number]> = [
      ["150.00", 15_000],
      [150, 15_000],
      [-12.5, -1_250],
      ["-12.5", -1_250],
      ["0", 0],
      ["-0.00", 0],
      ["100.", 10_000],
      [" 7.1 ", 710],
      ["0.29", 29],
      [0.29, 29],
      [1.15, 115],
      ["1.005", 101],
      ["-1.004", -100],
      [0.1 + 0.2, 30],
      ["+3", 300],
      ["90071992547409.91", 9_007_199_254_740_991],
    ];
    for (const [input, kopecks] of cases) expect(toKopecks(input), String(input)).toBe(kopecks);
  });

  it("refuses what is not a plain decimal amount", () => {
    for (const input of [
      "",
      "abc",
      "1,5",
      "1e3",
      1e21,
      Number.NaN,
      Infinity,
      "--1",
      "90071992547409.92",
    ]) {
      expect(toKopecks(input), String(input)).toBeNull();
    }
  });

  it("is a zod field that fails on garbage", () => {
    expect(money.parse("250.50")).toBe(25_050);
    expect(money.safeParse("n/a").success).toBe(false);
    expect(money.safeParse(null).success).toBe(false);
  });

  it("prints kopecks as rubles with two decimals", () => {
    expect([15_050, 5, 0, -1_250, 100].map(kopecksToDecimal)).toEqual([
      "150.50",
      "0.05",
      "0.00",
      "-12.50",
      "1.00",
    ]);
  });
});

describe("creditOutcome", () => {
  it("maps every status, 7 to unexpected", () => {
    const kinds = Array.from(
      { length: 11 },
      (_, status) => creditOutcome({ status, message: "" }).kind,
    );
    expect(kinds).toEqual([
      "ok",
      "disabled",
      "wrong-day",
      "already-has-credit",
      "frozen",
      "balance-fine",
      "debt-too-deep",
      "unexpected",
      "tariff-not-allowed",
      "used-this-month",
      "previous-not-paid",
    ]);
  });
});
