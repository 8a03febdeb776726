// /logout: one contract, all of them, or every device after the password.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPassword } from "../../prisma/seed.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres } from "../support/require-services.ts";
import { inlineButtons, signedIn } from "../support/sign-in.ts";

describe.skipIf(noPostgres)("signing out", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness?.stop());

  const newUser = (firstName: string) => harness.emulator.user({ firstName, languageCode: "ru" });
  const links = (userId: number) =>
    harness.database.prisma.accountLink.count({ where: { telegramUserId: BigInt(userId) } });

  it("tells a user who is not signed in", async () => {
    const user = newUser("Новый");
    await user.send("/logout");
    expect((await user.nextBotMessage()).text).toBe("Вы не вошли ни в один договор. Войти: /login");
  });

  it("signs out of the active contract and shows the newcomer's menu", async () => {
    const user = newUser("Руслан");
    await signedIn(user, "10001");
    await user.send("/logout");
    const choice = await user.nextBotMessage();
    expect(choice.text).toContain("Сейчас открыт договор 10001");
    expect(inlineButtons(choice)).toEqual([
      "🚪 Выйти из договора 10001",
      "🔒 Выйти на всех устройствах (10001)",
      "Остаться",
    ]);
    await user.press("🚪 Выйти из договора 10001");
    const menu = await user.nextBotMessage();
    expect(menu.text).toContain("Чтобы видеть баланс и платежи, войдите");
    expect(user.messages().find((m) => m.message_id === choice.message_id)?.text).toBe(
      "Вы вышли из договора 10001.",
    );
    expect(await links(user.id)).toBe(0);
  });

  it("signs out of all contracts at once", async () => {
    const user = newUser("Семья");
    await signedIn(user, "10001");
    await signedIn(user, "10004");
    await user.send("/logout");
    await user.nextBotMessage();
    await user.press("🚪 Выйти из всех договоров (2)");
    expect((await user.nextBotMessage()).text).toContain("войдите по логину и паролю");
    expect(await links(user.id)).toBe(0);
  });

  it("signs every Telegram account out of a contract after its password, and tells the others", async () => {
    const owner = newUser("Сергей");
    const relative = harness.emulator.user({ firstName: "Relative", languageCode: "en" });
    await signedIn(owner, "10003");
    await signedIn(relative, "10003");

    await owner.send("/logout");
    await owner.nextBotMessage();
    await owner.press("🔒 Выйти на всех устройствах (10003)");
    expect((await owner.nextBotMessage()).text).toContain("введите пароль договора");
    await owner.send("not-the-password");
    expect((await owner.nextBotMessage()).text).toContain("Неверный логин или пароль");
    expect(await links(relative.id)).toBe(1);

    await owner.press("🔒 Выйти на всех устройствах (10003)");
    await owner.nextBotMessage();
    await owner.send(demoPassword);
    expect((await owner.nextBotMessage()).text).toBe(
      "Готово: договор 10003 отвязан от всех Telegram-аккаунтов, включая этот.",
    );
    expect((await relative.nextBotMessage()).text).toBe(
      "You were signed out of contract 10003 on every device at the owner's request. To sign in again: /login",
    );
    await owner.waitFor(() =>
      owner
        .history()
        .filter((m) => m.text === demoPassword || m.text === "not-the-password")
        .every((m) => m.deleted),
    );
    expect(await links(owner.id)).toBe(0);
    expect(await links(relative.id)).toBe(0);
  });

  it("refuses a forged sign-out of a contract the user is not linked to", async () => {
    const user = newUser("Хитрый");
    await signedIn(user, "10001");
    const victim = await harness.database.prisma.account.findUniqueOrThrow({
      where: { login: "10004" },
    });
    const relative = newUser("Владелец");
    await signedIn(relative, "10004");

    await user.send("/logout");
    const choice = await user.nextBotMessage();
    for (const data of [`logout:one:${victim.id}`, `logout:everywhere:${victim.id}`]) {
      const query = await user.pressData(choice, data);
      const answer = await harness.emulator.waitForCall(
        "answerCallbackQuery",
        (call) => call.params.callback_query_id === query.id,
      );
      expect(answer.params.text).toBe("Эта кнопка устарела. Откройте меню заново: /menu");
    }
    expect(await links(relative.id)).toBe(1);
    expect(await links(user.id)).toBe(1);
  });
});
