// Successful payments the bot must not take at their word: another amount or currency than the
// invoice's, an unreadable payload, and an invoice forwarded and paid by someone not linked to the
// contract. Such reports reach the bot through a spoofed webhook or a Telegram bug; here they are
// delivered straight into the bot's updates.
import type { SuccessfulPayment, Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "../../bot/format.ts";
import type { GroupDriver, UserDriver } from "../emulator/index.ts";
import type { Harness } from "../support/bot-harness.ts";
import { ledgerMismatches } from "../support/ledger.ts";
import { noPostgres } from "../support/require-services.ts";
import { inlineButtons, signedIn } from "../support/sign-in.ts";
import { startSupportDesk } from "../support/support-desk.ts";

const mismatchText = "Оплата получена, но её сумма или валюта не совпала со счётом";

describe.skipIf(noPostgres)("forged card payments", () => {
  let harness: Harness;
  let group: GroupDriver;
  let charges = 0;
  beforeAll(async () => {
    ({ harness, group } = await startSupportDesk({
      env: { PAYMENT_PROVIDER_TOKEN: "381764678:TEST:kaspnet" },
    }));
  });
  afterAll(() => harness?.stop());

  const prisma = () => harness.database.prisma;
  const accountOf = (login: string) => prisma().account.findUniqueOrThrow({ where: { login } });
  const cardEntries = async (login: string) =>
    prisma().ledgerEntry.count({
      where: { account: { login }, kind: "CARD_TOPUP" },
    });
  const alerts = (start: string) =>
    group.messages().filter((message) => message.text?.startsWith(start));

  /** A pending 500 ₽ invoice of the user's contract, as the bot issued it. */
  async function invoiceOf(user: UserDriver, login: string) {
    await user.send("/topup");
    await user.waitFor(() => user.messages().findLast((m) => m.text?.startsWith("Пополнение")));
    await user.press(formatMoney(500_00));
    await user.waitFor(() => user.messages().findLast((m) => m.invoice));
    return prisma().payment.findFirstOrThrow({
      where: { account: { login }, status: "PENDING" },
      orderBy: { id: "desc" },
    });
  }

  /** A successful_payment in `payer`'s chat with the bot, saying what the test wants. */
  function report(payer: UserDriver, payment: Partial<SuccessfulPayment>): void {
    charges += 1;
    const message = {
      message_id: 900_000 + charges,
      date: Math.floor(Date.now() / 1000),
      chat: { id: payer.id, type: "private", first_name: payer.user.first_name },
      from: payer.user,
      successful_payment: {
        currency: "RUB",
        total_amount: 500_00,
        invoice_payload: "",
        telegram_payment_charge_id: `forged_${charges}`,
        provider_payment_charge_id: `provider_${charges}`,
        ...payment,
      },
    } as Update["message"];
    harness.emulator.redeliver({ update_id: 0, message });
  }

  it("credits nothing for another amount or currency, records it, and alerts the agents", async () => {
    const user = harness.emulator.user({ firstName: "Марат", languageCode: "ru" });
    await signedIn(user, "10001");
    const before = (await accountOf("10001")).balance;
    const invoice = await invoiceOf(user, "10001");
    const told = () => user.messages().filter((m) => m.text?.startsWith(mismatchText));

    const forged = [
      { total_amount: 99_999_999 },
      { currency: "USD", total_amount: 500_00 },
      { currency: "EUR", total_amount: 500_00 },
      { currency: "XTR", total_amount: 500 },
    ];
    for (const fields of forged)
      report(user, { invoice_payload: invoice.invoicePayload, ...fields });
    await user.waitFor(() => told().length === forged.length || undefined);
    const alerted = await group.waitFor(() => {
      const found = alerts("⚠️ Оплата картой не совпала со счётом");
      return found.length === forged.length ? found : undefined;
    });
    expect(alerted[0]?.text).toContain("Договор 10001");
    expect(alerted[0]?.text).toContain(
      `счёт на ${formatMoney(500_00)}, Telegram сообщил об оплате ${formatMoney(99_999_999)}`,
    );
    expect(alerted[1]?.text).toContain("Telegram сообщил об оплате 50000 USD");
    expect(alerted[3]?.text).toContain("Telegram сообщил об оплате 500 XTR");
    expect(alerted[0]?.text).toContain("Номер платежа в Telegram: forged_");

    expect((await accountOf("10001")).balance).toBe(before);
    expect(await cardEntries("10001")).toBe(0);
    const recorded = await prisma().payment.findMany({
      where: { account: { login: "10001" }, status: "MISMATCH" },
      orderBy: { id: "asc" },
    });
    expect(recorded.map((row) => [row.reportedAmount, row.reportedCurrency])).toEqual([
      [99_999_999n, "RUB"],
      [500_00n, "USD"],
      [500_00n, "EUR"],
      [500n, "XTR"],
    ]);
    // The invoice itself is still open: the subscriber can pay it for real.
    expect(await prisma().payment.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({
      status: "PENDING",
    });
    const [invoiceMessage] = user.messages().filter((m) => m.invoice);
    if (!invoiceMessage) throw new Error("no invoice message");
    expect((await user.pay(invoiceMessage)).status).toBe("paid");
    await user.waitFor(() => user.messages().find((m) => m.text?.startsWith("✅ Оплата получена")));
    expect((await accountOf("10001")).balance).toBe(before + 500_00);
    expect(await cardEntries("10001")).toBe(1);
  });

  it("records a redelivered mismatch once", async () => {
    const user = harness.emulator.user({ firstName: "Заур", languageCode: "ru" });
    await signedIn(user, "10003");
    const invoice = await invoiceOf(user, "10003");
    const update = { invoice_payload: invoice.invoicePayload, total_amount: 1 };
    report(user, update);
    const first = harness.emulator.updates.at(-1);
    if (!first) throw new Error("no update");
    harness.emulator.redeliver(first);
    await user.waitFor(
      () =>
        user.messages().filter((m) => m.text?.startsWith(mismatchText)).length === 2 || undefined,
    );
    expect(
      await prisma().payment.count({ where: { account: { login: "10003" }, status: "MISMATCH" } }),
    ).toBe(1);
    expect(await cardEntries("10003")).toBe(0);

    // "I paid but the balance did not change" explains it.
    await user.send("/topup");
    await user.waitFor(
      () =>
        user.messages().filter((m) => m.text?.startsWith("Пополнение")).length === 2 || undefined,
    );
    await user.press("Я оплатил, а баланс не изменился");
    const list = await user.waitFor(() =>
      user.messages().find((m) => m.text?.includes("выберите счёт")),
    );
    await user.press(inlineButtons(list)[0] ?? "");
    const explained = await user.waitFor(() =>
      user.messages().find((m) => m.text?.startsWith("По счёту от")),
    );
    expect(explained.text).toContain("сумма или валюта которого не совпала со счётом");
  });

  it("reads an unreadable report as no invoice: no database error, the agents told", async () => {
    const user = harness.emulator.user({ firstName: "Анна", languageCode: "ru" });
    await signedIn(user, "10002");
    const invoice = await invoiceOf(user, "10002");
    const errorsBefore = harness.logs.entries().filter((entry) => Number(entry.level) >= 50);
    report(user, { invoice_payload: `${invoice.invoicePayload}\u0000` });
    report(user, {
      invoice_payload: invoice.invoicePayload,
      telegram_payment_charge_id: "charge\u0001id",
    });
    report(user, { invoice_payload: "x".repeat(100_000) });
    await user.waitFor(
      () =>
        user.messages().filter((m) => m.text?.startsWith("Оплата получена, но счёт не найден"))
          .length === 3 || undefined,
    );
    await group.waitFor(
      () => alerts("⚠️ Оплата картой по неизвестному счёту").length >= 3 || undefined,
    );
    expect(await cardEntries("10002")).toBe(0);
    const newErrors = harness.logs
      .entries()
      .filter((entry) => Number(entry.level) >= 50)
      .slice(errorsBefore.length);
    expect(newErrors.map((entry) => entry.msg)).toEqual(
      Array(3).fill("card payment for no invoice of ours: nothing credited"),
    );
    expect(JSON.stringify(newErrors)).not.toContain("22021");
    expect(await ledgerMismatches(prisma())).toEqual([]);
  });

  it("refuses at checkout a payload with a NUL byte, with no database error", async () => {
    const user = harness.emulator.user({ firstName: "Ислам", languageCode: "ru" });
    await signedIn(user, "10004");
    const invoice = await invoiceOf(user, "10004");
    const id = `forged-query-${charges++}`;
    harness.emulator.redeliver({
      update_id: 0,
      pre_checkout_query: {
        id,
        from: user.user,
        currency: "RUB",
        total_amount: 500_00,
        invoice_payload: `${invoice.invoicePayload.slice(0, 10)}\u0000`,
      },
    });
    const answer = await user.waitFor(() =>
      harness.emulator.calls.find(
        (call) =>
          call.method === "answerPreCheckoutQuery" && call.params.pre_checkout_query_id === id,
      ),
    );
    expect(answer.params).toMatchObject({
      ok: false,
      error_message: "Счёт не найден. Запросите новый: /topup",
    });
  });

  it("shows a stranger who paid a forwarded invoice only that it arrived; the contract's users get the rest", async () => {
    const owner = harness.emulator.user({ firstName: "Патимат", languageCode: "ru" });
    await signedIn(owner, "10004");
    const invoice = await invoiceOf(owner, "10004");
    const before = (await accountOf("10004")).balance;
    const stranger = harness.emulator.user({ firstName: "Гость", languageCode: "ru" });
    await stranger.send("/start");
    await stranger.nextBotMessage();

    report(stranger, { invoice_payload: invoice.invoicePayload });
    const receipt = await stranger.waitFor(() =>
      stranger.messages().find((m) => m.text?.startsWith("✅ Оплата")),
    );
    expect(receipt.text).toBe(`✅ Оплата ${formatMoney(500_00)} получена, спасибо!`);
    const balance = before + 500_00;
    const notice = await owner.waitFor(() =>
      owner.messages().find((m) => m.text?.startsWith("✅ На договор 10004")),
    );
    expect(notice.text).toContain(`поступила оплата картой: ${formatMoney(500_00)}`);
    expect(notice.text).toContain(`Баланс: ${formatMoney(balance)}`);
    expect((await accountOf("10004")).balance).toBe(balance);
    expect(await cardEntries("10004")).toBe(1);
    for (const message of stranger.messages())
      expect(message.text ?? "").not.toMatch(/10004|Баланс|Хватит/);
  });

  it("credits a payment to a contract closed after checkout, and alerts the agents once", async () => {
    const owner = harness.emulator.user({ firstName: "Сергей", languageCode: "ru" });
    await signedIn(owner, "10003");
    const invoice = await invoiceOf(owner, "10003");
    const before = (await accountOf("10003")).balance;
    await prisma().account.update({ where: { login: "10003" }, data: { status: "CLOSED" } });
    report(owner, { invoice_payload: invoice.invoicePayload });
    const first = harness.emulator.updates.at(-1);
    if (!first) throw new Error("no update");
    const alert = await group.waitFor(() =>
      group.messages().find((m) => m.text?.includes("расторгнутый после выставления счёта")),
    );
    expect(alert.text).toContain(`Оплата картой ${formatMoney(500_00)} пришла на договор 10003`);
    expect((await accountOf("10003")).balance).toBe(before + 500_00);
    // Telegram delivering the same report again credits and alerts nothing more.
    harness.emulator.redeliver(first);
    await owner.waitFor(() =>
      owner.messages().filter((m) => m.text?.startsWith("✅ Оплата получена")).length === 2
        ? true
        : undefined,
    );
    expect(
      group.messages().filter((m) => m.text?.includes("расторгнутый после выставления счёта")),
    ).toHaveLength(1);
    expect(await cardEntries("10003")).toBe(1);
  });
});
