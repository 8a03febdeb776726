import { Bot } from "grammy";
import type { Message, SuccessfulPayment } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { UserDriver } from "./driver/user-driver.ts";
import { BotApiEmulator } from "./emulator.ts";
import { callApi } from "./raw-api.ts";

let emu: BotApiEmulator;
let alice: UserDriver;
let bot: Bot;
const paid: SuccessfulPayment[] = [];

const invoice = {
  title: "Пополнение баланса",
  description: "Договор 1001",
  payload: "topup:abc123",
  provider_token: "TEST:provider",
  currency: "RUB",
  prices: [{ label: "Пополнение", amount: 500_00 }],
};

beforeEach(async () => {
  paid.length = 0;
  emu = await BotApiEmulator.start({ timeoutMs: 2_000 });
  emu.preCheckoutTimeoutMs = 300;
  alice = emu.user({ firstName: "Алиса", lastName: "Петрова" });
  await alice.send("/start");
  bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
  bot.on("pre_checkout_query", async (ctx) => {
    const payload = ctx.preCheckoutQuery.invoice_payload;
    if (payload === "topup:slow") return; // never answers
    if (payload === "topup:expired") await ctx.answerPreCheckoutQuery(false, "Счёт устарел");
    else await ctx.answerPreCheckoutQuery(true);
  });
  bot.on("message:successful_payment", (ctx) => {
    paid.push(ctx.message.successful_payment);
  });
  await new Promise<unknown>((onStart) => void bot.start({ onStart }));
});

afterEach(async () => {
  await bot.stop();
  await emu.stop();
});

async function sendInvoice(params: Record<string, unknown> = {}) {
  return callApi(emu, "sendInvoice", { chat_id: alice.id, ...invoice, ...params });
}

async function invoiceMessage(params: Record<string, unknown> = {}): Promise<Message> {
  const { body } = await sendInvoice(params);
  if (!body.ok) throw new Error(body.description);
  return body.result as Message;
}

/** ЮKassa's receipt with one item of `value`. */
const receipt = (value: string, currency = "RUB") => ({
  receipt: {
    items: [
      {
        description: "Пополнение",
        quantity: "1.00",
        amount: { value, currency },
        vat_code: 1,
        payment_subject: "service",
        payment_mode: "advance",
      },
    ],
  },
});

describe("sendInvoice", () => {
  it("takes provider_data whose receipt adds up to the total", async () => {
    const message = await invoiceMessage({ provider_data: JSON.stringify(receipt("500.00")) });
    expect(message.invoice?.total_amount).toBe(500_00);
  });

  it("sends an invoice message with the total", async () => {
    expect(await invoiceMessage()).toMatchObject({
      invoice: {
        title: "Пополнение баланса",
        description: "Договор 1001",
        currency: "RUB",
        total_amount: 500_00,
      },
    });
  });

  it.each([
    [{ title: "" }, "TITLE_INVALID"],
    [{ title: "x".repeat(33) }, "TITLE_INVALID"],
    [{ description: "x".repeat(256) }, "DESCRIPTION_INVALID"],
    [{ payload: "x".repeat(129) }, "INVOICE_PAYLOAD_INVALID"],
    [{ currency: "ABC" }, "CURRENCY_INVALID"],
    [{ prices: [{ label: "мало", amount: 89_99 }] }, "CURRENCY_TOTAL_AMOUNT_INVALID"],
    [{ prices: [{ label: "много", amount: 900_000_01 }] }, "CURRENCY_TOTAL_AMOUNT_INVALID"],
    [{ prices: [] }, "prices must be non-empty"],
    [{ provider_token: undefined }, "PAYMENT_PROVIDER_INVALID"],
    [{ provider_data: "{not json" }, "PROVIDER_DATA_INVALID"],
    [{ provider_data: JSON.stringify(receipt("499.99")) }, "PROVIDER_DATA_INVALID"],
    [{ provider_data: JSON.stringify(receipt("500.00", "USD")) }, "PROVIDER_DATA_INVALID"],
    [{ provider_data: JSON.stringify({ receipt: { items: [] } }) }, "PROVIDER_DATA_INVALID"],
  ])("rejects %j with %s", async (params, reason) => {
    const { status, body } = await sendInvoice(params);
    expect(status).toBe(400);
    expect(body).toMatchObject({ ok: false, description: `Bad Request: ${reason}` });
  });

  it("accepts the limits themselves, and the table is adjustable", async () => {
    await invoiceMessage({ prices: [{ label: "a", amount: 90_00 }] });
    await invoiceMessage({
      prices: [
        { label: "a", amount: 600_000_00 },
        { label: "b", amount: 300_000_00 },
      ],
    });
    emu.currencyLimits.RUB = { min: 1_00, max: 100_000_00 };
    await invoiceMessage({ prices: [{ label: "a", amount: 50_00 }] });
  });
});

describe("UserDriver.pay", () => {
  it("pays when the bot approves the pre-checkout query", async () => {
    const message = await invoiceMessage({ need_email: true });
    const outcome = await alice.pay(message, { email: "alice@example.com" });
    expect(outcome.status).toBe("paid");
    if (outcome.status !== "paid") return;
    const payment = outcome.message.successful_payment;
    expect(payment).toMatchObject({
      currency: "RUB",
      total_amount: 500_00,
      invoice_payload: "topup:abc123",
      order_info: { email: "alice@example.com" },
    });
    expect(payment?.telegram_payment_charge_id).toBeTruthy();
    expect(payment?.provider_payment_charge_id).toBeTruthy();
    await alice.waitFor(() => paid.length === 1);
    expect(paid[0]).toEqual(payment);
    await expect(alice.pay(message)).rejects.toThrow(/already paid/);
  });

  it("gives every payment its own charge ids", async () => {
    const first = await alice.pay(await invoiceMessage());
    const second = await alice.pay(await invoiceMessage());
    const ids = [first, second].map((o) =>
      o.status === "paid" ? o.message.successful_payment?.telegram_payment_charge_id : undefined,
    );
    expect(new Set(ids).size).toBe(2);
  });

  it("reports a declined payment and sends no successful_payment", async () => {
    const outcome = await alice.pay(await invoiceMessage({ payload: "topup:expired" }));
    expect(outcome).toEqual({ status: "declined", errorMessage: "Счёт устарел" });
    expect(alice.history().some((m) => m.successful_payment)).toBe(false);
  });

  it("times out when the bot does not answer in time; a late answer is refused", async () => {
    const outcome = await alice.pay(await invoiceMessage({ payload: "topup:slow" }));
    expect(outcome).toEqual({ status: "timeout" });
    const query = emu.updates.findLast((u) => u.pre_checkout_query)?.pre_checkout_query;
    const late = await callApi(emu, "answerPreCheckoutQuery", {
      pre_checkout_query_id: query?.id,
      ok: true,
    });
    expect(late.body).toMatchObject({
      description:
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
    });
  });

  it("redelivers the successful_payment update for idempotency tests", async () => {
    const outcome = await alice.pay(await invoiceMessage());
    await alice.waitFor(() => paid.length === 1);
    const original = emu.updates.findLast((u) => u.message?.successful_payment);
    const again = emu.redeliver(original?.update_id ?? 0);
    await alice.waitFor(() => paid.length === 2);
    expect(again?.update_id).not.toBe(original?.update_id);
    expect(paid[1]).toEqual(
      outcome.status === "paid" ? outcome.message.successful_payment : undefined,
    );
  });
});
