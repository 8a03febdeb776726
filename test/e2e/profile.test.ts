// /profile through the emulator: the card, settings edited in place, email change by a mailed
// code, phone change by the user's own contact, forged buttons, bad input inside the steps.
import type { CallbackQuery } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage, UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { inlineButtons, signedIn } from "../support/sign-in.ts";

const outdated = "Эта кнопка устарела. Откройте меню заново: /menu";

describe.skipIf(noPostgres || noRedis)("the subscriber's profile", () => {
  let harness: Harness;
  const mailedCodes: string[] = [];
  beforeAll(async () => {
    harness = await startHarness({ redis: true });
  });
  afterAll(() => harness?.stop());

  const newUser = (firstName: string) => harness.emulator.user({ firstName, languageCode: "ru" });
  const account = (login: string) =>
    harness.database.prisma.account.findUniqueOrThrow({ where: { login } });

  async function openProfile(user: UserDriver): Promise<ChatMessage> {
    await user.send("/profile");
    return user.nextBotMessage();
  }

  /** The card as the user sees it now (edits applied). */
  const current = (user: UserDriver, card: ChatMessage) =>
    user.messages().find((message) => message.message_id === card.message_id);

  const answerTo = async (user: UserDriver, query: Promise<CallbackQuery>) =>
    (await user.waitForCallbackAnswer(await query)).text;

  it("tells a user who is not signed in how to sign in", async () => {
    const user = newUser("Гость");
    const answer = await openProfile(user);
    expect(answer.text).toContain("Профиль доступен после входа в личный кабинет");
    expect(answer.text).toContain("/login");
    expect(inlineButtons(answer)).toEqual(["🔑 Войти в личный кабинет"]);
    await user.press("🔑 Войти в личный кабинет");
    expect((await user.nextBotMessage()).text).toContain("Введите логин из договора");
  });

  it("shows the contract's card from /profile and from the menu", async () => {
    const user = newUser("Руслан");
    await signedIn(user, "10001");
    const card = await openProfile(user);
    expect(card.text).toBe(
      [
        "👤 Профиль — договор 10001",
        "Магомедов Руслан Ахмедович",
        "Логин: 10001",
        "Адрес: г. Каспийск, ул. Ленина, д. 12, кв. 34",
        "Телефон: +7 928 000-00-01",
        "Эл. почта: ru***@example.ru",
        "Тариф: Домашний 100, 100 Мбит/с + IPTV Базовый (120 каналов)",
        "",
        "🔔 Напоминания о балансе: включены, за 3 дня до того, как закончатся деньги",
        "📰 Новости Каспнет: не присылать",
      ].join("\n"),
    );
    expect(inlineButtons(card)).toEqual([
      "✉️ Сменить почту",
      "📱 Сменить телефон",
      "🔑 Сменить пароль",
      "🔕 Выключить напоминания",
      "➖",
      "За 3 дн.",
      "➕",
      "📰 Присылать новости",
      "⬅️ Главное меню",
    ]);
    const password = card.reply_markup?.inline_keyboard
      .flat()
      .find((button) => button.text === "🔑 Сменить пароль");
    expect(password).toMatchObject({ callback_data: "password:change" });

    await user.send("/menu");
    await user.nextBotMessage();
    await user.press("👤 Профиль");
    expect((await user.nextBotMessage()).text).toBe(card.text);
  });

  it("says when there is no email, and offers the switch between contracts", async () => {
    const user = newUser("Аминат");
    await signedIn(user, "10003");
    await signedIn(user, "10004");
    const card = await openProfile(user);
    expect(card.text).toContain("👤 Профиль — договор 10004");
    expect(card.text).toContain("Эл. почта: не указана");
    expect(card.text).toContain("Тариф: Максимум 300, 300 Мбит/с + IPTV Расширенный (210 каналов)");
    expect(inlineButtons(card)).toContain("🔁 Сменить договор (2)");
    await user.press("🔁 Сменить договор (2)");
    expect(inlineButtons(await user.nextBotMessage())).toContain("10003 · Иванов Сергей Петрович");
  });

  it("toggles reminders and news in place and keeps days ahead within 1–7", async () => {
    const user = newUser("Сергей");
    await signedIn(user, "10003");
    const card = await openProfile(user);
    const shows = (text: string) =>
      user.waitFor(() => current(user, card)?.text?.includes(text) ?? false);

    expect(await answerTo(user, user.press("🔕 Выключить напоминания"))).toBe("Сохранено");
    await shows("Напоминания о балансе: выключены");
    expect(inlineButtons(current(user, card))).toContain("🔔 Включить напоминания");
    await user.press("📰 Присылать новости");
    await shows("Новости Каспнет: присылать");
    await user.press("🔔 Включить напоминания");
    await shows("включены, за 3 дня");

    for (const days of [4, 5, 6, 7]) {
      await user.press("➕");
      await shows(`за ${days} ${days === 4 ? "дня" : "дней"}`);
    }
    expect(await answerTo(user, user.press("➕"))).toBe(
      "Напомнить можно за 1–7 дней, не раньше и не позже.",
    );
    const { id } = await account("10003");
    for (const days of [0, 8])
      expect(await answerTo(user, user.pressData(card, `profile:days:${id}:${days}`))).toBe(
        "Напомнить можно за 1–7 дней, не раньше и не позже.",
      );
    expect(await account("10003")).toMatchObject({
      remindersEnabled: true,
      reminderDaysAhead: 7,
      newsOptIn: true,
    });
    await user.pressData(card, `profile:days:${id}:1`);
    await shows("за 1 день");
    expect(user.messages().filter((message) => message.text?.startsWith("👤")).length).toBe(1);
  });

  it("shows the card when days ahead in the database is outside 1–7 (set by hand)", async () => {
    const user = newUser("Ислам");
    await signedIn(user, "10004");
    const setDays = (reminderDaysAhead: number) =>
      harness.database.prisma.account.update({
        where: { login: "10004" },
        data: { reminderDaysAhead },
      });
    await setDays(0);
    const card = await openProfile(user);
    expect(card.text).toContain("👤 Профиль — договор 10004");
    expect(await answerTo(user, user.press("➖"))).toBe(
      "Напомнить можно за 1–7 дней, не раньше и не позже.",
    );
    await setDays(3);
  });

  it("refuses forged buttons for another user's contract and stale ones after a switch", async () => {
    const user = newUser("Хитрый");
    await signedIn(user, "10001");
    const card = await openProfile(user);
    const victim = await account("10002");
    for (const data of [
      `profile:news:${victim.id}:on`,
      `profile:reminders:${victim.id}:off`,
      `profile:days:${victim.id}:5`,
      `profile:email:${victim.id}`,
      `profile:phone:${victim.id}`,
      "profile:days:abc:5",
    ])
      expect(await answerTo(user, user.pressData(card, data))).toBe(outdated);
    expect(await account("10002")).toMatchObject({
      newsOptIn: victim.newsOptIn,
      remindersEnabled: victim.remindersEnabled,
      reminderDaysAhead: victim.reminderDaysAhead,
    });

    await signedIn(user, "10004");
    expect(await answerTo(user, user.press("📰 Присылать новости", { message: card }))).toBe(
      outdated,
    );
    expect((await account("10001")).newsOptIn).toBe(false);
    expect((await account("10004")).newsOptIn).toBe(false);
    expect(current(user, card)?.text).toBe(card.text);
  });

  it("changes the email after the code mailed to the new address, keeping the step on bad input", async () => {
    const user = newUser("Патимат");
    await signedIn(user, "10002");
    await openProfile(user);
    await user.press("✉️ Сменить почту");
    expect((await user.nextBotMessage()).text).toContain("Введите новый адрес электронной почты");

    const badEmail = "Это не похоже на адрес почты";
    await user.sendSticker();
    expect((await user.nextBotMessage()).text).toContain(badEmail);
    await user.send("п".repeat(5000));
    expect((await user.nextBotMessage()).text).toContain(badEmail);
    await user.send("/menu");
    expect((await user.nextBotMessage()).text).toContain(badEmail);
    await user.send("patimat.demo@example.ru");
    expect((await user.nextBotMessage()).text).toContain("Этот адрес уже указан в договоре");

    await user.send("patimat.new@example.ru");
    expect((await user.nextBotMessage()).text).toBe(
      "Код отправлен на patimat.new@example.ru. Введите 6 цифр из письма. Код действует 15 минут. Выйти: /cancel",
    );
    const code = harness.smtp.lastCodeFor("patimat.new@example.ru");
    expect(code).toMatch(/^\d{6}$/);
    mailedCodes.push(code ?? "");
    const mail = harness.smtp.mails.findLast((m) => m.to.includes("patimat.new@example.ru"));
    expect(mail?.subject).toContain("Каспнет");
    expect(mail?.text).toContain("договора 10002");

    await user.sendPhoto();
    expect((await user.nextBotMessage()).text).toContain("Код — это 6 цифр из письма");
    await user.send("12 34");
    expect((await user.nextBotMessage()).text).toContain("Код — это 6 цифр из письма");
    await user.send(code === "000000" ? "111111" : "000000");
    expect((await user.nextBotMessage()).text).toBe("Неверный код. Осталось попыток: 4.");
    await user.send(code ?? "");
    expect((await user.nextBotMessage()).text).toBe("Готово: почта договора 10002 изменена.");
    expect((await user.nextBotMessage()).text).toContain("Эл. почта: pa***@example.ru");
    expect((await account("10002")).email).toBe("patimat.new@example.ru");
  });

  it("leaves the email change on /cancel", async () => {
    const user = newUser("Передумал");
    await signedIn(user, "10005");
    await openProfile(user);
    await user.press("✉️ Сменить почту");
    await user.nextBotMessage();
    await user.send("ahmed.new@example.ru");
    expect((await user.nextBotMessage()).text).toContain("Код отправлен");
    mailedCodes.push(harness.smtp.lastCodeFor("ahmed.new@example.ru") ?? "");
    await user.send("/cancel");
    expect((await user.nextBotMessage()).text).toBe("Действие прервано. Главное меню: /menu");
    expect((await openProfile(user)).text).toContain("👤 Профиль — договор 10005");
    expect((await account("10005")).email).toBe("ahmed.demo@example.ru");
  });

  it("changes the phone by the user's own contact and refuses someone else's", async () => {
    const user = newUser("Руслан");
    const other = newUser("Сосед");
    await signedIn(user, "10001");
    await openProfile(user);
    await user.press("📱 Сменить телефон");
    expect((await user.nextBotMessage()).text).toContain("«📱 Отправить мой номер»");
    expect(user.replyKeyboard()?.keyboard.flat()).toEqual([
      expect.objectContaining({ text: "📱 Отправить мой номер", request_contact: true }),
    ]);

    for (const input of ["+7 928 999-99-99", "/profile"]) {
      await user.send(input);
      expect((await user.nextBotMessage()).text).toContain(
        "Нажмите кнопку «📱 Отправить мой номер»",
      );
    }
    const staleCard = await user.press("📰 Присылать новости");
    expect((await user.waitForCallbackAnswer(staleCard)).text).toContain(
      "Нажмите кнопку «📱 Отправить мой номер»",
    );
    await user.shareContact({ phone: "+79289999999", userId: other.id });
    expect((await user.nextBotMessage()).text).toContain("Это контакт другого человека");
    await user.shareContact({ phone: "+44 20 7946 0000" });
    expect((await user.nextBotMessage()).text).toContain("не похож на российский");
    expect((await account("10001")).phone).toBe("+79280000001");

    await user.shareContact({ phone: "79285554433" });
    expect((await user.nextBotMessage()).text).toBe(
      "Готово: телефон договора 10001 изменён на +7 928 555-44-33.",
    );
    expect((await user.nextBotMessage()).text).toContain("Телефон: +7 928 555-44-33");
    expect(user.replyKeyboard()).toBeUndefined();
    expect((await account("10001")).phone).toBe("+79285554433");
  });

  it("never writes a code to the log", () => {
    const log = harness.logs.lines.join("\n");
    expect(log.length).toBeGreaterThan(0);
    expect(mailedCodes).toHaveLength(2);
    for (const code of mailedCodes) {
      expect(code).toMatch(/^\d{6}$/);
      expect(log).not.toContain(code);
    }
  });
});
