import { randomBytes } from "node:crypto";
import type { Message, OrderInfo, PreCheckoutQuery, User } from "grammy/types";
import type { World } from "../state/world.ts";

export type PaymentOutcome =
  | { status: "paid"; message: Message }
  | { status: "declined"; errorMessage: string }
  | { status: "timeout" };

export interface PayOptions {
  /** Given when the invoice asks for it; defaults are filled in otherwise. */
  email?: string;
  name?: string;
  phone?: string;
  /** Added to the total, in the smallest units. */
  tipAmount?: number;
}

/**
 * Pays an invoice as a Telegram client does: a pre_checkout_query, then, only
 * if the bot approves it before the deadline, the successful_payment message.
 */
export async function payInvoice(
  world: World,
  payer: User,
  invoiceMessage: Message,
  options: PayOptions,
  timeoutMs: number,
): Promise<PaymentOutcome> {
  const chat = world.chatRecord(invoiceMessage.chat.id);
  const stored = chat.find(invoiceMessage.message_id);
  const invoice = stored?.message.invoice;
  const terms = stored?.invoice;
  if (stored === undefined || invoice === undefined || terms === undefined) {
    throw new Error(`Message ${invoiceMessage.message_id} is not an invoice`);
  }
  if (stored.paid) throw new Error(`Invoice ${invoiceMessage.message_id} is already paid`);

  const orderInfo: OrderInfo = {
    ...(terms.needName ? { name: options.name ?? fullName(payer) } : {}),
    ...(terms.needEmail ? { email: options.email ?? `user${payer.id}@example.com` } : {}),
    ...(terms.needPhoneNumber ? { phone_number: options.phone ?? "79990000000" } : {}),
  };
  const hasOrderInfo = Object.keys(orderInfo).length > 0;
  const query: PreCheckoutQuery = {
    id: world.nextQueryId(),
    from: payer,
    currency: invoice.currency,
    total_amount: invoice.total_amount + (options.tipAmount ?? 0),
    invoice_payload: terms.payload,
    ...(hasOrderInfo ? { order_info: orderInfo } : {}),
  };
  const record = { query, expired: false };
  world.preCheckoutQueries.set(query.id, record);
  world.queueUpdate({ pre_checkout_query: query });

  const answer = await world.changes
    .until(() => world.preCheckoutQueries.get(query.id)?.answer, {
      timeoutMs,
      describe: () => "waiting for answerPreCheckoutQuery",
    })
    .catch(() => undefined);
  if (answer === undefined) {
    record.expired = true;
    return { status: "timeout" };
  }
  if (!answer.ok) return { status: "declined", errorMessage: answer.errorMessage ?? "" };

  stored.paid = true;
  const paid = world.postMessage(chat, payer, {
    successful_payment: {
      currency: query.currency,
      total_amount: query.total_amount,
      invoice_payload: query.invoice_payload,
      telegram_payment_charge_id: `${world.bot.id}_${query.id}_${randomBytes(4).toString("hex")}`,
      provider_payment_charge_id: `emu_${randomBytes(12).toString("hex")}`,
      ...(hasOrderInfo ? { order_info: orderInfo } : {}),
    },
  });
  world.queueMessageUpdate("message", paid.message);
  return { status: "paid", message: paid.message };
}

function fullName(user: User): string {
  return user.last_name === undefined ? user.first_name : `${user.first_name} ${user.last_name}`;
}
