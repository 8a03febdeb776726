// /login through the emulator: password and phone sign-in, lockout, bad input, several contracts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPassword } from "../../prisma/seed.ts";
import type { UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { inlineButtons } from "../support/sign-in.ts";

describe.skipIf(noPostgres || noRedis)("signing in from Telegram", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ redis: true });
  });
  afterAll(() => harness?.stop());

  const newUser = (firstName: string) => harness.emulator.user({ firstName, languageCode: "ru" });

  async function signIn(user: UserDriver, login: string, password: string) {
    await user.send("/login");
    expect((await user.nextBotMessage()).text).toContain("Введите логин из договора");
    await user.send(login);
    expect((await user.nextBotMessage()).text).toContain("Теперь введите пароль");
    await user.send(password);
    return user.nextBotMessage();
  }

  const wasDeleted = (user: UserDriver, text: string) =>
    user
      .history()
      .filter((message) => message.text === text)
      .every((message) => message.deleted);

  it("links the contract with login and password, deletes the password and shows the menu", async () => {
    const user = newUser("Руслан");
    await user.send("/login");
    await user.nextBotMessage();
    expect(user.replyKeyboard()?.keyboard.flat()).toEqual([
      expect.objectContaining({ text: "📱 Отправить мой номер", request_contact: true }),
    ]);
    await user.send("10001");
    await user.nextBotMessage();
    await user.send(demoPassword);

    expect((await user.nextBotMessage()).text).toBe(
      "Вы вошли в личный кабинет: договор 10001, Магомедов Руслан Ахмедович.",
    );
    const menu = await user.nextBotMessage();
    expect(menu.text).toContain("Договор 10001: Магомедов Руслан Ахмедович");
    expect(inlineButtons(menu)).toContain("💰 Баланс");
    await user.waitFor(() => wasDeleted(user, demoPassword));
    expect(user.history().some((message) => message.text === demoPassword)).toBe(true);
  });

  it("keeps no copy of the password in the inbox of updates once it is handled", async () => {
    const user = newUser("Тимур");
    const password = "inbox-must-forget-1";
    await signIn(user, "99999", password);
    await user.waitFor(() => wasDeleted(user, password));
    const stored = async () =>
      (await harness.database.prisma.inboundUpdate.findMany({ orderBy: { updateId: "asc" } }))
        .map((row) => ({ handled: row.handledAt !== null, json: JSON.stringify(row.payload) }))
        .filter(({ json }) => json.includes(`"id":${user.id}`));
    await user.waitFor(async () => {
      const rows = await stored();
      return rows.length > 0 && rows.every(({ handled }) => handled);
    });
    const rows = await stored();
    expect(rows.some(({ json }) => json.includes('"text":"99999"'))).toBe(true);
    expect(rows.filter(({ json }) => json.includes(password))).toEqual([]);
  });

  it("answers a wrong login exactly as a wrong password, and deletes the password either way", async () => {
    const user = newUser("Гость");
    const wrongPassword = await signIn(user, "10004", "wrong-password-1");
    const wrongLogin = await signIn(user, "77777", "wrong-password-2");
    expect(wrongPassword.text).toBe(
      "Неверный логин или пароль. Проверьте раскладку клавиатуры и попробуйте ещё раз.",
    );
    expect(wrongLogin.text).toBe(wrongPassword.text);
    expect(inlineButtons(wrongLogin)).toEqual(["🔁 Попробовать снова", "Забыли пароль?"]);
    await user.waitFor(
      () => wasDeleted(user, "wrong-password-1") && wasDeleted(user, "wrong-password-2"),
    );

    await user.press("🔁 Попробовать снова");
    expect((await user.nextBotMessage()).text).toContain("Введите логин из договора");
    await user.send("/cancel");
    expect((await user.nextBotMessage()).text).toBe("Действие прервано. Главное меню: /menu");
  });

  it("locks the login after 5 wrong passwords, also for its owner and after a restart", async () => {
    const attacker = newUser("Подбор");
    for (let i = 1; i < 5; i++) {
      expect((await signIn(attacker, "10002", `guess-${i}`)).text).toContain(
        "Неверный логин или пароль",
      );
    }
    const locked = await signIn(attacker, "10002", "guess-5");
    expect(locked.text).toMatch(
      /^Вход по этому договору временно заблокирован .* после \d\d:\d\d\.$/,
    );

    await harness.restart();
    const owner = newUser("Патимат");
    const stillLocked = await signIn(owner, "10002", demoPassword);
    expect(stillLocked.text).toBe(locked.text);
    await owner.waitFor(() => wasDeleted(owner, demoPassword));
    const account = await harness.database.prisma.account.findUniqueOrThrow({
      where: { login: "10002" },
    });
    expect(account.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(
      await harness.database.prisma.accountLink.count({ where: { accountId: account.id } }),
    ).toBe(0);
  });

  it("keeps the step on bad input and explains what it expects", async () => {
    const user = newUser("Ошибка");
    await user.send("/login");
    await user.nextBotMessage();
    await user.sendSticker();
    expect((await user.nextBotMessage()).text).toContain("Логин — это номер договора");
    await user.send("а".repeat(5000));
    expect((await user.nextBotMessage()).text).toContain("Логин — это номер договора");
    await user.send("/menu");
    expect((await user.nextBotMessage()).text).toContain("Логин — это номер договора");
    const staleMenu = await user.pressData(
      user.messages()[0] ?? (await user.nextBotMessage()),
      "menu:help",
    );
    const staleAnswer = await harness.emulator.waitForCall(
      "answerCallbackQuery",
      (call) => call.params.callback_query_id === staleMenu.id,
    );
    expect(staleAnswer.params.text).toContain("Логин — это номер договора");
    await user.send("10003");
    expect((await user.nextBotMessage()).text).toContain("Теперь введите пароль");
    await user.sendPhoto();
    expect((await user.nextBotMessage()).text).toBe(
      "Пришлите пароль текстом или /cancel, чтобы выйти.",
    );
    await user.send(demoPassword);
    expect((await user.nextBotMessage()).text).toContain("договор 10003");
  });

  it("links by the user's own phone and refuses someone else's or an unknown number", async () => {
    const sergey = newUser("Сергей");
    const stranger = newUser("Чужой");
    await sergey.send("/login");
    await sergey.nextBotMessage();
    await sergey.shareContact({ phone: "+79280000001", userId: stranger.id });
    expect((await sergey.nextBotMessage()).text).toContain("Это контакт другого человека");

    await sergey.shareContact({ phone: "+7 999 000-00-00" });
    expect((await sergey.nextBotMessage()).text).toContain(
      "Этот номер не указан ни в одном договоре",
    );

    await sergey.shareContact({ phone: "79280000003" });
    expect((await sergey.nextBotMessage()).text).toBe(
      "Вы вошли в личный кабинет: договор 10003, Иванов Сергей Петрович.",
    );
    expect((await sergey.nextBotMessage()).text).toContain("Договор 10003");
  });

  it("adds a second contract, switches between them, and refuses a forged switch", async () => {
    const user = newUser("Семья");
    await signIn(user, "10001", demoPassword);
    await user.nextBotMessage();
    await signIn(user, "10004", demoPassword);
    const menu = await user.nextBotMessage();
    expect(menu.text).toContain("Договор 10004");
    expect(inlineButtons(menu)).toContain("🔁 Сменить договор (2)");

    await user.press("🔁 Сменить договор (2)");
    const list = await user.nextBotMessage();
    expect(inlineButtons(list)).toEqual([
      "10001 · Магомедов Руслан Ахмедович",
      "✅ 10004 · Гаджиева Аминат Расуловна",
    ]);
    await user.press("10001 · Магомедов Руслан Ахмедович");
    expect((await user.nextBotMessage()).text).toContain("Договор 10001");

    const foreign = await harness.database.prisma.account.findUniqueOrThrow({
      where: { login: "10005" },
    });
    const query = await user.pressData(list, `switch:${foreign.id}`);
    const refusal = await harness.emulator.waitForCall(
      "answerCallbackQuery",
      (call) => call.params.callback_query_id === query.id,
    );
    expect(refusal.params.text).toBe("Эта кнопка устарела. Откройте меню заново: /menu");
    await user.send("/menu");
    expect((await user.nextBotMessage()).text).toContain("Договор 10001");
  });

  it("never writes a password to the log", () => {
    const log = harness.logs.lines.join("\n");
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [demoPassword, "wrong-password-1", "guess-5"])
      expect(log).not.toContain(secret);
  });
});
