import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { isNight } from "../../bot/telegram-notifier.ts";
import { addDays, billingDayAt } from "../../core/billing/calendar.ts";
import { passedToday } from "../../core/jobs/scheduler.ts";
import { searchWindow } from "../../core/payments/missing-payment.ts";
import { isWorkingTime, nextOpening } from "../../core/support/working-hours.ts";
import {
  dayAt,
  instantAt,
  isTimeZone,
  localDateTime,
  startOfDay,
  wallClockAt,
} from "../../core/zoned-time.ts";

const hoursIn = (day: string, timeZone: string) =>
  (startOfDay(addDays(day, 1), timeZone).getTime() - startOfDay(day, timeZone).getTime()) /
  3_600_000;

const at = (iso: string) => new Date(iso);

describe("zoned time in Europe/Berlin, which changes clocks", () => {
  const berlin = "Europe/Berlin";

  it("has a 23-hour day in spring and a 25-hour day in autumn", () => {
    expect(hoursIn("2026-03-28", berlin)).toBe(24);
    expect(hoursIn("2026-03-29", berlin)).toBe(23);
    expect(hoursIn("2026-10-25", berlin)).toBe(25);
    expect(hoursIn("2026-10-26", berlin)).toBe(24);
  });

  it("starts each day at local midnight, before and after the change", () => {
    expect(startOfDay("2026-03-29", berlin)).toEqual(at("2026-03-28T23:00:00Z"));
    expect(startOfDay("2026-03-30", berlin)).toEqual(at("2026-03-29T22:00:00Z"));
    expect(startOfDay("2026-10-25", berlin)).toEqual(at("2026-10-24T22:00:00Z"));
    expect(startOfDay("2026-10-26", berlin)).toEqual(at("2026-10-25T23:00:00Z"));
  });

  it("puts 00:30 local in the new billing day and 23:30 in the old one", () => {
    expect(billingDayAt(at("2026-03-28T23:30:00Z"), berlin)).toBe("2026-03-29");
    expect(billingDayAt(at("2026-03-29T21:30:00Z"), berlin)).toBe("2026-03-29");
    expect(billingDayAt(at("2026-03-29T22:30:00Z"), berlin)).toBe("2026-03-30");
    expect(billingDayAt(at("2026-10-25T22:30:00Z"), berlin)).toBe("2026-10-25");
    expect(billingDayAt(at("2026-10-25T23:30:00Z"), berlin)).toBe("2026-10-26");
  });

  it("reads the wall clock across the change, the repeated hour included", () => {
    expect(wallClockAt(at("2026-03-29T00:59:00Z"), berlin)).toEqual({
      weekday: 7,
      hour: 1,
      minute: 59,
    });
    expect(wallClockAt(at("2026-03-29T01:00:00Z"), berlin)).toEqual({
      weekday: 7,
      hour: 3,
      minute: 0,
    });
    expect(localDateTime(at("2026-10-25T00:30:00Z"), berlin)).toBe("2026-10-25 02:30");
    expect(localDateTime(at("2026-10-25T01:30:00Z"), berlin)).toBe("2026-10-25 02:30");
  });

  it("finds the instant of a local time on a short and a long day", () => {
    expect(instantAt("2026-03-29", 10 * 60, berlin)).toEqual(at("2026-03-29T08:00:00Z"));
    expect(instantAt("2026-03-29", 2 * 60 + 30, berlin)).toEqual(at("2026-03-29T01:30:00Z"));
    expect(instantAt("2026-10-25", 10 * 60, berlin)).toEqual(at("2026-10-25T09:00:00Z"));
    const window = searchWindow(
      { amount: 500_00, day: "2026-03-29", minute: 10 * 60 },
      { now: at("2026-04-01T12:00:00Z"), timeZone: berlin },
    );
    expect(window.around).toEqual(at("2026-03-29T08:00:00Z"));
  });

  it("runs the daily schedule, the night and the office hours by the local clock", () => {
    expect(passedToday("5 0 * * *", berlin, at("2026-10-25T23:04:00Z"))).toBe(false);
    expect(passedToday("5 0 * * *", berlin, at("2026-10-25T23:05:00Z"))).toBe(true);
    expect(passedToday("0 10 * * *", berlin, at("2026-03-29T07:59:00Z"))).toBe(false);
    expect(passedToday("0 10 * * *", berlin, at("2026-03-29T08:00:00Z"))).toBe(true);
    expect(isNight(at("2026-03-29T06:30:00Z"), berlin)).toBe(false);
    expect(isNight(at("2026-10-25T06:30:00Z"), berlin)).toBe(true);
    expect(isWorkingTime(at("2026-03-30T07:30:00Z"), berlin)).toBe(true);
    expect(isWorkingTime(at("2026-10-26T07:30:00Z"), berlin)).toBe(false);
    expect(isWorkingTime(at("2026-10-26T08:00:00Z"), berlin)).toBe(true);
    expect(nextOpening(at("2026-10-25T23:30:00Z"), berlin)).toEqual({
      daysAhead: 0,
      weekday: 1,
      time: "9:00",
    });
  });
});

describe("zoned time in Asia/Beirut, where the spring change skips midnight", () => {
  it("starts that day at 01:00, its first moment", () => {
    expect(startOfDay("2026-03-29", "Asia/Beirut")).toEqual(at("2026-03-28T22:00:00Z"));
    expect(dayAt(at("2026-03-28T21:59:00Z"), "Asia/Beirut")).toBe("2026-03-28");
    expect(hoursIn("2026-03-29", "Asia/Beirut")).toBe(23);
  });
});

describe("zoned time in Europe/Moscow, which does not change clocks", () => {
  const moscow = "Europe/Moscow";

  it("starts every day at 21:00 UTC the day before, 24 hours long", () => {
    expect(startOfDay("2026-11-01", moscow)).toEqual(at("2026-10-31T21:00:00Z"));
    expect(startOfDay("2026-11-25", moscow)).toEqual(at("2026-11-24T21:00:00Z"));
    for (const day of ["2026-03-29", "2026-10-25", "2026-12-31"]) {
      expect(hoursIn(day, moscow)).toBe(24);
    }
    expect(startOfDay("2026-11-01", "UTC")).toEqual(at("2026-11-01T00:00:00Z"));
  });

  it("reads the billing day, the clock and local times at +03:00", () => {
    expect(dayAt(at("2026-10-25T20:59:00Z"), moscow)).toBe("2026-10-25");
    expect(dayAt(at("2026-10-25T21:00:00Z"), moscow)).toBe("2026-10-26");
    expect(wallClockAt(at("2026-10-25T21:05:00Z"), moscow)).toEqual({
      weekday: 1,
      hour: 0,
      minute: 5,
    });
    expect(instantAt("2026-11-25", 10 * 60 + 30, moscow)).toEqual(at("2026-11-25T07:30:00Z"));
    expect(localDateTime(at("2026-11-25T07:00:00Z"), moscow)).toBe("2026-11-25 10:00");
  });
});

describe("isTimeZone", () => {
  it("takes IANA names and refuses the rest", () => {
    expect(["Europe/Moscow", "Europe/Berlin", "UTC"].map(isTimeZone)).toEqual([true, true, true]);
    expect(["Mars/Olympus", "+03:00", ""].map(isTimeZone)).toEqual([false, false, false]);
  });
});

describe("dayAt, read from a kept Intl formatter", () => {
  const readByTemporal = (instant: Date, timeZone: string) =>
    Temporal.Instant.fromEpochMilliseconds(instant.getTime())
      .toZonedDateTimeISO(timeZone)
      .toPlainDate()
      .toString();

  it("agrees with Temporal every 187 minutes over two years, in zones with odd offsets and changes", () => {
    const zones = ["Europe/Moscow", "Europe/Berlin", "Asia/Kathmandu", "America/St_Johns", "UTC"];
    const from = at("2026-01-01T00:00:00Z").getTime();
    const disagreements: string[] = [];
    for (const timeZone of zones) {
      for (let t = from; t < from + 2 * 365 * 86_400_000; t += 187 * 60_000) {
        const instant = new Date(t);
        const day = dayAt(instant, timeZone);
        const expected = readByTemporal(instant, timeZone);
        if (day !== expected) disagreements.push(`${instant.toISOString()} ${timeZone}: ${day}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it("skips the day Samoa skipped and writes early years with four digits", () => {
    expect(dayAt(at("2011-12-30T09:59:00Z"), "Pacific/Apia")).toBe("2011-12-29");
    expect(dayAt(at("2011-12-30T10:00:00Z"), "Pacific/Apia")).toBe("2011-12-31");
    expect(dayAt(at("0099-06-01T12:00:00Z"), "UTC")).toBe("0099-06-01");
  });
});
