// The trust payment's texts in both languages: every variable filled, amounts and dates as the
// subscriber reads them, the reminder's top-up button.
import { describe, expect, it } from "vitest";
import { refusalText } from "../../bot/features/trust.ts";
import { createI18n, locales } from "../../bot/i18n.ts";
import { noticeMessage } from "../../bot/notice-messages.ts";
import type { TrustRefusal } from "../../core/billing/trust.ts";

const i18n = createI18n();
const nbsp = "\u00a0";
const expiresAt = new Date("2026-11-28T09:00:00Z");
const refusals: TrustRefusal[] = [
  { outcome: "refused", reason: "closed" },
  { outcome: "refused", reason: "active", amount: 450_00, expiresAt },
  { outcome: "refused", reason: "balance-fine", balance: 1250_00, nextCharge: 25_00 },
  {
    outcome: "refused",
    reason: "too-soon",
    availableFrom: expiresAt,
    perPeriod: 1,
    periodDays: 30,
  },
  { outcome: "refused", reason: "disabled" },
  { outcome: "refused", reason: "wrong-day", minDay: 1, maxDay: 5 },
  { outcome: "refused", reason: "frozen" },
  { outcome: "refused", reason: "debt-too-deep" },
  { outcome: "refused", reason: "tariff-not-allowed" },
  { outcome: "refused", reason: "used-this-month" },
  { outcome: "refused", reason: "previous-not-paid" },
];
/** What an external billing may leave out: the same reasons, other texts. */
const vagueRefusals: Array<[string, TrustRefusal]> = [
  ["active without terms", { outcome: "refused", reason: "active", amount: null, expiresAt: null }],
  ["no debt", { outcome: "refused", reason: "balance-fine", balance: 0, nextCharge: null }],
  ["wrong day unknown", { outcome: "refused", reason: "wrong-day", minDay: null, maxDay: null }],
];

describe.each(locales)("trust payment texts (%s)", (locale) => {
  const t = (key: string, variables?: Record<string, string | number>) =>
    i18n.t(locale, key, variables);

  it.each(refusals.map((refusal) => [refusal.reason, refusal] as const))(
    "names the reason %s, with the contract",
    (_, refusal) => {
      const text = refusalText(t, "10002", refusal, "Europe/Moscow");
      expect(text).toContain("10002");
      expect(text).not.toMatch(/\{|\$|undefined|NaN/);
    },
  );

  it.each(vagueRefusals)("says %s without inventing figures", (_, refusal) => {
    const text = refusalText(t, "10002", refusal, "Europe/Moscow");
    expect(text).toContain("10002");
    expect(text).not.toMatch(/\{|\$|undefined|NaN|null/);
  });

  it("names every reason in its own words", () => {
    const texts = [...refusals, ...vagueRefusals.map(([, refusal]) => refusal)].map((refusal) =>
      refusalText(t, "10002", refusal, "Europe/Moscow"),
    );
    expect(new Set(texts).size).toBe(texts.length);
    expect(refusalText(t, "1", refusals[5] as TrustRefusal, "Europe/Moscow")).toMatch(/1\D+5/);
  });

  it("dates a refusal in Moscow time", () => {
    expect(refusalText(t, "10002", refusals[1] as TrustRefusal, "Europe/Moscow")).toContain(
      "28.11, 12:00",
    );
    expect(refusalText(t, "10001", refusals[2] as TrustRefusal, "Europe/Moscow")).toContain(
      `1${nbsp}250,00${nbsp}₽`,
    );
  });

  it("reminds with the shortfall and a top-up button, or says the money is enough", () => {
    const notice = {
      kind: "trust-expiring" as const,
      accountId: 2,
      login: "10002",
      amount: 450_00,
      expiresAt,
      balance: 270_00,
      balanceAfterRepay: -180_00,
    };
    const short = noticeMessage(t, notice, "Europe/Moscow");
    expect(short.text).toContain("28.11, 12:00");
    expect(short.text).toContain(`180,00${nbsp}₽`);
    expect(short.text).not.toMatch(/\{|\$|undefined|NaN/);
    expect(short.reply_markup?.inline_keyboard.flat()).toEqual([
      { text: t("menu-topup"), callback_data: "notice:topup:2" },
    ]);
    const enough = noticeMessage(
      t,
      { ...notice, balance: 500_00, balanceAfterRepay: 50_00 },
      "Europe/Moscow",
    );
    expect(enough.text).toContain(t("trust-reminder-enough"));
  });
});
