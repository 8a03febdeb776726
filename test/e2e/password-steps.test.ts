// What a password step does with a message that cannot be a password (a command, a text longer
// than any password): deleted, not checked, no try counted, a hint, and the step stays.
import { describe, expect, it } from "vitest";
import { demoPassword } from "../../prisma/seed.ts";
import type { UserDriver } from "../emulator/index.ts";
import { useHarness } from "../support/bot-harness.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { signedIn } from "../support/sign-in.ts";

const longText = "п".repeat(5000);
const commandHint = {
  ru: "Это похоже на команду, а я жду пароль. Сообщение я удалил и как пароль не проверял. Пришлите пароль или /cancel, чтобы выйти.",
  en: "This looks like a command, and I am waiting for the password. I deleted the message and did not check it as a password. Send the password, or /cancel to leave.",
};
const tooLongHint = {
  ru: "Пароль не длиннее 64 символов, а это сообщение длиннее. Я его удалил и как пароль не проверял. Пришлите пароль или /cancel, чтобы выйти.",
  en: "A password is at most 64 characters, and this message is longer. I deleted it and did not check it as a password. Send the password, or /cancel to leave.",
};
const cancelled = "Действие прервано. Главное меню: /menu";

describe.skipIf(noPostgres || noRedis)("password steps and what is not a password", () => {
  const harness = useHarness({ redis: true });

  const newUser = (firstName: string, languageCode = "ru") =>
    harness.emulator.user({ firstName, languageCode });
  const attempts = (user: UserDriver) =>
    harness.database.prisma.loginAttempt.count({ where: { telegramUserId: BigInt(user.id) } });
  const account = (login: string) =>
    harness.database.prisma.account.findUniqueOrThrow({ where: { login } });
  const allDeleted = (user: UserDriver, ...texts: string[]) =>
    user.waitFor(() =>
      texts.every((text) => {
        const sent = user.history().filter((message) => message.text === text);
        return sent.length > 0 && sent.every((message) => message.deleted);
      }),
    );

  /** Sends what is not a password at the current step and expects the hint, the step kept. */
  async function notPasswords(user: UserDriver, language: "ru" | "en") {
    await user.send("/balance");
    expect((await user.nextBotMessage()).text).toBe(commandHint[language]);
    await user.send(longText);
    expect((await user.nextBotMessage()).text).toBe(tooLongHint[language]);
    await allDeleted(user, "/balance", longText);
  }

  it("/login: a command or a 5,000-character text is deleted and not checked; the password still signs in", async () => {
    const user = newUser("Сергей");
    const before = await account("10003");
    await user.send("/login");
    await user.nextBotMessage();
    await user.send("10003");
    expect((await user.nextBotMessage()).text).toContain("Теперь введите пароль");

    await notPasswords(user, "ru");
    // More of them than the hourly limit of tries allows: none of them is a try.
    for (let i = 0; i < 11; i++) {
      await user.send(`/menu${i}`);
      expect((await user.nextBotMessage()).text).toBe(commandHint.ru);
    }
    expect(await attempts(user)).toBe(0);
    expect(await account("10003")).toMatchObject({
      failedLoginCount: before.failedLoginCount,
      lockedUntil: before.lockedUntil,
    });

    await user.send(demoPassword);
    expect((await user.nextBotMessage()).text).toBe(
      "Вы вошли в личный кабинет: договор 10003, Иванов Сергей Петрович.",
    );
    expect((await user.nextBotMessage()).text).toContain("Договор 10003");
    await allDeleted(user, demoPassword);
    expect(
      await harness.database.prisma.loginAttempt.findMany({
        where: { telegramUserId: BigInt(user.id) },
        select: { login: true, success: true },
      }),
    ).toEqual([{ login: "10003", success: true }]);
  });

  it("/login: /cancel still leaves the password step", async () => {
    const user = newUser("Передумал");
    await user.send("/login");
    await user.nextBotMessage();
    await user.send("10001");
    await user.nextBotMessage();
    await user.send("/balance");
    expect((await user.nextBotMessage()).text).toBe(commandHint.ru);
    await user.send("/cancel");
    expect((await user.nextBotMessage()).text).toBe(cancelled);
    await user.send(demoPassword);
    expect((await user.nextBotMessage()).text).toContain("Не понял сообщение");
    expect(await attempts(user)).toBe(0);
  });

  it("sign out everywhere: the hint in the user's language, no try counted, then the password works", async () => {
    const owner = newUser("Owner", "en");
    await signedIn(owner, "10001");
    const triesBefore = await attempts(owner);
    const before = await account("10001");

    await owner.send("/logout");
    await owner.nextBotMessage();
    await owner.press("🔒 Sign out everywhere (10001)");
    expect((await owner.nextBotMessage()).text).toContain("enter the contract's password");
    await notPasswords(owner, "en");
    expect(await attempts(owner)).toBe(triesBefore);
    expect((await account("10001")).failedLoginCount).toBe(before.failedLoginCount);
    expect(
      await harness.database.prisma.accountLink.count({ where: { accountId: before.id } }),
    ).toBeGreaterThan(0);

    await owner.send(demoPassword);
    expect((await owner.nextBotMessage()).text).toBe(
      "Done: contract 10001 is unlinked from every Telegram account, this one included.",
    );
    expect(
      await harness.database.prisma.accountLink.count({ where: { accountId: before.id } }),
    ).toBe(0);
    expect(await attempts(owner)).toBe(triesBefore + 1);
  });

  it("sign out everywhere: /cancel leaves the password step and signs nobody out", async () => {
    const user = newUser("Оставлю");
    await signedIn(user, "10002");
    await user.send("/logout");
    await user.nextBotMessage();
    await user.press("🔒 Выйти на всех устройствах (10002)");
    await user.nextBotMessage();
    await user.send(longText);
    expect((await user.nextBotMessage()).text).toBe(tooLongHint.ru);
    await user.send("/cancel");
    expect((await user.nextBotMessage()).text).toBe(cancelled);
    expect(
      await harness.database.prisma.accountLink.count({
        where: { telegramUserId: BigInt(user.id) },
      }),
    ).toBe(1);
  });

  it("password change: neither the current- nor the new-password step takes a command or a long text", async () => {
    const user = newUser("Аминат");
    const menu = await signedIn(user, "10004");
    const triesBefore = await attempts(user);
    const before = await account("10004");

    await user.pressData(menu, "password:change");
    expect((await user.nextBotMessage()).text).toContain("Смена пароля договора 10004");
    await notPasswords(user, "ru");
    expect(await attempts(user)).toBe(triesBefore);
    expect((await account("10004")).failedLoginCount).toBe(before.failedLoginCount);

    await user.send(demoPassword);
    expect((await user.nextBotMessage()).text).toContain("Придумайте новый пароль");
    expect(await attempts(user)).toBe(triesBefore + 1);

    // The new-password step: a command is deleted too (it may be a password typed with a slash).
    await user.send("/balance-2026");
    expect((await user.nextBotMessage()).text).toBe(
      "Пришлите новый пароль текстом или /cancel, чтобы выйти.",
    );
    await user.send(longText);
    expect((await user.nextBotMessage()).text).toBe(
      "Пароль должен быть от 8 до 64 символов. Придумайте другой.",
    );
    await allDeleted(user, "/balance-2026");
    expect((await account("10004")).passwordHash).toBe(before.passwordHash);

    await user.send("Novyi-parol-4");
    expect((await user.nextBotMessage()).text).toBe("Пароль договора 10004 изменён.");
    await allDeleted(user, "Novyi-parol-4");
    expect((await account("10004")).passwordHash).not.toBe(before.passwordHash);
  });

  it("password change: /cancel still leaves the current-password step", async () => {
    const user = newUser("Руслан");
    const menu = await signedIn(user, "10005");
    await user.pressData(menu, "password:change");
    await user.nextBotMessage();
    await user.send("/balance");
    expect((await user.nextBotMessage()).text).toBe(commandHint.ru);
    await user.send("/cancel");
    expect((await user.nextBotMessage()).text).toBe(cancelled);
    await user.send(demoPassword);
    expect((await user.nextBotMessage()).text).toContain("Не понял сообщение");
  });

  it("never writes a password to the log", () => {
    const log = harness.logs.lines.join("\n");
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [demoPassword, "Novyi-parol-4", longText.slice(0, 64)])
      expect(log).not.toContain(secret);
  });
});
