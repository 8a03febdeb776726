// Card top-up through the emulator's Telegram Payments: presets, a typed amount, checkout
// refusals, and a payment credited once however often Telegram delivers it.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../bot/bot.ts";
import { formatMoney } from "../../bot/format.ts";
import { createI18n } from "../../bot/i18n.ts";
import { switchActiveAccount } from "../../core/accounts/links.ts";
import { builtinBilling } from "../../core/billing/builtin-billing.ts";
import { connectPostgres } from "../../core/db.ts";
import { createMailer } from "../../core/mail.ts";
import type { UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres } from "../support/require-services.ts";
import { inlineButtons, signedIn } from "../support/sign-in.ts";

const rub = (kopecks: number) => formatMoney(kopecks);

/** Another bot process on the same database and Bot API: it handles updates it is handed. */
async function startSecondInstance(harness: Harness) {
  const database = connectPostgres(harness.database.url);
  const bot = createBot({
    config: harness.config,
    db: database.prisma,
    billing: builtinBilling(database.prisma, harness.config),
    redis: undefined,
    logger: harness.logs.logger,
    mailer: createMailer(harness.config.smtpUrl, harness.logs.logger),
    i18n: createI18n(),
  });
  await bot.init();
  return { bot, close: () => database.close() };
}

describe.skipIf(noPostgres)("card top-up", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { PAYMENT_PROVIDER_TOKEN: "381764678:TEST:kaspnet" } });
  });
  afterAll(() => harness?.stop());

  const newUser = (firstName: string) => harness.emulator.user({ firstName, languageCode: "ru" });
  const accountOf = (login: string) =>
    harness.database.prisma.account.findUniqueOrThrow({ where: { login } });
  const nextInvoice = (user: UserDriver) =>
    user.waitFor(() => user.messages().findLast((m) => m.invoice));

  it("pays off a blocked contract's debt with a preset and restores the service", async () => {
    const user = newUser("Патимат");
    await signedIn(user, "10002");
    await user.send("/topup");
    const choice = await user.nextBotMessage();
    expect(choice.text).toBe(
      `Пополнение договора 10002 банковской картой. Баланс: ${rub(-180_00)}. Выберите сумму:`,
    );
    expect(inlineButtons(choice)).toEqual([
      `Абонентская плата за месяц: ${rub(450_00)}`,
      `Погасить долг: ${rub(180_00)}`,
      rub(500_00),
      rub(1000_00),
      "Другая сумма",
      "Я оплатил, а баланс не изменился",
    ]);
    await user.press(`Погасить долг: ${rub(180_00)}`);
    const invoice = await nextInvoice(user);
    expect(invoice.invoice).toMatchObject({
      title: "Пополнение баланса",
      currency: "RUB",
      total_amount: 180_00,
    });
    expect(invoice.invoice?.description).toContain("Договор 10002, Алиева Патимат Магомедовна");

    const outcome = await user.pay(invoice);
    expect(outcome.status).toBe("paid");
    const receipt = await user.waitFor(() =>
      user.messages().find((m) => m.text?.startsWith("✅ Оплата получена")),
    );
    expect(receipt.text).toContain(
      `✅ Оплата получена: ${rub(180_00)} зачислено на договор 10002.`,
    );
    expect(receipt.text).toContain(`Баланс: ${rub(0)}`);
    expect(receipt.text).toContain("🧾 Чек придёт на patimat.demo@example.ru.");
    expect(receipt.text).toContain("Доступ в интернет восстановлен.");
    expect(await accountOf("10002")).toMatchObject({ status: "ACTIVE", balance: 0 });
  });

  it("takes a typed amount, explaining what it expects", async () => {
    const user = newUser("Аминат");
    await signedIn(user, "10004");
    await user.send("/topup");
    await user.nextBotMessage();
    await user.press("Другая сумма");
    expect((await user.nextBotMessage()).text).toContain("Введите сумму в рублях");
    const answers: [string, string][] = [
      ["сто рублей", "Не понял сумму"],
      ["50", `Сумма пополнения — от ${rub(100_00)}`],
      ["20 000", `Сумма пополнения — от ${rub(100_00)}`],
    ];
    for (const [input, answer] of answers) {
      await user.send(input);
      expect((await user.nextBotMessage()).text).toContain(answer);
    }
    await user.sendSticker();
    expect((await user.nextBotMessage()).text).toContain("Не понял сумму");
    const before = (await accountOf("10004")).balance;
    await user.send("750,50");
    const invoice = await nextInvoice(user);
    expect(invoice.invoice?.total_amount).toBe(750_50);
    expect((await user.pay(invoice, { email: "aminat@example.ru" })).status).toBe("paid");
    const receiptMessage = await user.waitFor(() =>
      user.messages().find((m) => m.text?.startsWith("✅ Оплата получена")),
    );
    // The fiscal receipt goes to the email Telegram asked for: the contract has none.
    expect(receiptMessage.text).toContain("🧾 Чек придёт на aminat@example.ru.");
    expect((await accountOf("10004")).balance).toBe(before + 750_50);
    const sendInvoice = harness.emulator.calls.findLast((call) => call.method === "sendInvoice");
    expect(sendInvoice?.params).toMatchObject({ need_email: true, send_email_to_provider: true });
    // No email in the contract: the receipt goes where Telegram asked, its item the typed sum.
    const { receipt } = JSON.parse(String(sendInvoice?.params.provider_data));
    expect(receipt.customer).toBeUndefined();
    expect(receipt.items).toEqual([
      expect.objectContaining({ quantity: "1.00", amount: { value: "750.50", currency: "RUB" } }),
    ]);
  });

  it("puts a receipt adding up to the total in the invoice of each preset", async () => {
    const user = newUser("Сергей");
    await signedIn(user, "10003");
    for (const preset of [500_00, 1000_00]) {
      await user.send("/topup");
      await user.nextBotMessage();
      await user.press(rub(preset));
      await user.waitFor(() => user.messages().find((m) => m.invoice?.total_amount === preset));
      const sent = harness.emulator.calls.findLast((call) => call.method === "sendInvoice");
      const { receipt } = JSON.parse(String(sent?.params.provider_data));
      expect(receipt.items).toHaveLength(1);
      expect(receipt.items[0].amount).toEqual({
        value: (preset / 100).toFixed(2),
        currency: "RUB",
      });
      expect(receipt.customer).toEqual({ email: "sergey.demo@example.ru" });
    }
  });

  it("credits a payment once when two bot instances on one database race on its update", async () => {
    const second = await startSecondInstance(harness);
    try {
      const user = newUser("Гаджи");
      await signedIn(user, "10004");
      const before = (await accountOf("10004")).balance;
      await user.send("/topup");
      await user.nextBotMessage();
      await user.press(rub(1000_00));
      const invoice = await nextInvoice(user);
      expect((await user.pay(invoice)).status).toBe("paid");
      const update = harness.emulator.updates.findLast(
        (u) => u.message?.successful_payment && u.message.chat.id === user.id,
      );
      if (!update) throw new Error("no successful_payment update");
      // The polling instance takes it from Telegram while the second one is handed the same update.
      await second.bot.handleUpdate(update);
      const receipts = () =>
        user.messages().filter((m) => m.text?.startsWith("✅ Оплата получена"));
      await user.waitFor(() => receipts().length === 2);
      expect((await accountOf("10004")).balance).toBe(before + 1000_00);
      expect(
        await harness.database.prisma.ledgerEntry.count({
          where: { kind: "CARD_TOPUP", account: { login: "10004" }, amount: 1000_00 },
        }),
      ).toBe(1);
    } finally {
      await second.close();
    }
  });

  it("credits a payment once when Telegram delivers it five times", async () => {
    const user = newUser("Руслан");
    await signedIn(user, "10001");
    const before = (await accountOf("10001")).balance;
    await user.send("/topup");
    await user.nextBotMessage();
    await user.press(rub(500_00));
    const invoice = await nextInvoice(user);
    expect((await user.pay(invoice)).status).toBe("paid");
    const receipts = () => user.messages().filter((m) => m.text?.startsWith("✅ Оплата получена"));
    await user.waitFor(() => receipts().length === 1);
    const update = harness.emulator.updates.findLast(
      (u) => u.message?.successful_payment && u.message.chat.id === user.id,
    );
    if (!update) throw new Error("no successful_payment update");
    for (let i = 0; i < 4; i++) harness.emulator.redeliver(update);
    await user.waitFor(() => receipts().length === 5);
    expect((await accountOf("10001")).balance).toBe(before + 500_00);

    await user.send("/topup");
    await user.waitFor(
      () => user.messages().filter((m) => m.text?.startsWith("Пополнение договора")).length === 2,
    );
    await user.press("Я оплатил, а баланс не изменился");
    const list = await user.waitFor(() =>
      user.messages().find((m) => m.text?.includes("выберите счёт")),
    );
    await user.press(inlineButtons(list)[0] ?? "");
    const explained = await user.waitFor(() =>
      user.messages().find((m) => m.text?.startsWith("Платёж")),
    );
    expect(explained.text).toMatch(
      new RegExp(`^Платёж ${rub(500_00)} по счёту от .* зачислен .*Номер платежа в Telegram: \\S+`),
    );
    const sendInvoice = harness.emulator.calls.findLast((call) => call.method === "sendInvoice");
    expect(JSON.parse(String(sendInvoice?.params.provider_data))).toEqual({
      receipt: {
        items: [
          {
            description: "Пополнение лицевого счёта, договор 10001: аванс за услуги связи",
            quantity: "1.00",
            amount: { value: "500.00", currency: "RUB" },
            vat_code: 1,
            payment_subject: "service",
            payment_mode: "advance",
          },
        ],
        customer: { email: "ruslan.demo@example.ru" },
      },
    });
    expect(sendInvoice?.params.need_email).toBeUndefined();
  });

  it("refuses at checkout an invoice tampered with, changed in amount, or for a closed contract", async () => {
    const db = harness.database.prisma;
    const cases: [string, () => Promise<unknown>, string][] = [
      [
        "amount",
        () => db.payment.updateMany({ where: { status: "PENDING" }, data: { amount: 1_00 } }),
        "Сумма не совпадает со счётом",
      ],
      [
        "payload",
        () =>
          db.payment.updateMany({
            where: { status: "PENDING" },
            data: { invoicePayload: "moved" },
          }),
        "Счёт не найден",
      ],
      [
        "closed",
        () => db.account.update({ where: { login: "10003" }, data: { status: "CLOSED" } }),
        "Договор расторгнут",
      ],
    ];
    for (const [name, tamper, refusal] of cases) {
      const user = newUser(`Сергей ${name}`);
      await signedIn(user, "10003");
      await user.send("/topup");
      await user.nextBotMessage();
      await user.press(rub(500_00));
      const invoice = await nextInvoice(user);
      await tamper();
      const outcome = await user.pay(invoice);
      expect(outcome).toMatchObject({ status: "declined" });
      expect(outcome.status === "declined" && outcome.errorMessage).toContain(refusal);
      await db.payment.deleteMany({ where: { status: "PENDING" } });
      await db.payment.deleteMany({ where: { invoicePayload: "moved" } });
    }
    expect(
      await db.ledgerEntry.count({ where: { kind: "CARD_TOPUP", account: { login: "10003" } } }),
    ).toBe(0);
  });

  it("refuses an invoice older than a day at checkout and sends a fresh one for the same sum", async () => {
    const db = harness.database.prisma;
    const user = newUser("Забывчивый");
    await signedIn(user, "10004");
    await user.send("/topup");
    await user.nextBotMessage();
    await user.press(rub(1000_00));
    const stale = await nextInvoice(user);
    await db.payment.updateMany({
      where: { status: "PENDING", account: { login: "10004" } },
      data: { createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) },
    });
    const outcome = await user.pay(stale);
    expect(outcome.status === "declined" && outcome.errorMessage).toContain("Счёт устарел");
    await user.waitFor(() => user.messages().find((m) => m.text?.startsWith("Тот счёт устарел")));
    const fresh = await user.waitFor(() =>
      user.messages().find((m) => m.invoice && m.message_id > stale.message_id),
    );
    expect(fresh.invoice?.total_amount).toBe(1000_00);
    const before = (await accountOf("10004")).balance;
    expect((await user.pay(fresh, { email: "aminat@example.ru" })).status).toBe("paid");
    await user.waitFor(() =>
      user.messages().find((m) => m.text?.includes(`Баланс: ${rub(before + 1000_00)}`)),
    );
    expect(
      await db.payment.count({ where: { status: "EXPIRED", account: { login: "10004" } } }),
    ).toBe(1);
  });

  it("credits two invoices of one contract paid at the same moment, each once", async () => {
    const user = newUser("Двойной");
    await signedIn(user, "10001");
    const invoices = [];
    for (const preset of [500_00, 1000_00]) {
      await user.send("/topup");
      await user.nextBotMessage();
      await user.press(rub(preset));
      invoices.push(
        await user.waitFor(() => user.messages().find((m) => m.invoice?.total_amount === preset)),
      );
    }
    const before = (await accountOf("10001")).balance;
    const outcomes = await Promise.all(invoices.map((invoice) => user.pay(invoice)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["paid", "paid"]);
    await user.waitFor(() =>
      user.messages().find((m) => m.text?.includes(`Баланс: ${rub(before + 1500_00)}`)),
    );
    expect((await accountOf("10001")).balance).toBe(before + 1500_00);
  });

  it("credits an invoice to the contract it was issued for, even after the payer switched to another", async () => {
    const user = newUser("Двухдоговорный");
    await signedIn(user, "10001");
    await signedIn(user, "10004");
    await user.send("/topup");
    await user.nextBotMessage();
    await user.press(rub(500_00));
    const invoice = await user.waitFor(() =>
      user.messages().find((m) => m.invoice?.description?.includes("Договор 10004")),
    );
    const first = await accountOf("10001");
    await switchActiveAccount(harness.database.prisma, user.id, first.id);
    const before = (await accountOf("10004")).balance;
    expect((await user.pay(invoice)).status).toBe("paid");
    const receipt = await user.waitFor(() =>
      user.messages().find((m) => m.text?.includes("зачислено на договор 10004")),
    );
    expect(receipt.text).toContain(`Баланс: ${rub(before + 500_00)}`);
    expect((await accountOf("10001")).balance).toBe(first.balance);
  });

  it("credits an invoice paid after its payer signed out to its contract, showing them no balance", async () => {
    const user = newUser("Ушедший");
    await signedIn(user, "10002");
    await user.send("/topup");
    await user.nextBotMessage();
    await user.press(rub(500_00));
    const invoice = await nextInvoice(user);
    await user.send("/logout");
    await user.waitFor(() =>
      user.messages().find((m) => m.text?.startsWith("Выход из личного кабинета")),
    );
    await user.press("🚪 Выйти из договора 10002");
    await user.waitFor(() => user.messages().find((m) => m.text?.includes("Вы вышли")));
    const before = (await accountOf("10002")).balance;
    expect((await user.pay(invoice)).status).toBe("paid");
    const receipt = await user.waitFor(() =>
      user.messages().find((m) => m.text?.startsWith(`✅ Оплата ${rub(500_00)} получена`)),
    );
    expect(receipt.text).not.toContain("Баланс");
    expect((await accountOf("10002")).balance).toBe(before + 500_00);
  });

  it("explains what became of a recent invoice when the balance did not change", async () => {
    const user = newUser("Сомневающийся");
    await signedIn(user, "10001");
    await user.send("/topup");
    await user.nextBotMessage();
    await user.press(rub(500_00));
    const unpaid = await nextInvoice(user);
    expect(unpaid.invoice?.total_amount).toBe(500_00);
    await user.send("/topup");
    await user.waitFor(
      () => user.messages().filter((m) => m.text?.startsWith("Пополнение договора")).length === 2,
    );
    await user.press("Я оплатил, а баланс не изменился");
    const list = await user.waitFor(() =>
      user.messages().find((m) => m.text?.includes("выберите счёт")),
    );
    expect(list.text).toBe("Договор 10001: выберите счёт, по которому вы платили.");
    const lines = inlineButtons(list);
    expect(lines[0]).toMatch(new RegExp(`^\\d\\d\\.\\d\\d, \\d\\d:\\d\\d · ${rub(500_00)}$`));
    await user.press(lines[0] ?? "");
    const answer = await user.waitFor(() =>
      user.messages().find((m) => m.text?.includes("к нам не поступала")),
    );
    expect(answer.text).toContain("к нам не поступала");
    expect(inlineButtons(answer)).toEqual(["📍 Контакты и офис"]);
  });

  it("refuses a forged amount or another contract's button", async () => {
    const user = newUser("Хитрый");
    await signedIn(user, "10001");
    const other = await accountOf("10004");
    const own = await accountOf("10001");
    await user.send("/topup");
    const choice = await user.nextBotMessage();
    const forged = await user.pressData(choice, `topup:${other.id}:50000`);
    const answer = await harness.emulator.waitForCall(
      "answerCallbackQuery",
      (call) => call.params.callback_query_id === forged.id,
    );
    expect(answer.params.text).toBe("Эта кнопка устарела. Откройте меню заново: /menu");
    await user.pressData(choice, `topup:${own.id}:1`);
    expect((await user.nextBotMessage()).text).toContain(
      `Сумма пополнения — от ${rub(100_00)} до ${rub(15_000_00)}`,
    );
    expect(user.messages().some((m) => m.invoice)).toBe(false);
  });
});

describe.skipIf(noPostgres)("card top-up without a payment provider", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness?.stop());

  it("explains that card payment is not set up and points to the office", async () => {
    const user = harness.emulator.user({ firstName: "Ислам", languageCode: "ru" });
    await signedIn(user, "10001");
    await user.send("/topup");
    const reply = await user.nextBotMessage();
    expect(reply.text).toContain("Оплата картой в боте пока не подключена");
    expect(reply.text).toContain("ул. Ленина 52а");
    expect(inlineButtons(reply)).toEqual(["📍 Контакты и офис"]);
  });
});
