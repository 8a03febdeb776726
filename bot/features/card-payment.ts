// Telegram Payments' updates for a card top-up (core/payments/card-payment.ts): the pre-checkout
// question, and the successful payment, credited once and only for what the invoice asked. The
// receipt shows the contract's balance only to a payer linked to it (an invoice can be forwarded
// and paid by anyone); a report the bot cannot credit is put before the agents.
import { type Api, Composer } from "grammy";
import type { SuccessfulPayment } from "grammy/types";
import { billingDayAt } from "../../core/billing/calendar.ts";
import {
  type CheckoutVerdict,
  type Crediting,
  checkCheckout,
  creditPayment,
} from "../../core/payments/card-payment.ts";
import { hourMs } from "../../core/payments/invoice-lifetime.ts";
import { recordPaymentToPost } from "../../core/payments/payment-to-post.ts";
import { freshTopUp } from "../../core/payments/topup.ts";
import { accountStatusKeys } from "../account-status.ts";
import type { BotContext, TranslatingContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDay, formatMoney } from "../format.ts";
import { fitText } from "../length-limits.ts";
import { outboxFlush } from "../outbox-flush.ts";
import { paymentPosting } from "./payment-posting.ts";
import { staffText } from "./staff-chat.ts";
import { sendTopUpInvoice } from "./topup.ts";

/** A forged report's ids are shown to the agents, not all of them. */
const shownIdLength = 100;

/** Why Telegram is told not to take a payment, as the payer reads it. */
const refusalKeys = {
  unknown: "topup-refused-unknown",
  "not-pending": "topup-refused-not-pending",
  expired: "topup-refused-expired",
  "amount-mismatch": "topup-refused-amount-mismatch",
  currency: "topup-refused-currency",
  closed: "topup-refused-closed",
} as const satisfies Record<Extract<CheckoutVerdict, { ok: false }>["reason"], string>;

/** Minor units in their currency: rubles as money, anything else as Telegram gave it. */
const amountIn = (amount: number, currency: string) =>
  currency === "RUB" ? formatMoney(amount) : `${amount} ${currency.slice(0, 3)}`;

export function cardPaymentFeature(
  deps: Pick<
    BotDeps,
    "db" | "billing" | "config" | "logger" | "redis" | "background" | "i18n" | "metrics"
  >,
) {
  const { db, billing, config, logger, i18n } = deps;
  const deliverReceipts = outboxFlush(deps);
  const staff = staffText({ i18n });
  const posting = billing.postCardPayment
    ? paymentPosting({ ...deps, postCardPayment: billing.postCardPayment })
    : undefined;
  const payments = new Composer<BotContext>();

  payments.on("pre_checkout_query", async (ctx) => {
    const query = ctx.preCheckoutQuery;
    const verdict: CheckoutVerdict = await checkCheckout(db, {
      payload: query.invoice_payload,
      amount: query.total_amount,
      currency: query.currency,
      lifetimeMs: config.invoiceLifetimeMs,
    }).catch((error: unknown) => {
      logger.error({ err: error }, "pre-checkout check failed");
      return { ok: false, reason: "unknown" } as const;
    });
    if (verdict.ok) await ctx.answerPreCheckoutQuery(true);
    else
      await ctx.answerPreCheckoutQuery(false, {
        error_message: ctx.t(refusalKeys[verdict.reason]),
      });
    if (!verdict.ok && verdict.reason === "expired") await offerFreshInvoice(ctx, verdict);
  });

  /** A fresh invoice for the same contract and sum, to a payer linked to it, in their chat. */
  async function offerFreshInvoice(
    ctx: TranslatingContext & { from: { id: number } },
    expired: { accountId: number; amount: number },
  ) {
    const token = config.paymentProviderToken;
    if (!token) return;
    const started = await freshTopUp(db, { ...expired, telegramUserId: ctx.from.id });
    if (started?.outcome !== "invoice") return;
    await ctx.api.sendMessage(
      ctx.from.id,
      ctx.t("topup-fresh-invoice", { hours: config.invoiceLifetimeMs / hourMs }),
    );
    await sendTopUpInvoice(ctx.api, ctx.from.id, ctx.t, started, {
      providerToken: token,
      receipts: config.receipts,
    });
  }

  /** A report that credited nothing, to the agents' chat (or only the log without one). */
  async function alertAgents(api: Api, lines: string[]) {
    if (config.supportChatId === undefined) return;
    await api.sendMessage(config.supportChatId, lines.join("\n"));
  }

  function chargeLines(paid: SuccessfulPayment, payerId: number) {
    return [
      staff("payment-alert-payer", { payer: String(payerId) }),
      staff("payment-alert-charge", {
        telegram: fitText(String(paid.telegram_payment_charge_id ?? ""), shownIdLength),
        provider: fitText(String(paid.provider_payment_charge_id ?? ""), shownIdLength) || "—",
      }),
    ];
  }

  /**
   * The receipt message; `asked` is what Telegram asked the payer for at checkout (the fiscal
   * receipt goes there), else the contract's own email or phone.
   */
  async function receipt(
    ctx: TranslatingContext,
    credit: Extract<Crediting, { amount: number }>,
    asked: { email?: string; phone_number?: string } | undefined,
  ) {
    const amount = formatMoney(credit.amount);
    if (!credit.payerLinked) {
      if (credit.outcome === "credited") deliverReceipts(ctx.api);
      await ctx.reply(ctx.t("topup-receipt-payer", { amount }));
      return;
    }
    const card = await billing.contractSummary(
      credit.accountId,
      billingDayAt(new Date(), config.timeZone),
    );
    const lines = [
      ctx.t("topup-receipt", { amount, login: card.login }),
      ctx.t("balance-amount", { amount: formatMoney(card.balance) }),
      ctx.t(accountStatusKeys[card.status]),
    ];
    if (card.enoughUntil)
      lines.push(
        ctx.t("balance-enough-until", { date: formatDay(card.enoughUntil), days: card.daysLeft }),
      );
    const fiscalTo =
      config.receipts.contact === "phone"
        ? (asked?.phone_number ?? card.phone)
        : (asked?.email ?? card.email);
    if (fiscalTo) lines.push(ctx.t("topup-receipt-fiscal", { contact: fiscalTo }));
    if (credit.unblocked) lines.push("", ctx.t("topup-unblocked"));
    await ctx.reply(lines.join("\n"));
  }

  payments.chatType("private").on("message:successful_payment", async (ctx) => {
    const paid = ctx.message.successful_payment;
    const report = {
      payload: paid.invoice_payload,
      amount: paid.total_amount,
      currency: paid.currency,
      telegramChargeId: paid.telegram_payment_charge_id,
      providerChargeId: paid.provider_payment_charge_id,
      telegramUserId: ctx.from.id,
    };
    // An external billing is posted to after the payment is recorded; the built-in one credits
    // it in the recording transaction.
    const credit = billing.postCardPayment
      ? await recordPaymentToPost(db, report)
      : await creditPayment(db, report, { timeZone: config.timeZone });
    switch (credit.outcome) {
      case "recorded":
      case "already-recorded":
        logger.info(
          { accountId: credit.accountId, amount: credit.amount, outcome: credit.outcome },
          "card payment",
        );
        if (!credit.posted) posting?.postNow(ctx.api);
        await ctx.reply(
          ctx.t("topup-received-posting", {
            amount: formatMoney(credit.amount),
            login: credit.login,
          }),
        );
        return;
      case "credited":
      case "already-credited":
        if (credit.outcome === "credited") deps.metrics?.paymentsCredited.inc();
        logger.info(
          { accountId: credit.accountId, amount: credit.amount, outcome: credit.outcome },
          "card payment",
        );
        if (credit.closed) {
          logger.warn({ accountId: credit.accountId }, "card payment to a closed contract");
          await alertAgents(ctx.api, [
            staff("payment-alert-closed", {
              login: credit.login,
              amount: formatMoney(credit.amount),
            }),
            ...chargeLines(paid, ctx.from.id),
          ]);
        }
        await receipt(ctx, credit, paid.order_info);
        return;
      case "mismatch":
        logger.error(
          {
            paymentId: credit.paymentId,
            accountId: credit.accountId,
            invoice: credit.invoice,
            reported: credit.reported,
          },
          "card payment does not match its invoice: nothing credited",
        );
        await alertAgents(ctx.api, [
          staff("payment-alert-mismatch", {
            login: credit.login,
            id: String(credit.paymentId),
            expected: amountIn(credit.invoice.amount, credit.invoice.currency),
            reported: amountIn(credit.reported.amount, credit.reported.currency),
          }),
          ...chargeLines(paid, ctx.from.id),
        ]);
        await ctx.reply(ctx.t("topup-mismatch"));
        return;
      case "unknown-invoice":
      case "unreadable":
        logger.error(
          {
            chargeId: fitText(String(paid.telegram_payment_charge_id ?? ""), shownIdLength),
            problem: credit.outcome === "unreadable" ? credit.problem : undefined,
          },
          "card payment for no invoice of ours: nothing credited",
        );
        await alertAgents(ctx.api, [
          staff("payment-alert-unknown", {
            reported: amountIn(paid.total_amount, String(paid.currency)),
          }),
          ...chargeLines(paid, ctx.from.id),
        ]);
        await ctx.reply(ctx.t("topup-unknown-invoice"));
        return;
    }
  });

  return payments;
}
