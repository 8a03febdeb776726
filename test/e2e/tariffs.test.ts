// /tariffs through the emulator: the list, a pending internet change and its cancellation, IPTV
// changes from the next day (added, removed, replaced, cancelled).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDay } from "../../bot/format.ts";
import { addDays, billingDayAt } from "../../core/billing/calendar.ts";
import { firstOfNextMonth } from "../../core/billing/tariffs.ts";
import type { ChatMessage } from "../emulator/index.ts";
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
      include: {
        internetTariff: true,
        iptvTariff: true,
        pendingTariff: true,
        pendingIptvTariff: true,
      },
    });
  const tomorrow = () => addDays(billingDayAt(new Date(), "Europe/Moscow"), 1);

  const outdated = "Эта кнопка устарела. Откройте меню заново: /menu";
  const answerTo = async (query: { id: string }) =>
    (
      await harness.emulator.waitForCall(
        "answerCallbackQuery",
        (call) => call.params.callback_query_id === query.id,
      )
    ).params.text;
  const callbackData = (message: ChatMessage) =>
    (message.reply_markup?.inline_keyboard ?? [])
      .flat()
      .map((button) => ("callback_data" in button ? button.callback_data : ""));

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

  it("adds IPTV from tomorrow, shows the pending change, replaces it with a new choice, and cancels it", async () => {
    const user = newUser("Сергей");
    await signedIn(user, "10003");
    const date = formatDay(tomorrow());
    await user.send("/tariffs");
    await user.nextBotMessage();
    await user.press("Подключить «IPTV Базовый»");
    expect((await user.nextBotMessage()).text).toBe(
      `Готово: с ${date} на договоре 10003 — пакет «IPTV Базовый». До этого дня IPTV остаётся как сейчас; отменить смену можно в /tariffs.`,
    );
    // Nothing is switched today: the daily charge makes the change on its day.
    const pending = await account("10003");
    expect(pending.iptvTariffId).toBeNull();
    expect(pending.pendingIptvTariff?.code).toBe("iptv-basic");
    expect(pending.pendingIptvDate?.toISOString().slice(0, 10)).toBe(tomorrow());

    await user.send("/tariffs");
    const list = await user.nextBotMessage();
    expect(list.text).toContain(`Смена IPTV: с ${date} — «IPTV Базовый».`);
    expect(list.text).toContain("▫️ IPTV Базовый");
    expect(inlineButtons(list)).toEqual([
      "✖️ Отменить смену IPTV",
      "Перейти на «Домашний 50»",
      "Перейти на «Максимум 300»",
      "Перейти на «Гига 500»",
      "Подключить «IPTV Расширенный»",
    ]);

    await user.press("Подключить «IPTV Расширенный»");
    expect((await user.nextBotMessage()).text).toContain(
      `Готово: с ${date} на договоре 10003 — пакет «IPTV Расширенный».`,
    );
    expect((await account("10003")).pendingIptvTariff?.code).toBe("iptv-extended");
    expect(
      await answerTo(await user.press("Подключить «IPTV Расширенный»", { message: list })),
    ).toBe("Эта смена IPTV уже запланирована.");

    await user.send("/tariffs");
    const replaced = await user.nextBotMessage();
    expect(replaced.text).toContain(`Смена IPTV: с ${date} — «IPTV Расширенный».`);
    expect(replaced.text).not.toContain("«IPTV Базовый».");
    await user.press("✖️ Отменить смену IPTV");
    expect((await user.nextBotMessage()).text).toBe("Смена IPTV отменена, всё остаётся как было.");
    expect(await account("10003")).toMatchObject({
      iptvTariffId: null,
      pendingIptvTariffId: null,
      pendingIptvDate: null,
    });
    // The cancel button, pressed again, has nothing left to cancel.
    expect(await answerTo(await user.press("✖️ Отменить смену IPTV", { message: replaced }))).toBe(
      outdated,
    );
  });

  it("removes IPTV from tomorrow; choosing the current package again keeps it", async () => {
    const user = newUser("Руслан");
    await signedIn(user, "10001");
    const id = (await account("10001")).id;
    const date = formatDay(tomorrow());
    await user.send("/tariffs");
    await user.nextBotMessage();
    await user.press("Отключить IPTV");
    expect((await user.nextBotMessage()).text).toBe(
      `Готово: с ${date} IPTV на договоре 10001 отключается. До этого дня IPTV остаётся как сейчас; отменить смену можно в /tariffs.`,
    );
    const removing = await account("10001");
    expect(removing.iptvTariff?.code).toBe("iptv-basic");
    expect(removing.pendingIptvTariffId).toBeNull();
    expect(removing.pendingIptvDate?.toISOString().slice(0, 10)).toBe(tomorrow());

    await user.send("/tariffs");
    const list = await user.nextBotMessage();
    expect(list.text).toContain("✅ IPTV Базовый");
    expect(list.text).toContain(`Смена IPTV: с ${date} — отключение.`);
    expect(inlineButtons(list)).toEqual([
      "✖️ Отменить смену IPTV",
      "Перейти на «Домашний 50»",
      "Перейти на «Максимум 300»",
      "Перейти на «Гига 500»",
      "Подключить «IPTV Расширенный»",
    ]);

    // The package it has now, chosen again (a button from an older list), clears the removal.
    const keep = await user.pressData(list, `tariff:tv:${id}:iptv-basic`);
    expect(await answerTo(keep)).toBeUndefined();
    expect((await user.nextBotMessage()).text).toBe("Смена IPTV отменена, всё остаётся как было.");
    expect(await account("10001")).toMatchObject({
      iptvTariffId: removing.iptvTariffId,
      pendingIptvTariffId: null,
      pendingIptvDate: null,
    });
    expect(await answerTo(await user.pressData(list, `tariff:tv:${id}:iptv-basic`))).toBe(
      "Этот тариф уже подключён.",
    );
  });

  it("refuses unknown, inactive or forged tariff buttons, and buttons after signing out", async () => {
    const user = newUser("Хитрый");
    const menu = await signedIn(user, "10004");
    const own = (await account("10004")).id;
    await harness.database.prisma.tariff.create({
      data: { code: "archive", name: "Архивный", kind: "INTERNET", monthlyFee: 100, active: false },
    });
    for (const data of [
      `tariff:net:${own}:archive`,
      `tariff:net:${own}:iptv-basic`,
      `tariff:net-yes:${own}:nope`,
      `tariff:tv:${own}:home-50`,
      `tariff:cancel:${own}`,
      `tariff:tv-cancel:${own}`,
      // Buttons without the contract, as the bot used to send them.
      "tariff:net-yes:giga-500",
      "tariff:tv-off",
      "tariff:cancel",
      "tariff:tv-cancel",
    ]) {
      expect(await answerTo(await user.pressData(menu, data))).toBe(outdated);
    }
    const unchanged = await account("10004");
    expect(unchanged).toMatchObject({ pendingTariffId: null, pendingIptvDate: null });
    expect(unchanged.iptvTariff?.code).toBe("iptv-extended");

    const stranger = newUser("Чужой");
    expect(await answerTo(await stranger.pressData(menu, `tariff:tv-off:${own}`))).toBe(outdated);
    expect(await account("10004")).toMatchObject({ pendingIptvDate: null });
    expect((await account("10004")).iptvTariff?.code).toBe("iptv-extended");
  });

  it("keeps every button within Telegram's 64 bytes and names the contract in it", async () => {
    const user = newUser("Аминат");
    await signedIn(user, "10004");
    const id = (await account("10004")).id;
    await user.send("/tariffs");
    const list = await user.nextBotMessage();
    await user.press("Перейти на «Гига 500»");
    const confirm = await user.nextBotMessage();
    const data = [...callbackData(list), ...callbackData(confirm)];
    expect(data).toEqual([
      `tariff:net:${id}:home-50`,
      `tariff:net:${id}:home-100`,
      `tariff:net:${id}:giga-500`,
      `tariff:tv:${id}:iptv-basic`,
      `tariff:tv-off:${id}`,
      `tariff:net-yes:${id}:giga-500`,
      "tariff:keep",
    ]);
    for (const each of data) expect(Buffer.byteLength(each)).toBeLessThanOrEqual(64);
    await user.press("Оставить текущий");
  });

  it("refuses a confirmation shown for one contract once the user has switched to another", async () => {
    const user = newUser("Семья");
    await signedIn(user, "10001");
    await signedIn(user, "10004");
    const before = { first: await account("10001"), second: await account("10004") };
    expect(before.first.pendingTariffId).toBeNull();
    expect(before.second.pendingTariffId).toBeNull();

    await user.send("/tariffs");
    const list = await user.nextBotMessage();
    expect(list.text).toContain("договор 10004");
    await user.press("Перейти на «Гига 500»");
    const confirm = await user.nextBotMessage();
    expect(confirm.text).toContain("Договор 10004: переход с «Максимум 300» на «Гига 500»");

    await user.send("/menu");
    await user.nextBotMessage();
    await user.press("🔁 Сменить договор (2)");
    await user.nextBotMessage();
    await user.press("10001 · Магомедов Руслан Ахмедович");
    expect((await user.nextBotMessage()).text).toContain("Договор 10001");

    // The confirmation, and the list's buttons, were for 10004: none of them touches 10001 now.
    expect(await answerTo(await user.press("✅ Подтвердить"))).toBe(outdated);
    for (const button of [
      "Перейти на «Домашний 50»",
      "Подключить «IPTV Базовый»",
      "Отключить IPTV",
    ])
      expect(await answerTo(await user.press(button, { message: list }))).toBe(outdated);
    expect(user.messages().find((m) => m.message_id === confirm.message_id)?.text).toBe(
      confirm.text,
    );
    const after = { first: await account("10001"), second: await account("10004") };
    for (const [was, now] of [
      [before.first, after.first],
      [before.second, after.second],
    ] as const) {
      expect(now).toMatchObject({
        internetTariffId: was.internetTariffId,
        iptvTariffId: was.iptvTariffId,
        pendingTariffId: null,
        pendingTariffDate: null,
        pendingIptvTariffId: null,
        pendingIptvDate: null,
      });
    }

    // Back on 10004, the same confirmation is its own again.
    await user.press("🔁 Сменить договор (2)");
    await user.nextBotMessage();
    await user.press("10004 · Гаджиева Аминат Расуловна");
    expect((await user.nextBotMessage()).text).toContain("Договор 10004");
    await user.press("✅ Подтвердить", { message: confirm });
    await user.waitFor(() =>
      user
        .messages()
        .find((m) => m.message_id === confirm.message_id)
        ?.text?.startsWith("Готово: с"),
    );
    expect((await account("10004")).pendingTariff?.code).toBe("giga-500");
    expect((await account("10001")).pendingTariffId).toBeNull();

    // A pending change's cancel button is bound to its contract too.
    await user.send("/tariffs");
    const withPending = await user.nextBotMessage();
    await user.press("🔁 Сменить договор (2)");
    await user.nextBotMessage();
    await user.press("10001 · Магомедов Руслан Ахмедович");
    await user.nextBotMessage();
    const cancel = await user.press("✖️ Отменить смену тарифа", { message: withPending });
    expect(await answerTo(cancel)).toBe(outdated);
    expect((await account("10004")).pendingTariff?.code).toBe("giga-500");
  });

  it("refuses forged buttons naming a contract the user is not linked to", async () => {
    const owner = newUser("Владелец");
    await signedIn(owner, "10004");
    const victim = await account("10004");
    const user = newUser("Подделка");
    const menu = await signedIn(user, "10003");
    const own = await account("10003");
    for (const data of [
      `tariff:net:${victim.id}:home-50`,
      `tariff:net-yes:${victim.id}:home-50`,
      `tariff:cancel:${victim.id}`,
      `tariff:tv:${victim.id}:iptv-basic`,
      `tariff:tv-off:${victim.id}`,
      `tariff:tv-cancel:${victim.id}`,
      `tariff:net-yes:9999999999:home-50`,
    ]) {
      expect(await answerTo(await user.pressData(menu, data))).toBe(outdated);
    }
    const after = { victim: await account("10004"), own: await account("10003") };
    expect(after.victim).toMatchObject({
      internetTariffId: victim.internetTariffId,
      iptvTariffId: victim.iptvTariffId,
      pendingTariffId: victim.pendingTariffId,
      pendingTariffDate: victim.pendingTariffDate,
      pendingIptvTariffId: victim.pendingIptvTariffId,
      pendingIptvDate: victim.pendingIptvDate,
    });
    expect(after.own).toMatchObject({
      internetTariffId: own.internetTariffId,
      iptvTariffId: own.iptvTariffId,
      pendingTariffId: null,
      pendingIptvDate: null,
    });
    expect(
      user
        .history()
        .filter((m) => m.from?.is_bot)
        .at(-1)?.message_id,
    ).toBe(menu.message_id);
  });
});
