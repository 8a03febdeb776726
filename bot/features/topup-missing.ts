// "I paid but the balance did not change": the subscriber picks one of the recent invoices or types
// the amount (and the day, the time) they remember; the bot explains what became of that payment
// (core/payments/missing-payment.ts) and, where that does not settle it, opens a support ticket
// whose topic gets the payment's details (core/support/tickets.ts, support-relay.ts).
import { createConversation } from "@grammyjs/conversations";
import { Composer, GrammyError, InlineKeyboard } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import { rememberTelegramUser } from "../../core/accounts/telegram-users.ts";
import { getBalanceCard } from "../../core/billing/balance.ts";
import { type BillingDay, billingDayAt, isBillingDay } from "../../core/billing/calendar.ts";
import {
  type ExplainedPayment,
  explainPayment,
  findRememberedPayment,
  type PaymentRecollection,
  paymentRecollection,
  type RecollectionProblem,
  recentSearchDays,
  recollectionProblem,
} from "../../core/payments/missing-payment.ts";
import { recentPayments, topUpLimits } from "../../core/payments/topup.ts";
import { openTicket, recordMessage, type Ticket } from "../../core/support/tickets.ts";
import type { BotContext, BotConversation, ConversationContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDateTime, formatDay, formatMoney } from "../format.ts";
import { hint } from "../hint.ts";
import { menuData } from "../keyboards/main-menu.ts";
import { telegramProfile } from "../telegram-profile.ts";
import { ticketOpenedText } from "./support-opened.ts";
import { createRelay } from "./support-relay.ts";

/** The button that starts it, on /topup's keyboard. */
export const missingPaymentData = "topup:missing";

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

/** A translation in the subscriber's language (`ctx.t`) or the agents' (the relay's `staff`). */
type Words = (key: string, variables?: Record<string, string | number>) => string;

const pad = (value: number) => String(value).padStart(2, "0");
const clock = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

/** What Telegram answers for a message to a topic the agents deleted. */
const topicGone = /thread not found|TOPIC_DELETED|TOPIC_ID_INVALID/i;

// "Write to support" for one invoice, for a payment remembered but not found, or for a contract
// without invoices. Callback data is user input: each part is checked again when pressed.
const helpForPayment = (paymentId: number) => `topup:help:p:${paymentId}`;
const helpForRecollection = ({ amount, day, minute }: PaymentRecollection) =>
  `topup:help:q:${amount}:${day?.replaceAll("-", "") ?? "-"}:${minute ?? "-"}`;
const helpWithoutInvoices = "topup:help:none";
const missingOther = "topup:missing:other";

/** A recollection back from its button; null for one the bot cannot have made. */
function recollectionFromData(
  amount: string,
  day: string,
  minute: string,
): PaymentRecollection | null {
  const kopecks = Number(amount);
  const billingDay: BillingDay | null =
    day === "-" ? null : `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`;
  const minuteOfDay = minute === "-" ? null : Number(minute);
  if (kopecks < topUpLimits.min || kopecks > topUpLimits.max) return null;
  if (billingDay !== null && !isBillingDay(billingDay)) return null;
  if (minuteOfDay !== null && (minuteOfDay >= 24 * 60 || billingDay === null)) return null;
  return { amount: kopecks, day: billingDay, minute: minuteOfDay };
}

/** When the subscriber says they paid: "in the last 14 days", "on 12.03.2026 at about 14:30". */
function whenText(t: Words, { day, minute }: PaymentRecollection): string {
  if (day !== null && minute !== null)
    return t("topup-missing-when-time", { day: formatDay(day), time: clock(minute) });
  if (day !== null) return t("topup-missing-when-day", { day: formatDay(day) });
  return t("topup-missing-when-recent", { days: recentSearchDays });
}

export function missingPaymentFeature(deps: Pick<BotDeps, "db" | "config" | "logger" | "i18n">) {
  const { db, config, logger, i18n } = deps;
  const today = () => billingDayAt(new Date(), config.timeZone);
  const supportChatId = config.supportChatId;
  const relay =
    supportChatId === undefined
      ? undefined
      : createRelay({ db, config, logger, i18n }, supportChatId);
  const at = (instant: Date) => formatDateTime(instant, config.timeZone);

  /** "Write to support" when there is a support chat, and the contacts in any case. */
  function helpKeyboard(t: Words, data: string): InlineKeyboard {
    const keyboard = new InlineKeyboard();
    if (relay) keyboard.text(t("topup-missing-support"), data).row();
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
    if (relay)
      lines.push(
        "",
        t(payment.status === "PAID" ? "topup-missing-still-wrong" : "topup-missing-write-support"),
      );
    return { text: lines.join("\n"), reply_markup: helpKeyboard(t, helpForPayment(payment.id)) };
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
      t(relay ? "topup-missing-write-support" : "topup-missing-call"),
    ].join("\n");
    return { text, reply_markup: helpKeyboard(t, helpForRecollection(recollection)) };
  }

  /** An invoice as the agents need it: status, both charge ids, the ledger entry. */
  function paymentFacts(staff: Words, payment: ExplainedPayment): string[] {
    const lines = [
      staff("topup-ticket-payment", {
        id: String(payment.id),
        at: at(payment.createdAt),
        amount: formatMoney(payment.amount),
        status: payment.status.toLowerCase(),
        paidAt: payment.paidAt ? at(payment.paidAt) : "",
      }),
    ];
    if (payment.telegramChargeId)
      lines.push(
        staff("topup-ticket-charge", {
          telegram: payment.telegramChargeId,
          provider: payment.providerChargeId ?? "—",
        }),
      );
    if (payment.status === "PAID")
      lines.push(
        payment.entry
          ? staff("topup-ticket-entry", {
              entry: String(payment.entry.id),
              at: at(payment.entry.createdAt),
              amount: formatMoney(payment.entry.amount),
              balanceAfter: formatMoney(payment.entry.balanceAfter),
            })
          : staff("topup-ticket-entry-missing"),
      );
    return lines;
  }

  /** What the subscriber is told when the ticket opens, in /support's words. */
  /**
   * Opens the subscriber's support ticket (or reuses the open one) as «Написать оператору» does,
   * and posts the payment's details to its topic as the subscriber's first word: the agents see
   * them at once, and the unanswered-ticket alert counts the wait from then.
   */
  async function openPaymentTicket(
    ctx: BotContext,
    account: { id: number; login: string },
    facts: (staff: Words) => Promise<string[]>,
  ) {
    const profile = telegramProfile(ctx);
    if (!ctx.chat || !ctx.from || !profile) return;
    if (!relay || supportChatId === undefined) {
      await ctx.reply(ctx.t("support-not-configured"));
      return;
    }
    await rememberTelegramUser(db, profile);
    const opening = await openTicket(db, { telegramUserId: ctx.from.id, accountId: account.id });
    let ticket: Ticket & { topicId: number } = await relay.ensureTopic(ctx.api, opening.ticket);
    if (opening.outcome === "reopened") await relay.reopenTopic(ctx.api, ticket);
    const card = await getBalanceCard(db, account.id, today());
    const details = [
      relay.staff("topup-ticket-title", { login: account.login }),
      ...(await facts(relay.staff)),
      relay.staff("topup-ticket-balance", { balance: formatMoney(card.balance) }),
    ].join("\n");
    const post = (topicId: number) =>
      ctx.api.sendMessage(supportChatId, details, { message_thread_id: topicId });
    const posted = await post(ticket.topicId).catch(async (error: unknown) => {
      if (!(error instanceof GrammyError) || !topicGone.test(error.description)) throw error;
      logger.warn({ ticketId: ticket.id, topicId: ticket.topicId }, "ticket topic gone: a new one");
      ticket = await relay.ensureTopic(ctx.api, { ...ticket, topicId: null });
      return post(ticket.topicId);
    });
    const told = await ctx.reply(
      [
        ticketOpenedText(ctx, config.timeZone, opening.outcome, ticket.id),
        "",
        ctx.t("topup-ticket-sent", { login: account.login }),
      ].join("\n"),
    );
    await recordMessage(db, {
      ticketId: ticket.id,
      direction: "FROM_SUBSCRIBER",
      subscriberChatId: ctx.chat.id,
      subscriberMessageId: told.message_id,
      agentChatId: supportChatId,
      agentMessageId: posted.message_id,
    });
    logger.info({ ticketId: ticket.id, accountId: account.id }, "payment question to support");
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

  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  // "I paid but the balance did not change": the contract's recent invoices, and what became of one;
  // "another payment" asks what the subscriber remembers of it.
  privateChat.callbackQuery(missingPaymentData, async (ctx) => {
    const account = await findActiveAccount(db, ctx.from.id);
    if (!account) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    const recent = await recentPayments(db, account.id);
    if (recent.length === 0) {
      const text = [ctx.t("topup-missing-none")];
      if (relay) text.push("", ctx.t("topup-missing-write-support"));
      await ctx.reply(text.join("\n"), {
        reply_markup: helpKeyboard(ctx.t, helpWithoutInvoices),
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
          `topup:which:${payment.id}`,
        ),
      ]),
    )
      .row()
      .text(ctx.t("topup-missing-other"), missingOther);
    await ctx.reply(ctx.t("topup-missing-choose", { login: account.login }), {
      reply_markup: keyboard,
    });
  });

  privateChat.callbackQuery(/^topup:which:(\d{1,9})$/, async (ctx) => {
    const account = await findActiveAccount(db, ctx.from.id);
    const payment = account && (await explainPayment(db, account.id, Number(ctx.match[1])));
    if (!payment) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    const { text, reply_markup } = explanation(ctx.t, payment);
    await ctx.reply(text, { reply_markup });
  });

  privateChat.callbackQuery(missingOther, async (ctx) => {
    const account = await findActiveAccount(db, ctx.from.id);
    if (!account) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter("topup-missing", account.id, account.login, { overwrite: true });
  });

  // "Write to support": a ticket with the payment's details filled in for the agents.
  privateChat.callbackQuery(/^topup:help:p:(\d{1,9})$/, async (ctx) => {
    const account = await findActiveAccount(db, ctx.from.id);
    const payment = account && (await explainPayment(db, account.id, Number(ctx.match[1])));
    if (!account || !payment) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    await openPaymentTicket(ctx, account, async (staff) => paymentFacts(staff, payment));
  });

  privateChat.callbackQuery(/^topup:help:q:(\d{1,9}):(\d{8}|-):(\d{1,4}|-)$/, async (ctx) => {
    const account = await findActiveAccount(db, ctx.from.id);
    const [, amount = "", day = "", minute = ""] = ctx.match;
    const recollection = recollectionFromData(amount, day, minute);
    if (!account || !recollection) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    await openPaymentTicket(ctx, account, async (staff) => {
      const said = staff("topup-ticket-recollection", {
        amount: formatMoney(recollection.amount),
        when: whenText(staff, recollection),
      });
      // Looked for again: the payment may have come in since the subscriber was answered.
      const found = await findRememberedPayment(db, {
        accountId: account.id,
        recollection,
        now: new Date(),
        timeZone: config.timeZone,
      });
      return [said, ...(found ? paymentFacts(staff, found) : [staff("topup-ticket-not-found")])];
    });
  });

  privateChat.callbackQuery(helpWithoutInvoices, async (ctx) => {
    const account = await findActiveAccount(db, ctx.from.id);
    if (!account) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    await openPaymentTicket(ctx, account, async (staff) => {
      const recent = await recentPayments(db, account.id, 1);
      return recent.length === 0 ? [staff("topup-ticket-no-invoices")] : [];
    });
  });

  return { conversations, feature };
}
