// What the bot's Notifier makes of Telegram's answers, and when its messages arrive silently.
import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { isNight, outcomeOf } from "../../bot/telegram-notifier.ts";

const telegramError = (error_code: number, description: string) =>
  new GrammyError(description, { ok: false, error_code, description }, "sendMessage", {});

describe("the Notifier", () => {
  it("reads 403 as blocked, 400 as refused for good, the rest as worth another try", () => {
    expect(outcomeOf(telegramError(403, "Forbidden: bot was blocked by the user"))).toEqual({
      outcome: "blocked",
    });
    expect(outcomeOf(telegramError(400, "Bad Request: chat not found"))).toEqual({
      outcome: "rejected",
      error: "Bad Request: chat not found",
    });
    expect(outcomeOf(telegramError(502, "Bad Gateway"))).toEqual({
      outcome: "failed",
      error: "Bad Gateway",
    });
    expect(
      outcomeOf(new HttpError("Network request failed", new Error("ECONNRESET"))),
    ).toMatchObject({
      outcome: "failed",
    });
  });

  it("is silent from 22:00 to 08:00 in the provider's time zone", () => {
    const moscow = (time: string) => new Date(`2026-12-01T${time}+03:00`);
    expect(isNight(moscow("00:05:00"), "Europe/Moscow")).toBe(true);
    expect(isNight(moscow("07:59:00"), "Europe/Moscow")).toBe(true);
    expect(isNight(moscow("08:00:00"), "Europe/Moscow")).toBe(false);
    expect(isNight(moscow("21:59:00"), "Europe/Moscow")).toBe(false);
    expect(isNight(moscow("22:00:00"), "Europe/Moscow")).toBe(true);
  });
});
