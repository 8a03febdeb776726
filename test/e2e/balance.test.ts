// /balance and the history through the emulator, on the demo contracts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingDayAt, dailyFee } from "../../core/billing/calendar.ts";
import { postLedgerEntry } from "../../core/billing/ledger.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres } from "../support/require-services.ts";
import { inlineButtons, signedIn } from "../support/sign-in.ts";

const nbsp = "\u00a0";

describe.skipIf(noPostgres)("balance and history", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness?.stop());

  const newUser = (firstName: string) => harness.emulator.user({ firstName, languageCode: "ru" });
  const today = () => billingDayAt(new Date(), "Europe/Moscow");

  it("shows an active contract's balance, tariffs, daily charge and how long it lasts", async () => {
    const user = newUser("Руслан");
    await signedIn(user, "10001");
    await user.send("/balance");
    const card = await user.nextBotMessage();
    const daily = dailyFee(750_00, today());
    expect(card.text).toContain("💰 Баланс · договор 10001\nМагомедов Руслан Ахмедович");
    expect(card.text).toContain(`Баланс: 1${nbsp}250,00${nbsp}₽`);
    expect(card.text).toContain("Статус: активен ✅");
    expect(card.text).toContain(`Интернет: Домашний 100, 100 Мбит/с — 600,00${nbsp}₽ в месяц`);
    expect(card.text).toContain(`IPTV: IPTV Базовый, 120 каналов — 150,00${nbsp}₽ в месяц`);
    expect(card.text).toContain(
      `Списание в день: ${(daily / 100).toFixed(2).replace(".", ",")}${nbsp}₽`,
    );
    expect(card.text).toMatch(
      /Хватит до \d\d\.\d\d\.\d{4} включительно \(ещё \d+ (день|дня|дней)\)/,
    );
    expect(inlineButtons(card)).toEqual([
      "💳 Пополнить картой",
      "🤝 Доверительный платёж",
      "📜 История платежей",
      "📶 Тарифы",
    ]);
  });

  it("says why a contract is blocked and that the money does not last", async () => {
    const blocked = newUser("Патимат");
    await signedIn(blocked, "10002");
    await blocked.send("/balance");
    const card = await blocked.nextBotMessage();
    expect(card.text).toContain(`Баланс: −180,00${nbsp}₽`);
    expect(card.text).toContain("Статус: заблокирован ⛔ — недостаточно средств");
    expect(card.text).not.toContain("Хватит до");

    const short = newUser("Сергей");
    await signedIn(short, "10003");
    await short.press("💰 Баланс");
    expect((await short.nextBotMessage()).text).toMatch(/ещё (1|2) (день|дня)\)/);
  });

  it("asks an unlinked user to sign in", async () => {
    const user = newUser("Гость");
    await user.send("/balance");
    const reply = await user.nextBotMessage();
    expect(reply.text).toContain("Баланс виден после входа");
    expect(inlineButtons(reply)).toEqual(["🔑 Войти в личный кабинет"]);
  });

  it("pages the history in one message, by period, with totals and daily charges folded per month", async () => {
    const db = harness.database.prisma;
    const account = await db.account.findUniqueOrThrow({ where: { login: "10004" } });
    for (let i = 1; i <= 12; i++) {
      await postLedgerEntry(db, {
        accountId: account.id,
        amount: 100_00 * i,
        kind: "CASH_TOPUP",
        idempotencyKey: `test:cash:${i}`,
        reference: `квитанция ${i}`,
      });
    }
    for (let i = 1; i <= 3; i++) {
      await postLedgerEntry(db, {
        accountId: account.id,
        amount: -4000,
        kind: "DAILY_CHARGE",
        idempotencyKey: `test:charge:${i}`,
        reference: today(),
      });
    }
    const user = newUser("Аминат");
    await signedIn(user, "10004");
    await user.send("/balance");
    await user.nextBotMessage();
    await user.press("📜 История платежей");
    const history = await user.nextBotMessage();
    expect(history.text).toContain("📜 История · договор 10004");
    expect(history.text).toContain("абонентская плата, 3 дня");
    expect(history.text).toContain("оплата наличными в офисе");
    expect(history.text).toContain("Страница 1 из 2");
    expect(history.text).toContain(`Списано: −120,00${nbsp}₽`);
    expect(inlineButtons(history)).toEqual([
      "• Этот месяц",
      "Прошлый месяц",
      "3 месяца",
      "Старше ▶️",
      "⬅️ К балансу",
    ]);

    await user.press("Старше ▶️");
    const second = await user.waitFor(() => {
      const current = user.messages().find((message) => message.message_id === history.message_id);
      return current?.text?.includes("Страница 2 из 2") ? current : undefined;
    });
    expect(second.text).toContain("корректировка баланса");
    expect(inlineButtons(second)).toContain("◀️ Новее");

    await user.press("Прошлый месяц");
    const lastMonth = await user.waitFor(() => {
      const current = user.messages().find((message) => message.message_id === history.message_id);
      return current?.text?.includes("За этот период операций нет") ? current : undefined;
    });
    expect(inlineButtons(lastMonth)[1]).toBe("• Прошлый месяц");
    expect(
      user.messages().filter((message) => message.text?.startsWith("📜 История")),
    ).toHaveLength(1);
  });

  it("never shows another contract's history, whatever the button says", async () => {
    const user = newUser("Хитрый");
    await signedIn(user, "10003");
    await user.send("/balance");
    const card = await user.nextBotMessage();
    for (const data of ["history:all:0", "history:this-month:9999", "history:this-month:0;10004"]) {
      const query = await user.pressData(card, data);
      await harness.emulator.waitForCall(
        "answerCallbackQuery",
        (call) => call.params.callback_query_id === query.id,
      );
    }
    const histories = await user.waitFor(() => {
      const shown = user.messages().filter((message) => message.text?.startsWith("📜 История"));
      return shown.length > 0 ? shown : undefined;
    });
    expect(histories).toHaveLength(1);
    expect(histories[0]?.text).toContain("договор 10003");
    expect(histories[0]?.text).not.toContain("10004");
  });
});
