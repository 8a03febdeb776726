// "Write to support" from the missing-payment answers (topup-missing.ts): opens the subscriber's
// ticket as «Написать оператору» does and posts the payment's details into its topic, so the agents
// have them at once (core/support/tickets.ts, support-relay.ts). The buttons are drawn under
// topup-missing.ts's answers and checked again here when pressed (they are user input).
import { Composer } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import { rememberTelegramUser } from "../../core/accounts/telegram-users.ts";
import { type BillingDay, billingDayAt, isBillingDay } from "../../core/billing/calendar.ts";
import {
  type ExplainedPayment,
  explainPayment,
  findRememberedPayment,
  type PaymentRecollection,
  recentSearchDays,
} from "../../core/payments/missing-payment.ts";
import { recentPayments, topUpLimits } from "../../core/payments/topup.ts";
import { openTicket, recordMessage } from "../../core/support/tickets.ts";
import {
  buttonFamily,
  idField,
  numberField,
  onButton,
  orNoneField,
  textField,
} from "../buttons.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDateTime, formatDay, formatMoney } from "../format.ts";
import { telegramProfile } from "../telegram-profile.ts";
import { ticketOpenedText } from "./support-opened.ts";
import { createRelay } from "./support-relay.ts";

/** A translation in the subscriber's language (`ctx.t`) or the agents' (the relay's `staff`). */
export type Words = (key: string, variables?: Record<string, string | number>) => string;

// "Write to support" for one invoice, for a payment remembered but not found, or for a contract
// without invoices.
const helpForPaymentButton = buttonFamily("topup:help:p", { paymentId: idField() });
const helpForRecollectionButton = buttonFamily("topup:help:q", {
  amount: numberField(9),
  day: orNoneField(textField(/^\d{8}$/)),
  minute: orNoneField(numberField(4)),
});
const helpWithoutInvoicesButton = buttonFamily("topup:help:none");

const pad = (value: number) => String(value).padStart(2, "0");
const clock = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

/** The data of the "Write to support" buttons, drawn under topup-missing.ts's answers. */
export const helpData = {
  forPayment: (paymentId: number) => helpForPaymentButton.pack({ paymentId }),
  forRecollection: ({ amount, day, minute }: PaymentRecollection) =>
    helpForRecollectionButton.pack({ amount, day: day?.replaceAll("-", "") ?? null, minute }),
  withoutInvoices: helpWithoutInvoicesButton.pack({}),
};

/** A recollection back from its button; null for one the bot cannot have made. */
function recollectionFromData({
  amount,
  day,
  minute,
}: {
  amount: number;
  day: string | null;
  minute: number | null;
}): PaymentRecollection | null {
  const billingDay: BillingDay | null =
    day === null ? null : `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`;
  if (amount < topUpLimits.min || amount > topUpLimits.max) return null;
  if (billingDay !== null && !isBillingDay(billingDay)) return null;
  if (minute !== null && (minute >= 24 * 60 || billingDay === null)) return null;
  return { amount, day: billingDay, minute };
}

/** When the subscriber says they paid: "in the last 14 days", "on 12.03.2026 at about 14:30". */
export function whenText(t: Words, { day, minute }: PaymentRecollection): string {
  if (day !== null && minute !== null)
    return t("topup-missing-when-time", { day: formatDay(day), time: clock(minute) });
  if (day !== null) return t("topup-missing-when-day", { day: formatDay(day) });
  return t("topup-missing-when-recent", { days: recentSearchDays });
}

export function paymentTicketsFeature(
  deps: Pick<BotDeps, "db" | "billing" | "config" | "logger" | "i18n">,
) {
  const { db, billing, config, logger, i18n } = deps;
  const supportChatId = config.supportChatId;
  const relay =
    supportChatId === undefined
      ? undefined
      : createRelay({ db, billing, config, logger, i18n }, supportChatId);
  const at = (instant: Date) => formatDateTime(instant, config.timeZone);

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

  /**
   * Opens the subscriber's support ticket (or reuses the open one) and posts the payment's details
   * (`facts`, in the agents' words) to its topic as the subscriber's first word: the agents see
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
    const opened = await relay.ensureTopic(ctx.api, opening.ticket);
    if (opening.outcome === "reopened") await relay.reopenTopic(ctx.api, opened);
    const card = await billing.contractSummary(
      account.id,
      billingDayAt(new Date(), config.timeZone),
    );
    const details = [
      relay.staff("topup-ticket-title", { login: account.login }),
      ...(await facts(relay.staff)),
      relay.staff("topup-ticket-balance", { balance: formatMoney(card.balance) }),
    ].join("\n");
    const { sent: posted, ticket } = await relay.sendInTopic(ctx.api, opened, (topicId) =>
      ctx.api.sendMessage(supportChatId, details, { message_thread_id: topicId }),
    );
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

  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  // "Write to support": a ticket with the payment's details filled in for the agents.
  onButton(privateChat, helpForPaymentButton, async (ctx, { paymentId }) => {
    const account = await findActiveAccount(db, ctx.from.id);
    const payment = account && (await explainPayment(db, account.id, paymentId));
    if (!account || !payment) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    await openPaymentTicket(ctx, account, async (staff) => paymentFacts(staff, payment));
  });

  onButton(privateChat, helpForRecollectionButton, async (ctx, values) => {
    const account = await findActiveAccount(db, ctx.from.id);
    const recollection = recollectionFromData(values);
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
        invoiceLifetimeMs: config.invoiceLifetimeMs,
      });
      return [said, ...(found ? paymentFacts(staff, found) : [staff("topup-ticket-not-found")])];
    });
  });

  onButton(privateChat, helpWithoutInvoicesButton, async (ctx) => {
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

  return { available: relay !== undefined, feature };
}
