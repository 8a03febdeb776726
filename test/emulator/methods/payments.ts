import type { LabeledPrice, Message } from "grammy/types";
import { badRequest, fail } from "../api-error.ts";
import { readReplyMarkup } from "../markup/reply-markup.ts";
import type { Params } from "../params.ts";
import type { InvoiceTerms } from "../state/chat.ts";
import { QUERY_TOO_OLD } from "./callbacks.ts";
import type { ApiContext, EmulatorSettings, MethodTable } from "./context.ts";
import { postBotMessage, readPlacement, readSendOptions } from "./outgoing.ts";

/**
 * Accepted invoice totals in the smallest currency units. Telegram's real
 * bounds follow exchange rates (about 1 to 10,000 USD); these are fixed so
 * tests are stable: RUB at about 90 to the dollar. They are Telegram's, not the
 * bot's: the bot's own limits (100 to 15,000 RUB) must hold without them.
 */
export const DEFAULT_CURRENCY_LIMITS: Readonly<Record<string, { min: number; max: number }>> = {
  RUB: { min: 90_00, max: 900_000_00 },
  USD: { min: 1_00, max: 10_000_00 },
  EUR: { min: 1_00, max: 10_000_00 },
  XTR: { min: 1, max: 10_000 },
};

interface Invoice {
  title: string;
  description: string;
  payload: string;
  currency: string;
  prices: LabeledPrice[];
  total: number;
  startParameter?: string;
  terms: InvoiceTerms;
}

/** sendInvoice, createInvoiceLink, answerPreCheckoutQuery. */
export const paymentMethods: MethodTable = {
  sendInvoice: ({ params, world, settings }: ApiContext): Message => {
    const invoice = readInvoice(params, settings);
    const markup = readReplyMarkup(params);
    if (markup !== undefined) {
      const first = "inline_keyboard" in markup ? markup.inline_keyboard[0]?.[0] : undefined;
      if (first === undefined || !("pay" in first)) throw badRequest("REPLY_MARKUP_BUY_EMPTY");
    }
    const chat = world.resolveChat(params.chatId(), "write");
    return postBotMessage(
      world,
      chat,
      {
        invoice: {
          title: invoice.title,
          description: invoice.description,
          start_parameter: invoice.startParameter ?? "",
          currency: invoice.currency,
          total_amount: invoice.total,
        },
        ...readSendOptions(params),
      },
      readPlacement(params, chat),
      markup,
      { invoice: invoice.terms },
    );
  },

  createInvoiceLink: ({ params, settings }) => {
    readInvoice(params, settings);
    return `https://t.me/$emulator_invoice_${Date.now().toString(36)}`;
  },

  answerPreCheckoutQuery: ({ params, world }) => {
    const id = params.string("pre_checkout_query_id") ?? fail(badRequest(QUERY_TOO_OLD));
    const record = world.preCheckoutQueries.get(id);
    if (record === undefined || record.answer !== undefined || record.expired) {
      throw badRequest(QUERY_TOO_OLD);
    }
    const ok = params.boolean("ok");
    const errorMessage = params.string("error_message");
    if (!ok && errorMessage === undefined) throw badRequest("error_message is empty");
    record.answer = ok ? { ok } : { ok, ...(errorMessage === undefined ? {} : { errorMessage }) };
    world.changes.notify();
    return true;
  },
};

/**
 * What sendInvoice checks, with the error each failure gives. Telegram
 * documents the bounds; the exact texts of the first four are not documented
 * and follow Telegram's upper-case style.
 *
 * | check                                  | error                          |
 * | -------------------------------------- | ------------------------------ |
 * | title 1-32 characters                  | TITLE_INVALID                  |
 * | description 1-255 characters           | DESCRIPTION_INVALID            |
 * | payload 1-128 bytes                    | INVOICE_PAYLOAD_INVALID        |
 * | currency in the limits table           | CURRENCY_INVALID               |
 * | provider_token empty only for XTR      | PAYMENT_PROVIDER_INVALID       |
 * | total within the currency's limits     | CURRENCY_TOTAL_AMOUNT_INVALID  |
 * | provider_data JSON; its receipt's items | PROVIDER_DATA_INVALID          |
 * | (ЮKassa) add up to the total            |                                |
 *
 * The last is the payment provider's check, made at payment time by ЮKassa; the emulator makes it
 * when the invoice is sent, so a bad receipt fails the test that sent it.
 */
function readInvoice(params: Params, settings: EmulatorSettings): Invoice {
  const title = params.string("title") ?? "";
  if (title.length < 1 || title.length > 32) throw badRequest("TITLE_INVALID");
  const description = params.string("description") ?? "";
  if (description.length < 1 || description.length > 255) throw badRequest("DESCRIPTION_INVALID");
  const payload = params.string("payload") ?? "";
  const payloadBytes = Buffer.byteLength(payload, "utf8");
  if (payloadBytes < 1 || payloadBytes > 128) throw badRequest("INVOICE_PAYLOAD_INVALID");
  const currency = params.string("currency") ?? "";
  const limits = settings.currencyLimits[currency] ?? fail(badRequest("CURRENCY_INVALID"));
  const providerToken = params.string("provider_token");
  if ((currency === "XTR") !== (providerToken === undefined)) {
    throw badRequest("PAYMENT_PROVIDER_INVALID");
  }
  const prices = readPrices(params);
  const total = prices.reduce((sum, price) => sum + price.amount, 0);
  if (total < limits.min || total > limits.max) throw badRequest("CURRENCY_TOTAL_AMOUNT_INVALID");
  const providerData = params.string("provider_data");
  if (providerData !== undefined) checkProviderData(providerData, total, currency);
  const startParameter = params.string("start_parameter");
  return {
    title,
    description,
    payload,
    currency,
    prices,
    total,
    ...(startParameter === undefined ? {} : { startParameter }),
    terms: {
      payload,
      needName: params.boolean("need_name"),
      needEmail: params.boolean("need_email"),
      needPhoneNumber: params.boolean("need_phone_number"),
      needShippingAddress: params.boolean("need_shipping_address"),
      isFlexible: params.boolean("is_flexible"),
    },
  };
}

/** ЮKassa's receipt: items of "1.00"-style quantities and "500.00"-style amounts adding up. */
function checkProviderData(text: string, total: number, currency: string): void {
  const invalid = () => badRequest("PROVIDER_DATA_INVALID");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalid();
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw invalid();
  const receipt = (data as { receipt?: unknown }).receipt;
  if (receipt === undefined) return;
  const items = (receipt as { items?: unknown })?.items;
  if (!Array.isArray(items) || items.length === 0) throw invalid();
  const decimal = /^\d+(\.\d{1,2})?$/;
  let sum = 0;
  for (const item of items) {
    const {
      quantity,
      amount,
      vat_code: vatCode,
      description,
    } = (item ?? {}) as Record<string, unknown>;
    const value = (amount as { value?: unknown; currency?: unknown } | undefined)?.value;
    const itemCurrency = (amount as { currency?: unknown } | undefined)?.currency;
    if (typeof description !== "string" || description === "" || description.length > 128)
      throw invalid();
    if (typeof quantity !== "string" || !decimal.test(quantity)) throw invalid();
    if (typeof value !== "string" || !decimal.test(value) || itemCurrency !== currency)
      throw invalid();
    if (typeof vatCode !== "number" || !Number.isInteger(vatCode) || vatCode < 1 || vatCode > 10)
      throw invalid();
    const kopecks = (decimalText: string) => Math.round(Number(decimalText) * 100);
    sum += (kopecks(value) * kopecks(quantity)) / 100;
  }
  if (sum !== total) throw invalid();
}

function readPrices(params: Params): LabeledPrice[] {
  const unparsable = () => badRequest("can't parse prices JSON object");
  const prices = params.json<unknown>("prices", unparsable);
  if (!Array.isArray(prices)) throw unparsable();
  if (prices.length === 0) throw badRequest("prices must be non-empty");
  return prices.map((price: unknown) => {
    const { label, amount } = (price ?? {}) as Record<string, unknown>;
    if (typeof label !== "string" || !Number.isSafeInteger(amount)) throw unparsable();
    return { label, amount: amount as number };
  });
}
