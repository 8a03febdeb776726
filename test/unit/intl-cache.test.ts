import { describe, expect, it } from "vitest";
import { formatDateTime, formatMonth } from "../../bot/format.ts";
import { dateTimeFormat } from "../../core/intl-cache.ts";

describe("kept Intl formatters", () => {
  it("builds one formatter per locale and options, and another for other ones", () => {
    const options = { timeZone: "Europe/Moscow", hour: "2-digit", minute: "2-digit" } as const;
    const first = dateTimeFormat("ru-RU", options);
    expect(dateTimeFormat("ru-RU", { ...options })).toBe(first);
    expect(dateTimeFormat("en-GB", options)).not.toBe(first);
    expect(dateTimeFormat("ru-RU", { ...options, timeZone: "UTC" })).not.toBe(first);
  });

  it("formats as before: each time zone and locale its own", () => {
    const instant = new Date("2026-11-25T07:05:00Z");
    expect(formatDateTime(instant, "Europe/Moscow")).toBe("25.11, 10:05");
    expect(formatDateTime(instant, "UTC")).toBe("25.11, 07:05");
    expect(formatMonth("2026-11", "ru")).toBe("ноябрь 2026");
    expect(formatMonth("2026-11", "en")).toBe("November 2026");
  });

  it("refuses an unknown time zone as Intl does, and keeps nothing of it", () => {
    expect(() => dateTimeFormat("ru-RU", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
    expect(() => dateTimeFormat("ru-RU", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });
});
