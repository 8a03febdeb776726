// /trust through the emulator, on the demo contracts: the offer and the grant that unblocks 10002,
// refusals that say why, buttons for another contract, the reminder (once, in each user's language,
// with a top-up button) and the return at the end, in the history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage, UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { jobRunner } from "../support/jobs.ts";
import { noPostgres } from "../support/require-services.ts";
import { inlineButtons, signedIn } from "../support/sign-in.ts";

const nbsp = "\u00a0";
const hour = 60 * 60 * 1000;

describe.skipIf(noPostgres)("trust payment", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness?.stop());

  const db = () => harness.database.prisma;
  const newUser = (firstName: string, languageCode = "ru") =>
    harness.emulator.user({ firstName, languageCode });
  const account = (login: string) => db().account.findUniqueOrThrow({ where: { login } });
  const runJob = (name: "trust-reminder" | "trust-expiry") => jobRunner(harness)(name);
  /** The message as it is now, once `check` holds for it (edits are applied). */
  const edited = (user: UserDriver, message: ChatMessage, check: (text: string) => boolean) =>
    user.waitFor(() => {
      const current = user.messages().find((m) => m.message_id === message.message_id);
      return current?.text && check(current.text) ? current : undefined;
    });
  const answerTo = async (user: UserDriver, message: ChatMessage, data: string) => {
    const query = await user.pressData(message, data);
    return harness.emulator.waitForCall(
      "answerCallbackQuery",
      (call) => call.params.callback_query_id === query.id,
    );
  };

  let patimat: UserDriver;

  it("asks an unlinked user to sign in", async () => {
    const guest = newUser("Гость");
    await guest.send("/trust");
    const reply = await guest.nextBotMessage();
    expect(reply.text).toContain("Доверительный платёж можно взять после входа");
    expect(inlineButtons(reply)).toEqual(["🔑 Войти в личный кабинет"]);
  });

  it("offers a blocked contract the fee, and the grant unblocks it", async () => {
    patimat = newUser("Патимат");
    await signedIn(patimat, "10002");
    await patimat.send("/trust");
    const offer = await patimat.nextBotMessage();
    expect(offer.text).toContain("🤝 Доверительный платёж · договор 10002");
    expect(offer.text).toContain(`Сумма: 450,00${nbsp}₽`);
    expect(offer.text).toMatch(/Срок: 3 дня, до \d\d\.\d\d, \d\d:\d\d/);
    expect(offer.text).toContain(`Баланс после зачисления: 270,00${nbsp}₽`);
    expect(offer.text).toContain("Доступно за 30 дней: 1 из 1");
    expect(inlineButtons(offer)).toEqual(["✅ Взять", "✖️ Не нужно"]);

    await patimat.press("✅ Взять");
    const granted = await edited(patimat, offer, (text) => text.startsWith("✅"));
    expect(granted.text).toContain(
      `Доверительный платёж 450,00${nbsp}₽ зачислен на договор 10002 до`,
    );
    expect(granted.text).toContain(`Баланс: 270,00${nbsp}₽`);
    expect(granted.text).toContain("Доступ в интернет восстановлен ✅");
    expect(granted.text).toContain("Ещё можно взять в этом периоде: 0");
    expect(inlineButtons(granted)).toEqual(["💳 Пополнить картой", "💰 Баланс"]);
    expect(await account("10002")).toMatchObject({ status: "ACTIVE", balance: 270_00 });

    // A second tap on the same offer, and a second /trust: already active.
    await answerTo(patimat, offer, inlineButtonData(offer, "✅ Взять"));
    expect((await patimat.nextBotMessage()).text).toContain(
      "По договору 10002 уже действует доверительный платёж",
    );
    await patimat.send("/trust");
    expect((await patimat.nextBotMessage()).text).toMatch(
      /уже действует доверительный платёж 450,00\s₽ до \d\d\.\d\d, \d\d:\d\d/,
    );
    expect(await db().trustPayment.count({ where: { account: { login: "10002" } } })).toBe(1);

    await patimat.send("/balance");
    const card = await patimat.nextBotMessage();
    expect(card.text).toContain("Статус: активен ✅");
    expect(card.text).toContain(`Доверительный платёж: 450,00${nbsp}₽ до`);
    await patimat.press("📜 История платежей");
    expect((await patimat.nextBotMessage()).text).toContain(
      `доверительный платёж · +450,00${nbsp}₽`,
    );
  });

  it("refuses a contract whose balance is fine, from the balance card's button", async () => {
    const ruslan = newUser("Руслан");
    await signedIn(ruslan, "10001");
    await ruslan.send("/balance");
    await ruslan.nextBotMessage();
    await ruslan.press("🤝 Доверительный платёж");
    const reply = await ruslan.nextBotMessage();
    expect(reply.text).toContain(`Баланса договора 10001 (1${nbsp}250,00${nbsp}₽) хватает`);
    expect(reply.text).toMatch(/на следующее списание \(2\d,\d\d\s₽\)/);
    expect(inlineButtons(reply)).toEqual([]);
  });

  it("refuses a closed contract, from the main menu", async () => {
    const ahmed = newUser("Ахмед");
    await signedIn(ahmed, "10005");
    await ahmed.press("🤝 Доверительный платёж");
    expect((await ahmed.nextBotMessage()).text).toBe(
      "Договор 10005 расторгнут — доверительный платёж по нему недоступен.",
    );
  });

  it("grants nothing for a button naming another contract or a stale amount; cancels", async () => {
    const sergey = newUser("Сергей");
    const menu = await signedIn(sergey, "10003");
    const other = await account("10004");
    const answer = await answerTo(sergey, menu, `trust:yes:${other.id}:85000`);
    expect(answer.params.text).toBe("Эта кнопка устарела. Откройте меню заново: /menu");
    expect(await db().trustPayment.count({ where: { accountId: other.id } })).toBe(0);
    expect((await account("10004")).balance).toBe(2300_00);

    // 10003 spends down to 10 ₽, less than tomorrow's 20 ₽: an offer of 600 ₽.
    const own = await account("10003");
    await db().$transaction(async (tx) => {
      await tx.account.update({ where: { id: own.id }, data: { balance: { decrement: 30_00 } } });
      await tx.ledgerEntry.create({
        data: {
          accountId: own.id,
          amount: -30_00,
          kind: "ADJUSTMENT",
          idempotencyKey: "test:spent:10003",
          balanceAfter: own.balance - 30_00,
        },
      });
    });
    await answerTo(sergey, menu, `trust:yes:${own.id}:45000`);
    const changed = await edited(sergey, menu, (text) => text.startsWith("Сумма изменилась"));
    expect(changed.text).toContain(`Сумма: 600,00${nbsp}₽`);
    expect(await db().trustPayment.count({ where: { accountId: own.id } })).toBe(0);
    await sergey.press("✖️ Не нужно");
    await edited(sergey, menu, (text) => text === "Хорошо, доверительный платёж не оформлен.");
    expect(await db().trustPayment.count({ where: { accountId: own.id } })).toBe(0);
  });

  it("reminds every linked user once, in their language, a day before the end; then takes it back", async () => {
    const pat = newUser("Pat", "en");
    await signedIn(pat, "10002");
    const trust = await db().trustPayment.findFirstOrThrow({
      where: { account: { login: "10002" }, status: "ACTIVE" },
    });
    await db().trustPayment.update({
      where: { id: trust.id },
      data: { expiresAt: new Date(Date.now() + 23 * hour) },
    });

    expect(await runJob("trust-reminder")).toMatchObject({ due: 1, sent: 2 });
    expect(await runJob("trust-reminder")).toMatchObject({ due: 1, sent: 0 });
    const reminder = await patimat.nextBotMessage();
    expect(reminder.text).toMatch(
      /^⏰ Доверительный платёж по договору 10002 заканчивается \d\d\.\d\d, \d\d:\d\d/,
    );
    expect(reminder.text).toContain(`после списания будет −180,00${nbsp}₽`);
    expect(reminder.text).toContain(`пополните баланс хотя бы на 180,00${nbsp}₽`);
    expect(inlineButtons(reminder)).toEqual(["💳 Пополнить картой"]);
    const english = await pat.nextBotMessage();
    expect(english.text).toContain("The trust payment on contract 10002 ends");
    expect(inlineButtons(english)).toEqual(["💳 Top up by card"]);
    await patimat.send("/menu");
    await patimat.nextBotMessage();
    expect(patimat.messages().filter((m) => m.text?.startsWith("⏰"))).toHaveLength(1);
    expect(pat.messages().filter((m) => m.text?.startsWith("⏰"))).toHaveLength(1);

    await db().trustPayment.update({
      where: { id: trust.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await runJob("trust-expiry")).toMatchObject({
      expired: 1,
      repaid: 0,
      blocked: 1,
      sent: 2,
    });
    expect(await runJob("trust-expiry")).toMatchObject({
      expired: 0,
      repaid: 0,
      blocked: 0,
      sent: 0,
    });
    expect(await account("10002")).toMatchObject({ status: "BLOCKED", balance: -180_00 });
    // Both linked users are told the service stopped, each once, in their language.
    const blocked = await patimat.nextBotMessage();
    expect(blocked.text).toBe(
      [
        `⛔ Договор 10002: услуги приостановлены — на балансе −180,00${nbsp}₽.`,
        `Пополните баланс хотя бы на 180,00${nbsp}₽, и интернет включится сам. Если деньги придут позже, возьмите доверительный платёж.`,
      ].join("\n"),
    );
    expect(inlineButtons(blocked)).toEqual(["💳 Пополнить картой", "🤝 Доверительный платёж"]);
    expect((await pat.nextBotMessage()).text).toContain("Contract 10002: the service is suspended");
    await patimat.send("/balance");
    await patimat.nextBotMessage();
    await patimat.press("📜 История платежей");
    const history = await patimat.nextBotMessage();
    expect(history.text).toContain(`возврат доверительного платежа · −450,00${nbsp}₽`);
    expect(history.text).toContain(`доверительный платёж · +450,00${nbsp}₽`);
  });

  it("logged no failure on the way", () => {
    expect(harness.logs.entries().filter((entry) => Number(entry.level) >= 40)).toEqual([]);
  });
});

function inlineButtonData(message: ChatMessage, text: string): string {
  const button = message.reply_markup?.inline_keyboard
    .flat()
    .find((candidate) => candidate.text === text);
  if (!button || !("callback_data" in button) || !button.callback_data) {
    throw new Error(`no button ${text}`);
  }
  return button.callback_data;
}
