// "I paid but the balance did not change": the subscriber picks one of the recent invoices or types
// the amount (and the day, the time) they remember; the bot explains what became of that payment
// (core/payments/missing-payment.ts) and, where that does not settle it, opens a support ticket
// whose topic gets the payment's details (topup-missing-ticket.ts).
import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import { billingDayAt } from "../../core/billing/calendar.ts";
import {
  type ExplainedPayment,
  explainPayment,
  findRememberedPayment,
  type PaymentRecollection,
  paymentRecollection,
  type RecollectionProblem,
  recollectionProblem,
} from "../../core/payments/missing-payment.ts";
import { recentPayments, topUpLimits } from "../../core/payments/topup.ts";
import { buttonFamily, idField, onButton } from "../buttons.ts";
import type { BotContext, BotConversation, ConversationContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDateTime, formatMoney } from "../format.ts";
import { hint } from "../hint.ts";
import { menuData } from "../keyboards/main-menu.ts";
import { helpData, paymentTicketsFeature, type Words, whenText } from "./topup-missing-ticket.ts";

const missingButton = buttonFamily("topup:missing");
/** The button that starts it, on /topup's keyboard. */
export const missingPaymentData = missingButton.pack({});
const whichButton = buttonFamily("topup:which", { paymentId: idField() });
const otherButton = buttonFamily("topup:missing:other");

const limits = { min: formatMoney(topUpLimits.min), max: formatMoney(topUpLimits.max) };

const explanationKeys = {
  PAID: "topup-missing-paid",
  PENDING: "topup-missing-pending",
  EXPIRED: "topup-missing-expired",
  MISMATCH: "topup-missing-mismatch",
} as const satisfies Record<ExplainedPayment["status"], string>;

const recollectionProblemKeys = {
  format: "topup-missing-bad-format",
  amount: "topup-missing-bad-amount",
  date: "topup-missing-bad-date",
  future: "topup-missing-bad-future",
} as const satisfies Record<RecollectionProblem, string>;

export function missingPaymentFeature(
  deps: Pick<BotDeps, "db" | "billing" | "config" | "logger" | "i18n">,
) {
  const { db, config } = deps;
  const tickets = paymentTicketsFeature(deps);
  const withSupport = tickets.available;
  const at = (instant: Date) => formatDateTime(instant, config.timeZone);

  /** "Write to support" when there is a support chat, and the contacts in any case. */
  function helpKeyboard(t: Words, data: string): InlineKeyboard {
    const keyboard = new InlineKeyboard();
    if (withSupport) keyboard.text(t("topup-missing-support"), data).row();
    return keyboard.text(t("menu-contacts"), menuData("contacts"));
  }

  /** What became of one invoice: credited (with its ledger entry), not paid, or expired. */
  function explanation(t: Words, payment: ExplainedPayment) {
    const facts = {
      amount: formatMoney(payment.amount),
      at: at(payment.createdAt),
      paidAt: payment.paidAt ? at(payment.paidAt) : "",
      chargeId: payment.telegramChargeId ?? "",
    };
    const lines = [t(explanationKeys[payment.status], facts)];
    if (payment.status === "PAID" && payment.entry)
      lines.push(
        t("topup-missing-paid-entry", {
          at: at(payment.entry.createdAt),
          amount: formatMoney(payment.entry.amount),
          balanceAfter: formatMoney(payment.entry.balanceAfter),
        }),
      );
    if (withSupport)
      lines.push(
        "",
        t(payment.status === "PAID" ? "topup-missing-still-wrong" : "topup-missing-write-support"),
      );
    return {
      text: lines.join("\n"),
      reply_markup: helpKeyboard(t, helpData.forPayment(payment.id)),
    };
  }

  /** No invoice of the contract matches what the subscriber remembers. */
  function notFound(t: Words, login: string, recollection: PaymentRecollection) {
    const text = [
      t("topup-missing-not-found", {
        amount: formatMoney(recollection.amount),
        when: whenText(t, recollection),
        login,
      }),
      "",
      t(withSupport ? "topup-missing-write-support" : "topup-missing-call"),
    ].join("\n");
    return { text, reply_markup: helpKeyboard(t, helpData.forRecollection(recollection)) };
  }

  /** The payment the subscriber remembers: its amount, perhaps its day and time. */
  async function rememberedPayment(
    conversation: BotConversation,
    ctx: ConversationContext,
    accountId: number,
    login: string,
  ) {
    await ctx.reply(ctx.t("topup-missing-ask"));
    for (;;) {
      const reply = await conversation.waitFor("message:text", {
        otherwise: (other) => hint(other, "topup-missing-bad-format"),
      });
      const now = new Date(await conversation.now());
      const read = paymentRecollection(billingDayAt(now, config.timeZone)).safeParse(
        reply.message.text,
      );
      if (!read.success) {
        await reply.reply(
          reply.t(recollectionProblemKeys[recollectionProblem(read.error)], limits),
        );
        continue;
      }
      const recollection = read.data;
      const telegramUserId = reply.from.id;
      // Plain data only: what an external step returns is stored with the conversation.
      const answer = await conversation.external(async () => {
        const active = await findActiveAccount(db, telegramUserId);
        if (active?.id !== accountId) return null;
        const found = await findRememberedPayment(db, {
          accountId,
          recollection,
          now,
          timeZone: config.timeZone,
          invoiceLifetimeMs: config.invoiceLifetimeMs,
        });
        const { text, reply_markup } = found
          ? explanation(reply.t, found)
          : notFound(reply.t, login, recollection);
        return { text, inline_keyboard: reply_markup.inline_keyboard };
      });
      if (!answer) {
        await reply.reply(reply.t("button-outdated"));
        return;
      }
      await reply.reply(answer.text, { reply_markup: { inline_keyboard: answer.inline_keyboard } });
      return;
    }
  }

  const conversations = new Composer<BotContext>();
  conversations.chatType("private").use(createConversation(rememberedPayment, "topup-missing"));

  const feature = new Composer<BotContext>().use(tickets.feature);
  const privateChat = feature.chatType("private");

  // "I paid but the balance did not change": the contract's recent invoices, and what became of one;
  // "another payment" asks what the subscriber remembers of it.
  onButton(privateChat, missingButton, async (ctx) => {
    const account = await findActiveAccount(db, ctx.from.id);
    if (!account) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    const recent = await recentPayments(db, account.id);
    if (recent.length === 0) {
      const text = [ctx.t("topup-missing-none")];
      if (withSupport) text.push("", ctx.t("topup-missing-write-support"));
      await ctx.reply(text.join("\n"), {
        reply_markup: helpKeyboard(ctx.t, helpData.withoutInvoices),
      });
      return;
    }
    const keyboard = InlineKeyboard.from(
      recent.map((payment) => [
        InlineKeyboard.text(
          ctx.t("topup-missing-line", {
            at: at(payment.createdAt),
            amount: formatMoney(payment.amount),
          }),
          whichButton.pack({ paymentId: payment.id }),
        ),
      ]),
    )
      .row()
      .text(ctx.t("topup-missing-other"), otherButton.pack({}));
    await ctx.reply(ctx.t("topup-missing-choose", { login: account.login }), {
      reply_markup: keyboard,
    });
  });

  onButton(privateChat, whichButton, async (ctx, { paymentId }) => {
    const account = await findActiveAccount(db, ctx.from.id);
    const payment = account && (await explainPayment(db, account.id, paymentId));
    if (!payment) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    const { text, reply_markup } = explanation(ctx.t, payment);
    await ctx.reply(text, { reply_markup });
  });

  onButton(privateChat, otherButton, async (ctx) => {
    const account = await findActiveAccount(db, ctx.from.id);
    if (!account) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter("topup-missing", account.id, account.login, { overwrite: true });
  });

  return { conversations, feature };
}
