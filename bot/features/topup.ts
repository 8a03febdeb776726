// /topup: card top-up through Telegram Payments. Preset amounts or one typed in; an invoice for a
// PENDING payment; the pre-checkout check approves it; the money is credited on successful_payment
// only, exactly once (core/payments/topup.ts), and the receipt says what changed.
import { createConversation } from "@grammyjs/conversations";
import { type Api, Composer, InlineKeyboard } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import { getBalanceCard } from "../../core/billing/balance.ts";
import { billingDayAt } from "../../core/billing/calendar.ts";
import { parseRubles } from "../../core/billing/rubles.ts";
import {
  type CheckoutVerdict,
  checkCheckout,
  creditPayment,
  currency,
  findPayment,
  recentPayments,
  startTopUp,
  type TopUpStart,
  topUpLimits,
} from "../../core/payments/topup.ts";
import { accountOrSignIn } from "../account-guard.ts";
import type {
  BotContext,
  BotConversation,
  ConversationContext,
  Translate,
  TranslatingContext,
} from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDateTime, formatDay, formatMoney } from "../format.ts";
import { hint } from "../hint.ts";
import { menuData } from "../keyboards/main-menu.ts";

const presets = [500_00, 1000_00];
const limits = { min: formatMoney(topUpLimits.min), max: formatMoney(topUpLimits.max) };

/** The invoice for a started top-up, in the words of `t`; the receipt email goes to the provider. */
export async function sendTopUpInvoice(
  api: Api,
  chatId: number,
  t: Translate,
  started: Extract<TopUpStart, { outcome: "invoice" }>,
  providerToken: string,
) {
  const receipt = started.email
    ? { provider_data: JSON.stringify({ receipt: { customer: { email: started.email } } }) }
    : { need_email: true, send_email_to_provider: true };
  return api.sendInvoice(
    chatId,
    t("topup-invoice-title"),
    t("topup-invoice-description", { login: started.login, accountName: started.name }),
    started.payload,
    currency,
    [{ label: t("topup-invoice-label", { login: started.login }), amount: started.amount }],
    { provider_token: providerToken, ...receipt },
  );
}

export function topUpFeature({ db, config, logger }: Pick<BotDeps, "db" | "config" | "logger">) {
  const today = () => billingDayAt(new Date(), config.timeZone);
  const providerToken = config.paymentProviderToken;

  async function sendInvoice(ctx: TranslatingContext, started: TopUpStart) {
    if (started.outcome !== "invoice") {
      await ctx.reply(
        ctx.t(started.outcome === "closed" ? "topup-closed" : "topup-out-of-range", limits),
      );
      return;
    }
    if (!ctx.chat) return;
    await sendTopUpInvoice(ctx.api, ctx.chat.id, ctx.t, started, providerToken ?? "");
  }

  async function otherAmount(
    conversation: BotConversation,
    ctx: ConversationContext,
    accountId: number,
  ) {
    await ctx.reply(ctx.t("topup-ask-amount", limits));
    for (;;) {
      const reply = await conversation.waitFor("message:text", {
        otherwise: (other) => hint(other, "topup-bad-amount", limits),
      });
      const amount = parseRubles(reply.message.text);
      if (amount === null) {
        await reply.reply(reply.t("topup-bad-amount", limits));
        continue;
      }
      if (amount < topUpLimits.min || amount > topUpLimits.max) {
        await reply.reply(reply.t("topup-out-of-range", limits));
        continue;
      }
      const telegramUserId = reply.from.id;
      const started = await conversation.external(() =>
        startTopUp(db, { accountId, telegramUserId, amount }),
      );
      await sendInvoice(reply, started);
      return;
    }
  }

  // Payment updates are handled before any conversation: a payment is never a step's answer.
  const payments = new Composer<BotContext>();

  payments.on("pre_checkout_query", async (ctx) => {
    const query = ctx.preCheckoutQuery;
    const verdict: CheckoutVerdict = await checkCheckout(db, {
      payload: query.invoice_payload,
      amount: query.total_amount,
      currency: query.currency,
    }).catch((error: unknown) => {
      logger.error({ err: error }, "pre-checkout check failed");
      return { ok: false, reason: "unknown" } as const;
    });
    if (verdict.ok) await ctx.answerPreCheckoutQuery(true);
    else
      await ctx.answerPreCheckoutQuery(false, {
        error_message: ctx.t(`topup-refused-${verdict.reason}`),
      });
  });

  payments.chatType("private").on("message:successful_payment", async (ctx) => {
    const paid = ctx.message.successful_payment;
    const credit = await creditPayment(db, {
      payload: paid.invoice_payload,
      amount: paid.total_amount,
      currency: paid.currency,
      telegramChargeId: paid.telegram_payment_charge_id,
      providerChargeId: paid.provider_payment_charge_id,
      telegramUserId: ctx.from.id,
    });
    if (credit.outcome === "unknown-invoice") {
      logger.error({ chargeId: paid.telegram_payment_charge_id }, "payment for an unknown invoice");
      await ctx.reply(ctx.t("topup-unknown-invoice"));
      return;
    }
    logger.info(
      { accountId: credit.accountId, amount: credit.amount, outcome: credit.outcome },
      "card payment",
    );
    const card = await getBalanceCard(db, credit.accountId, today());
    const lines = [
      ctx.t("topup-receipt", { amount: formatMoney(credit.amount), login: card.login }),
      ctx.t("balance-amount", { amount: formatMoney(card.balance) }),
      ctx.t(`balance-status-${card.status.toLowerCase()}`),
    ];
    if (card.enoughUntil)
      lines.push(
        ctx.t("balance-enough-until", { date: formatDay(card.enoughUntil), days: card.daysLeft }),
      );
    if (credit.unblocked) lines.push("", ctx.t("topup-unblocked"));
    await ctx.reply(lines.join("\n"));
  });

  const conversations = new Composer<BotContext>();
  conversations.chatType("private").use(createConversation(otherAmount, "topup-amount"));

  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  async function offer(ctx: BotContext) {
    const account = await accountOrSignIn(ctx, db);
    if (!account) return;
    if (!providerToken) {
      await ctx.reply(ctx.t("topup-not-configured"), {
        reply_markup: new InlineKeyboard().text(ctx.t("menu-contacts"), menuData("contacts")),
      });
      return;
    }
    const card = await getBalanceCard(db, account.id, today());
    const monthlyFee = (card.internet?.monthlyFee ?? 0) + (card.iptv?.monthlyFee ?? 0);
    const debt = card.balance < 0 ? Math.ceil(-card.balance / 100) * 100 : 0;
    const amounts = [...new Set([monthlyFee, debt, ...presets])].filter(
      (amount) => amount >= topUpLimits.min && amount <= topUpLimits.max,
    );
    const keyboard = new InlineKeyboard();
    for (const amount of amounts) {
      const key =
        amount === debt ? "topup-debt" : amount === monthlyFee ? "topup-month" : "topup-amount";
      keyboard
        .text(ctx.t(key, { amount: formatMoney(amount) }), `topup:${account.id}:${amount}`)
        .row();
    }
    keyboard.text(ctx.t("topup-other"), `topup:${account.id}:other`).row();
    keyboard.text(ctx.t("topup-missing"), "topup:missing");
    await ctx.reply(
      ctx.t("topup-choose", { login: account.login, balance: formatMoney(card.balance) }),
      { reply_markup: keyboard },
    );
  }

  privateChat.command("topup", offer);
  privateChat.callbackQuery(menuData("topup"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await offer(ctx);
  });

  // The contract in the button must still be the user's active one; the amount is re-checked.
  privateChat.callbackQuery(/^topup:(\d{1,9}):(\d{1,9}|other)$/, async (ctx) => {
    const account = await findActiveAccount(db, ctx.from.id);
    if (!account || account.id !== Number(ctx.match[1]) || !providerToken) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    if (ctx.match[2] === "other") {
      await ctx.conversation.enter("topup-amount", account.id, { overwrite: true });
      return;
    }
    const amount = Number(ctx.match[2]);
    await sendInvoice(
      ctx,
      await startTopUp(db, { accountId: account.id, telegramUserId: ctx.from.id, amount }),
    );
  });

  // "I paid but the balance did not change": the contract's recent invoices, and what became of one.
  privateChat.callbackQuery("topup:missing", async (ctx) => {
    const account = await findActiveAccount(db, ctx.from.id);
    if (!account) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    const recent = await recentPayments(db, account.id);
    if (recent.length === 0) {
      await ctx.reply(ctx.t("topup-missing-none"), {
        reply_markup: new InlineKeyboard().text(ctx.t("menu-contacts"), menuData("contacts")),
      });
      return;
    }
    const keyboard = InlineKeyboard.from(
      recent.map((payment) => [
        InlineKeyboard.text(
          ctx.t("topup-missing-line", {
            at: formatDateTime(payment.createdAt, config.timeZone),
            amount: formatMoney(payment.amount),
          }),
          `topup:which:${payment.id}`,
        ),
      ]),
    );
    await ctx.reply(ctx.t("topup-missing-choose", { login: account.login }), {
      reply_markup: keyboard,
    });
  });

  privateChat.callbackQuery(/^topup:which:(\d{1,9})$/, async (ctx) => {
    const account = await findActiveAccount(db, ctx.from.id);
    const payment = account && (await findPayment(db, account.id, Number(ctx.match[1])));
    if (!payment) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    const facts = {
      amount: formatMoney(payment.amount),
      at: formatDateTime(payment.createdAt, config.timeZone),
      paidAt: payment.paidAt ? formatDateTime(payment.paidAt, config.timeZone) : "",
      chargeId: payment.telegramChargeId ?? "",
    };
    await ctx.reply(ctx.t(`topup-missing-${payment.status.toLowerCase()}`, facts), {
      reply_markup: new InlineKeyboard().text(ctx.t("menu-contacts"), menuData("contacts")),
    });
  });

  return { payments, conversations, feature, offer };
}
