// What a subscriber types about a payment the balance does not show: the amount, perhaps the day
// and the time, read with zod; and the window of instants the search then covers.
import { describe, expect, it } from "vitest";
import {
  paymentRecollection,
  recollectionProblem,
  searchWindow,
  timeToleranceMs,
} from "../../core/payments/missing-payment.ts";

const today = "2026-03-15";
const read = (text: string) => paymentRecollection(today).safeParse(text);

describe("paymentRecollection", () => {
  it.each([
    ["500", { amount: 500_00, day: null, minute: null }],
    ["1 500,50 ₽", { amount: 1500_50, day: null, minute: null }],
    ["  750   12.03 ", { amount: 750_00, day: "2026-03-12", minute: null }],
    ["750 12.03.2025", { amount: 750_00, day: "2025-03-12", minute: null }],
    ["750 12/03/26", { amount: 750_00, day: "2026-03-12", minute: null }],
    ["750 1.3 9:05", { amount: 750_00, day: "2026-03-01", minute: 9 * 60 + 5 }],
    ["750 14:30", { amount: 750_00, day: today, minute: 14 * 60 + 30 }],
    // A day without a year that is still ahead this year is last year's.
    ["750 20.12", { amount: 750_00, day: "2025-12-20", minute: null }],
    ["750 15.03", { amount: 750_00, day: today, minute: null }],
    // 29 February without a year: the latest one.
    ["750 29.02", { amount: 750_00, day: "2024-02-29", minute: null }],
  ])("reads %j", (text, recollection) => {
    expect(read(text)).toEqual({ success: true, data: recollection });
  });

  it.each([
    ["", "format"],
    ["пятьсот", "format"],
    ["12.03 500", "format"],
    ["500 рублей вчера", "format"],
    ["x".repeat(101), "format"],
    ["50", "amount"],
    ["15 000,01", "amount"],
    ["-500", "amount"],
    ["500 31.02", "date"],
    ["500 12.13", "date"],
    ["500 29.02.2026", "date"],
    ["500 12.03 24:00", "date"],
    ["500 12.03 10:60", "date"],
    ["500 16.03.2026", "future"],
    ["500 01.01.2027", "future"],
  ])("refuses %j: %s", (text, problem) => {
    const result = read(text);
    expect(result.success).toBe(false);
    if (!result.success) expect(recollectionProblem(result.error)).toBe(problem);
  });
});

describe("searchWindow", () => {
  const timeZone = "Europe/Moscow";
  const now = new Date("2026-03-15T12:00:00Z");

  it("takes a time as approximate, in the provider's time zone", () => {
    const around = new Date("2026-03-12T11:30:00Z"); // 14:30 in Moscow
    expect(
      searchWindow({ amount: 1, day: "2026-03-12", minute: 14 * 60 + 30 }, { now, timeZone }),
    ).toEqual({
      from: new Date(around.getTime() - timeToleranceMs),
      to: new Date(around.getTime() + timeToleranceMs),
      around,
    });
  });

  it("covers a whole local day, or the last 14 days", () => {
    expect(searchWindow({ amount: 1, day: "2026-03-12", minute: null }, { now, timeZone })).toEqual(
      {
        from: new Date("2026-03-11T21:00:00Z"),
        to: new Date("2026-03-12T21:00:00Z"),
        around: new Date("2026-03-12T21:00:00Z"),
      },
    );
    expect(searchWindow({ amount: 1, day: null, minute: null }, { now, timeZone })).toEqual({
      from: new Date("2026-03-01T12:00:00Z"),
      to: now,
      around: now,
    });
  });
});
