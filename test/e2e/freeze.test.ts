// /freeze through the emulator, on the demo contracts with a 50 ₽ fee: a freeze from today chosen
// by button (the fee once, the balance card, the profile and the history mention it) and
// unfrozen; a freeze from a typed date for a typed number of days, bad dates and numbers answered
// and asked again, a command leaving the question, called off with the fee returned; refusals;
// buttons naming another subscriber's contract freeze or unfreeze nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDay, formatMoney } from "../../bot/format.ts";
import { addDays, billingDayAt } from "../../core/billing/calendar.ts";
import type { ChatMessage, UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { ledgerMismatches } from "../support/ledger.ts";
import { noPostgres } from "../support/require-services.ts";
import { inlineButtons, signedIn } from "../support/sign-in.ts";

const rub = (kopecks: number) => formatMoney(kopecks);
/** Days of [from, to] in `from`'s calendar year. */
const daysInYearOf = (from: string, to: string) => {
  const yearEnd = `${from.slice(0, 4)}-12-31`;
  const last = to < yearEnd ? to : yearEnd;
  return Math.round((Date.parse(last) - Date.parse(from)) / 86_400_000) + 1;
};

describe.skipIf(noPostgres)("voluntary freeze", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { FREEZE_FEE: "50" } });
  });
  afterAll(() => harness?.stop());

  const db = () => harness.database.prisma;
  const newUser = (firstName: string, languageCode = "ru") =>
    harness.emulator.user({ firstName, languageCode });
  const account = (login: string) => db().account.findUniqueOrThrow({ where: { login } });
  const freezesOf = async (login: string) =>
    db().freeze.findMany({
      where: { accountId: (await account(login)).id },
      orderBy: { id: "asc" },
    });
  const today = () => billingDayAt(new Date(), harness.config.timeZone);
  const year = () => today().slice(0, 4);
  /** The message as it is now, once `check` holds for its text (edits are applied). */
  const edited = (user: UserDriver, message: ChatMessage, check: (text: string) => boolean) =>
    user.waitFor(() => {
      const current = user.messages().find((m) => m.message_id === message.message_id);
      return current?.text && check(current.text) ? current : undefined;
    });
  const answerTo = async (user: UserDriver, message: ChatMessage, data: string) => {
    const query = await user.pressData(message, data);
    return user.waitForCallbackAnswer(query);
  };

  it("asks an unlinked user to sign in", async () => {
    const guest = newUser("Гость");
    await guest.send("/freeze");
    expect(inlineButtons(await guest.nextBotMessage())).toEqual(["🔑 Войти в личный кабинет"]);
  });

  it("freezes from today for days chosen by button, takes the fee once, and shows it everywhere", async () => {
    const ruslan = newUser("Руслан");
    const menu = await signedIn(ruslan, "10001");
    expect(inlineButtons(menu)).toContain("❄️ Заморозка");
    await ruslan.press("❄️ Заморозка");
    const status = await ruslan.nextBotMessage();
    expect(status.text).toContain("❄️ Заморозка · договор 10001");
    expect(status.text).toContain(`Осталось дней заморозки в ${year()} году: 30 из 30.`);
    expect(status.text).toContain(`Плата за включение: ${rub(50_00)}, спишется с баланса сразу.`);
    expect(status.text).toContain(`по ${formatDay(addDays(today(), 30))}`);
    expect(inlineButtons(status)).toEqual(["❄️ С сегодняшнего дня", "📅 С другой даты"]);

    await ruslan.press("❄️ С сегодняшнего дня");
    const days = await ruslan.nextBotMessage();
    expect(days.text).toContain(`Заморозка договора 10001 с ${formatDay(today())}.`);
    expect(days.text).toContain("От 1 до 30, или до разморозки.");
    expect(inlineButtons(days)).toEqual([
      "7 дней",
      "14 дней",
      "30 дней",
      "♾ До разморозки",
      "✏️ Другое число дней",
    ]);

    await ruslan.press("14 дней");
    const confirm = await ruslan.nextBotMessage();
    const endsOn = addDays(today(), 13);
    const left = 30 - daysInYearOf(today(), endsOn);
    expect(confirm.text).toBe(
      [
        "❄️ Заморозить договор 10001?",
        `С ${formatDay(today())} по ${formatDay(endsOn)} включительно: 14 дней.`,
        `Плата за включение: ${rub(50_00)} — спишется сейчас, баланс станет ${rub(1200_00)}.`,
        `Останется дней заморозки в ${year()} году: ${left} из 30.`,
      ].join("\n"),
    );
    expect(inlineButtons(confirm)).toEqual(["✅ Заморозить", "✖️ Не нужно"]);

    await ruslan.press("✅ Заморозить");
    const done = await edited(ruslan, confirm, (text) => text.startsWith("✅"));
    expect(done.text).toBe(
      [
        `✅ Договор 10001 заморожен с ${formatDay(today())}. Абонентская плата на это время не списывается.`,
        `❄️ Заморожен с ${formatDay(today())} по ${formatDay(endsOn)}`,
        `Списана плата за включение: ${rub(50_00)}. Баланс: ${rub(1200_00)}.`,
        "Разморозить можно в любой момент: /freeze",
      ].join("\n"),
    );
    // A second tap on the same confirmation: already frozen, nothing more taken.
    await answerTo(ruslan, confirm, inlineData(confirm, "✅ Заморозить"));
    expect((await ruslan.nextBotMessage()).text).toBe(
      `❄️ Заморожен с ${formatDay(today())} по ${formatDay(endsOn)}`,
    );
    expect(await freezesOf("10001")).toHaveLength(1);
    const fees = await db().ledgerEntry.findMany({
      where: { account: { login: "10001" }, kind: "FREEZE_FEE" },
    });
    expect(fees.map((entry) => entry.amount)).toEqual([-50_00]);
    expect(await account("10001")).toMatchObject({ balance: 1200_00, status: "ACTIVE" });

    await ruslan.send("/balance");
    const card = await ruslan.nextBotMessage();
    expect(card.text).toContain(`❄️ Заморожен с ${formatDay(today())} по ${formatDay(endsOn)}`);
    expect(card.text).toContain("На время заморозки абонентская плата не списывается.");
    expect(card.text).not.toContain("Хватит до");
    await ruslan.press("📜 История платежей");
    expect((await ruslan.nextBotMessage()).text).toContain(`заморозка договора · −${rub(50_00)}`);
    await ruslan.send("/profile");
    expect((await ruslan.nextBotMessage()).text).toContain(
      `❄️ Заморожен с ${formatDay(today())} по ${formatDay(endsOn)}`,
    );
  });

  it("unfreezes: the freeze ends today, and the status says so", async () => {
    const ruslan = newUser("Руслан второй");
    await signedIn(ruslan, "10001");
    await ruslan.send("/freeze");
    const status = await ruslan.nextBotMessage();
    expect(status.text).toContain("❄️ Договор 10001 заморожен с");
    expect(inlineButtons(status)).toEqual(["🔥 Разморозить"]);
    await ruslan.press("🔥 Разморозить");
    const ask = await ruslan.nextBotMessage();
    expect(ask.text).toContain("Разморозить договор 10001?");
    expect(inlineButtons(ask)).toEqual(["🔥 Да, разморозить", "Оставить как есть"]);
    await ruslan.press("🔥 Да, разморозить");
    const done = await edited(ruslan, ask, (text) => text.startsWith("✅"));
    expect(done.text).toBe(
      [
        `✅ Договор 10001 разморожен: заморозка с ${formatDay(today())} по ${formatDay(today())}.`,
        `Осталось дней заморозки в ${year()} году: 29 из 30.`,
      ].join("\n"),
    );
    const [freeze] = await freezesOf("10001");
    expect(freeze?.endedAt).not.toBeNull();
    expect(freeze?.lastDay.toISOString().slice(0, 10)).toBe(today());

    await ruslan.send("/balance");
    expect((await ruslan.nextBotMessage()).text).not.toContain("❄️");
    await ruslan.send("/freeze");
    const again = await ruslan.nextBotMessage();
    expect(again.text).toContain("❄️ Заморозка · договор 10001");
    expect(again.text).toContain(`в ${year()} году: 29 из 30.`);
  });

  it("freezes from a typed date for a typed number of days, asking again on bad input", async () => {
    const aminat = newUser("Аминат");
    await signedIn(aminat, "10004");
    await aminat.send("/freeze");
    await aminat.nextBotMessage();
    await aminat.press("📅 С другой даты");
    const prompt = await aminat.nextBotMessage();
    expect(prompt.text).toContain("С какого дня заморозить договор 10004?");
    expect(prompt.text).toContain("ДД.ММ.ГГГГ");

    const badDate = `Не получилось прочитать дату. Напишите её в виде ДД.ММ.ГГГГ, например ${formatDay(addDays(today(), 1))}. Передумали — /cancel`;
    for (const text of ["завтра", "31.02.2027", "2026-12-10", "🙂".repeat(500)]) {
      await aminat.send(text);
      expect((await aminat.nextBotMessage()).text).toBe(badDate);
    }
    await aminat.send("01.01.2020");
    expect((await aminat.nextBotMessage()).text).toBe(
      `Эта дата уже прошла. Заморозить можно с сегодняшнего дня (${formatDay(today())}) или позже.`,
    );
    await aminat.send(formatDay(addDays(today(), 45)));
    expect((await aminat.nextBotMessage()).text).toBe(
      `Так далеко вперёд заморозку не оформить: начать можно не позже ${formatDay(addDays(today(), 30))}.`,
    );

    const startsOn = addDays(today(), 5);
    await aminat.send(` ${formatDay(startsOn)} `);
    const days = await aminat.nextBotMessage();
    expect(days.text).toContain(`Заморозка договора 10004 с ${formatDay(startsOn)}.`);
    await aminat.press("✏️ Другое число дней");
    const askDays = await aminat.nextBotMessage();
    expect(askDays.text).toBe(
      `На сколько дней заморозить договор 10004 с ${formatDay(startsOn)}? Напишите число от 1 до 30.`,
    );
    for (const text of ["десять", "0", "31", "-5"]) {
      await aminat.send(text);
      expect((await aminat.nextBotMessage()).text).toBe(
        "Напишите число дней цифрами: от 1 до 30. Передумали — /cancel",
      );
    }
    await aminat.send("10");
    const confirm = await aminat.nextBotMessage();
    const endsOn = addDays(startsOn, 9);
    expect(confirm.text).toContain(
      `С ${formatDay(startsOn)} по ${formatDay(endsOn)} включительно: 10 дней.`,
    );
    await aminat.press("✅ Заморозить");
    const done = await edited(aminat, confirm, (text) => text.startsWith("✅"));
    expect(done.text).toContain(
      `✅ Заморозка договора 10004 запланирована с ${formatDay(startsOn)}. До этого дня всё работает как обычно.`,
    );
    expect(done.text).toContain(`Баланс: ${rub(2250_00)}.`);

    await aminat.send("/balance");
    const card = await aminat.nextBotMessage();
    expect(card.text).toContain(
      `❄️ Заморозка запланирована с ${formatDay(startsOn)} по ${formatDay(endsOn)}`,
    );
    expect(card.text).toContain("Хватит до");
  });

  it("leaves the date question for a command or a button, which are answered as usual", async () => {
    const sergey = newUser("Сергей");
    await signedIn(sergey, "10003");
    await sergey.send("/freeze");
    await sergey.nextBotMessage();
    await sergey.press("📅 С другой даты");
    await sergey.nextBotMessage();
    await sergey.send("/menu");
    expect((await sergey.nextBotMessage()).text).toContain("Главное меню");
    await sergey.send(formatDay(addDays(today(), 2)));
    expect((await sergey.nextBotMessage()).text).toContain("Не понял сообщение");
  });

  it("refuses a balance below the fee and a closed contract, saying why", async () => {
    const sergey = newUser("Сергей второй");
    await signedIn(sergey, "10003");
    await sergey.send("/freeze");
    await sergey.nextBotMessage();
    await sergey.press("❄️ С сегодняшнего дня");
    expect((await sergey.nextBotMessage()).text).toBe(
      `Плата за включение заморозки — ${rub(50_00)}, а на балансе ${rub(40_00)}. Пополните его: /topup`,
    );
    const ahmed = newUser("Ахмед");
    await signedIn(ahmed, "10005");
    await ahmed.send("/freeze");
    await ahmed.nextBotMessage();
    await ahmed.press("❄️ С сегодняшнего дня");
    expect((await ahmed.nextBotMessage()).text).toBe(
      "Договор 10005 расторгнут — заморозка по нему недоступна.",
    );
    expect(await freezesOf("10003")).toEqual([]);
    expect(await freezesOf("10005")).toEqual([]);
  });

  it("never freezes or unfreezes another subscriber's contract", async () => {
    const sergey = newUser("Сергей третий");
    const menu = await signedIn(sergey, "10003");
    const aminat = await account("10004");
    const ruslan = await account("10001");
    const outdated = "Эта кнопка устарела. Откройте меню заново: /menu";
    const forged = [
      `freeze:off-yes:${aminat.id}`,
      `freeze:off:${aminat.id}`,
      `freeze:yes:${ruslan.id}:${today()}:7:5000`,
      `freeze:yes:${ruslan.id}:${today()}:-:5000`,
      `freeze:days:${ruslan.id}:${today()}:7`,
      `freeze:from:${ruslan.id}:today`,
      `freeze:type:${ruslan.id}:${today()}`,
    ];
    for (const data of forged) {
      expect((await answerTo(sergey, menu, data)).text).toBe(outdated);
    }
    // Data no button of this bot has: outdated too, never an error.
    for (const data of ["freeze:yes:1:2026-02-30:7:0", "freeze:days:1:tomorrow:7"]) {
      expect((await answerTo(sergey, menu, data)).text).toBe(outdated);
    }
    expect((await freezesOf("10004"))[0]).toMatchObject({ endedAt: null, cancelledAt: null });
    expect(await freezesOf("10001")).toHaveLength(1);
    expect(await freezesOf("10003")).toEqual([]);
  });

  it("calls off a scheduled freeze and returns its fee", async () => {
    const aminat = newUser("Аминат вторая");
    await signedIn(aminat, "10004");
    await aminat.send("/freeze");
    const status = await aminat.nextBotMessage();
    expect(status.text).toContain("❄️ Заморозка договора 10004 запланирована: с");
    await aminat.press("✖️ Отменить заморозку");
    const ask = await aminat.nextBotMessage();
    expect(ask.text).toContain(`Плата за включение (${rub(50_00)}) вернётся на баланс.`);
    await aminat.press("✖️ Да, отменить");
    const done = await edited(aminat, ask, (text) => text.startsWith("✅"));
    expect(done.text).toContain(
      `Плата за включение возвращена: ${rub(50_00)}. Баланс: ${rub(2300_00)}.`,
    );
    expect((await freezesOf("10004"))[0]?.cancelledAt).not.toBeNull();
    expect(await account("10004")).toMatchObject({ balance: 2300_00 });
    expect(await ledgerMismatches(db())).toEqual([]);
  });

  it("speaks English to an English-speaking subscriber", async () => {
    const pat = newUser("Pat", "en");
    const menu = await signedIn(pat, "10004");
    expect(inlineButtons(menu)).toContain("❄️ Freeze");
    await pat.press("❄️ Freeze");
    const status = await pat.nextBotMessage();
    expect(status.text).toContain("❄️ Freeze · contract 10004");
    expect(status.text).toContain(`Freeze days left in ${year()}: 30 of 30.`);
    await pat.press("❄️ From today");
    expect((await pat.nextBotMessage()).text).toContain("For how many days? 1 to 30");
  });

  it("logged no failure on the way", () => {
    expect(harness.logs.entries().filter((entry) => Number(entry.level) >= 40)).toEqual([]);
  });
});

function inlineData(message: ChatMessage, text: string): string {
  const button = message.reply_markup?.inline_keyboard
    .flat()
    .find((candidate) => candidate.text === text);
  if (!button || !("callback_data" in button) || !button.callback_data) {
    throw new Error(`no button ${text}`);
  }
  return button.callback_data;
}
