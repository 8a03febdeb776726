// /tariffs through the emulator: the list, a pending internet change and its cancellation, IPTV.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDay } from "../../bot/format.ts";
import { billingDayAt } from "../../core/billing/calendar.ts";
import { firstOfNextMonth } from "../../core/billing/tariffs.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres } from "../support/require-services.ts";
import { inlineButtons, signedIn } from "../support/sign-in.ts";

describe.skipIf(noPostgres)("tariffs", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness?.stop());

  const newUser = (firstName: string) => harness.emulator.user({ firstName, languageCode: "ru" });
  const account = (login: string) =>
    harness.database.prisma.account.findUniqueOrThrow({
      where: { login },
      include: { internetTariff: true, iptvTariff: true, pendingTariff: true },
    });

  it("lists tariffs for a prospect, with the way to connect", async () => {
    const user = newUser("Гость");
    await user.send("/tariffs");
    const list = await user.nextBotMessage();
    expect(list.text).toContain("📶 Тарифы Каспнет");
    expect(list.text).toContain("▫️ Домашний 50 — 50 Мбит/с — 450,00\u00a0₽ в месяц");
    expect(list.text).toContain("▫️ IPTV Расширенный — 210 каналов — 300,00\u00a0₽ в месяц");
    expect(inlineButtons(list)).toEqual(["📝 Заявка на подключение", "🔑 Войти в личный кабинет"]);
  });

  it("marks the subscriber's tariffs, schedules a change from the 1st of next month, and cancels it", async () => {
    const user = newUser("Руслан");
    await signedIn(user, "10001");
    await user.send("/tariffs");
    const list = await user.nextBotMessage();
    expect(list.text).toContain("📶 Тарифы · договор 10001");
    expect(list.text).toContain("✅ Домашний 100");
    expect(list.text).toContain("✅ IPTV Базовый");
    expect(inlineButtons(list)).toEqual([
      "Перейти на «Домашний 50»",
      "Перейти на «Максимум 300»",
      "Перейти на «Гига 500»",
      "Подключить «IPTV Расширенный»",
      "Отключить IPTV",
    ]);

    await user.press("Перейти на «Максимум 300»");
    const confirm = await user.nextBotMessage();
    const date = formatDay(firstOfNextMonth(billingDayAt(new Date(), "Europe/Moscow")));
    expect(confirm.text).toContain("переход с «Домашний 100» на «Максимум 300»");
    expect(confirm.text).toContain("Разница в абонентской плате: +250,00\u00a0₽ в месяц");
    expect(confirm.text).toContain(`начнёт действовать с ${date}`);
    await user.press("✅ Подтвердить");
    await user.waitFor(() =>
      user
        .messages()
        .find((m) => m.message_id === confirm.message_id)
        ?.text?.startsWith("Готово: с"),
    );
    const pending = await account("10001");
    expect(pending.pendingTariff?.code).toBe("max-300");
    expect(pending.internetTariff?.code).toBe("home-100");

    await user.send("/tariffs");
    const withPending = await user.nextBotMessage();
    expect(withPending.text).toContain(`Смена тарифа: с ${date} — «Максимум 300».`);
    await user.press("✖️ Отменить смену тарифа");
    expect((await user.nextBotMessage()).text).toBe(
      "Смена тарифа отменена, тариф остаётся прежним.",
    );
    expect((await account("10001")).pendingTariffId).toBeNull();
  });

  it("adds and removes IPTV at once, billed from the next day", async () => {
    const user = newUser("Сергей");
    await signedIn(user, "10003");
    await user.send("/tariffs");
    await user.nextBotMessage();
    await user.press("Подключить «IPTV Базовый»");
    expect((await user.nextBotMessage()).text).toContain(
      "Пакет «IPTV Базовый» подключён к договору 10003",
    );
    expect((await account("10003")).iptvTariff?.code).toBe("iptv-basic");
    await user.send("/tariffs");
    await user.nextBotMessage();
    await user.press("Отключить IPTV");
    expect((await user.nextBotMessage()).text).toBe(
      "IPTV отключено на договоре 10003 со следующего дня.",
    );
    expect((await account("10003")).iptvTariffId).toBeNull();
  });

  it("refuses unknown, inactive or forged tariff buttons, and buttons after signing out", async () => {
    const user = newUser("Хитрый");
    const menu = await signedIn(user, "10004");
    await harness.database.prisma.tariff.create({
      data: { code: "archive", name: "Архивный", kind: "INTERNET", monthlyFee: 100, active: false },
    });
    for (const data of [
      "tariff:net:archive",
      "tariff:net:iptv-basic",
      "tariff:net-yes:nope",
      "tariff:tv:home-50",
    ]) {
      const query = await user.pressData(menu, data);
      const answer = await harness.emulator.waitForCall(
        "answerCallbackQuery",
        (call) => call.params.callback_query_id === query.id,
      );
      expect(answer.params.text).toBe("Эта кнопка устарела. Откройте меню заново: /menu");
    }
    const unchanged = await account("10004");
    expect(unchanged).toMatchObject({ pendingTariffId: null });
    expect(unchanged.iptvTariff?.code).toBe("iptv-extended");

    const stranger = newUser("Чужой");
    const query = await stranger.pressData(menu, "tariff:tv-off");
    const answer = await harness.emulator.waitForCall(
      "answerCallbackQuery",
      (call) => call.params.callback_query_id === query.id,
    );
    expect(answer.params.text).toBe("Эта кнопка устарела. Откройте меню заново: /menu");
    expect((await account("10004")).iptvTariff?.code).toBe("iptv-extended");
  });
});
