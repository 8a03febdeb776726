// Password recovery by a mailed code, and password change with the current password.
import { describe, expect, it } from "vitest";
import { demoPassword } from "../../prisma/seed.ts";
import type { UserDriver } from "../emulator/index.ts";
import { useHarness } from "../support/bot-harness.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { inlineButtons, signedIn, signInThroughBot } from "../support/sign-in.ts";

describe.skipIf(noPostgres || noRedis)("password recovery and change", () => {
  const harness = useHarness({ redis: true });

  const newUser = (firstName: string, languageCode = "ru") =>
    harness.emulator.user({ firstName, languageCode });
  const deleted = (user: UserDriver, text: string) =>
    user
      .history()
      .filter((message) => message.text === text)
      .every((message) => message.deleted);

  it("recovers the password with a code sent to the contract's email, and tells the others", async () => {
    const relative = newUser("Relative", "en");
    await signedIn(relative, "10001");
    const user = newUser("Руслан");
    const refused = await signInThroughBot(user, "10001", "forgotten-one");
    expect(inlineButtons(refused)).toEqual(["🔁 Попробовать снова", "Забыли пароль?"]);

    await user.press("Забыли пароль?");
    expect((await user.nextBotMessage()).text).toContain("Восстановление пароля. Введите логин");
    await user.send("10001");
    expect((await user.nextBotMessage()).text).toBe(
      "Код отправлен на ru***@example.ru. Введите 6 цифр из письма. Код действует 15 минут.",
    );
    const code = await user.waitFor(() => harness.smtp.lastCodeFor("ruslan.demo@example.ru"));
    const mail = harness.smtp.mails.at(-1);
    expect(mail).toMatchObject({
      from: '"Каспнет" <noreply@kaspnet.ru>',
      subject: "Каспнет: код для смены пароля",
    });
    expect(mail?.text).toContain(`Код для смены пароля к договору 10001: ${code}`);

    await user.send(code === "000000" ? "111111" : "000000");
    expect((await user.nextBotMessage()).text).toBe("Неверный код. Осталось попыток: 4.");
    await user.send(code);
    expect((await user.nextBotMessage()).text).toContain("Придумайте новый пароль");
    await user.waitFor(() => deleted(user, code));

    for (const [weak, answer] of [
      ["short", "от 8 до 64 символов"],
      ["12345678", "только из цифр"],
    ] as const) {
      await user.send(weak);
      expect((await user.nextBotMessage()).text).toContain(answer);
    }
    await user.send("/menu");
    expect((await user.nextBotMessage()).text).toBe(
      "Пришлите новый пароль текстом или /cancel, чтобы выйти.",
    );
    await user.send("Kaspiysk-2026!");
    expect((await user.nextBotMessage()).text).toBe("Пароль договора 10001 изменён.");
    expect((await user.nextBotMessage()).text).toContain("Договор 10001");
    await user.waitFor(() => deleted(user, "Kaspiysk-2026!") && deleted(user, "short"));
    expect((await relative.nextBotMessage()).text).toBe(
      "The password of contract 10001 has been changed. If it was not you, call us: 8 800 700-54-05.",
    );

    const other = newUser("Проверка");
    expect((await signInThroughBot(other, "10001", demoPassword)).text).toContain(
      "Неверный логин или пароль",
    );
    expect((await signInThroughBot(other, "10001", "Kaspiysk-2026!")).text).toContain("Вы вошли");
  });

  it("sends no code for a contract without email, and answers an unknown login the same way", async () => {
    const user = newUser("Аминат");
    const replies: string[] = [];
    for (const login of ["10004", "55555"]) {
      await signInThroughBot(user, login, "whatever-1");
      await user.press("Забыли пароль?");
      await user.nextBotMessage();
      await user.send(login);
      replies.push((await user.nextBotMessage()).text ?? "");
    }
    expect(replies[0]).toContain("8 800 700-54-05");
    expect(replies[0]).toContain("ул. Ленина 52а");
    expect(replies[1]).toBe(replies[0]);
  });

  it("stops a code after 5 wrong tries", async () => {
    const user = newUser("Сергей");
    await signInThroughBot(user, "10003", "nope-nope");
    await user.press("Забыли пароль?");
    await user.nextBotMessage();
    await user.send("10003");
    await user.nextBotMessage();
    const code = await user.waitFor(() => harness.smtp.lastCodeFor("sergey.demo@example.ru"));
    const wrong = code === "999999" ? "999998" : "999999";
    for (let left = 4; left >= 1; left--) {
      await user.send(wrong);
      expect((await user.nextBotMessage()).text).toBe(`Неверный код. Осталось попыток: ${left}.`);
    }
    await user.send(wrong);
    expect((await user.nextBotMessage()).text).toBe("Код больше не действует. Запросите новый.");
    await user.send(code);
    expect((await user.nextBotMessage()).text).toContain("Не понял сообщение");
  });

  it("changes the password with the current one; /cancel leaves the new-password step", async () => {
    const user = newUser("Патимат");
    const menu = await signedIn(user, "10005");
    await user.pressData(menu, "password:change");
    expect((await user.nextBotMessage()).text).toContain("Смена пароля договора 10005");
    await user.send("wrong-current");
    expect((await user.nextBotMessage()).text).toBe("Неверный текущий пароль.");

    await user.pressData(menu, "password:change");
    await user.nextBotMessage();
    await user.send(demoPassword);
    expect((await user.nextBotMessage()).text).toContain("Придумайте новый пароль");
    await user.send("/cancel");
    expect((await user.nextBotMessage()).text).toBe("Действие прервано. Главное меню: /menu");
    await user.send("Novyi-parol-1");
    expect((await user.nextBotMessage()).text).toContain("Не понял сообщение");

    await user.pressData(menu, "password:change");
    await user.nextBotMessage();
    await user.send(demoPassword);
    await user.nextBotMessage();
    await user.send("10005");
    expect((await user.nextBotMessage()).text).toContain("от 8 до 64 символов");
    await user.send("Novyi-parol-2");
    expect((await user.nextBotMessage()).text).toBe("Пароль договора 10005 изменён.");
    await user.waitFor(
      () =>
        deleted(user, demoPassword) &&
        deleted(user, "wrong-current") &&
        deleted(user, "Novyi-parol-2"),
    );
  });

  it("never writes a password or a code to the log", () => {
    const log = harness.logs.lines.join("\n");
    const codes = harness.smtp.mails
      .map((mail) => mail.text.match(/\b(\d{6})\b/)?.[1])
      .filter(Boolean);
    expect(codes.length).toBeGreaterThan(1);
    for (const secret of [
      demoPassword,
      "Kaspiysk-2026!",
      "Novyi-parol-2",
      "forgotten-one",
      ...codes,
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it("keeps no password or code in the inbox of updates once they are handled", async () => {
    // But the code sent after it stopped working: by then it is a message like any other.
    const codes = harness.smtp.mails
      .filter((mail) => !mail.to.includes("sergey.demo@example.ru"))
      .map((mail) => mail.text.match(/\b(\d{6})\b/)?.[1])
      .filter((code): code is string => code !== undefined);
    expect(codes.length).toBeGreaterThan(0);
    await expect
      .poll(() => harness.database.prisma.inboundUpdate.count({ where: { handledAt: null } }))
      .toBe(0);
    const stored = (await harness.database.prisma.inboundUpdate.findMany()).map((row) =>
      JSON.stringify(row.payload),
    );
    expect(stored.some((json) => json.includes('"text":"/cancel"'))).toBe(true);
    for (const secret of [demoPassword, "Kaspiysk-2026!", "Novyi-parol-2", ...codes]) {
      expect(
        stored.filter((json) => json.includes(`"text":"${secret}"`)),
        secret,
      ).toEqual([]);
    }
  });
});
