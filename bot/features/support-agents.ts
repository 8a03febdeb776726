// The agents' side: a ticket's topic in the support group. Agents' messages go to the subscriber
// (except internal notes starting with //), their edits as edits; /close, /reopen and /card act on
// the ticket. Only members of the group act as agents (bot/chat-membership.ts, checked each time).
import type { I18n } from "@grammyjs/i18n";
import { type Api, Composer } from "grammy";
import type { Message, User } from "grammy/types";
import { billingDayAt } from "../../core/billing/calendar.ts";
import type { TrustRefusalReason } from "../../core/billing/trust.ts";
import { startTopUp, type TopUpStart, topUpLimits } from "../../core/payments/topup.ts";
import { getSubscriberCard } from "../../core/support/card.ts";
import { supportStats } from "../../core/support/stats.ts";
import {
  closeTicket,
  findTicket,
  findTicketByTopic,
  reopenTicket,
} from "../../core/support/tickets.ts";
import { onButton } from "../buttons.ts";
import { chatMembership, type Membership } from "../chat-membership.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDateTime, formatMoney } from "../format.ts";
import { localeOf } from "../i18n.ts";
import { cardButton, invoiceButton, renderCard, renderStats, trustButton } from "./support-card.ts";
import { ratingKeyboard } from "./support-rating.ts";
import { isRelayable, type Relay } from "./support-relay.ts";
import { sendTopUpInvoice } from "./topup.ts";

const isNote = (message: Message) => (message.text ?? message.caption ?? "").startsWith("//");
const nameOf = (user: User) => [user.first_name, user.last_name].filter(Boolean).join(" ");

const trustRefusalKeys = {
  closed: "support-trust-refused-closed",
  active: "support-trust-refused-active",
  "balance-fine": "support-trust-refused-balance-fine",
  "too-soon": "support-trust-refused-too-soon",
  disabled: "support-trust-refused-disabled",
  "wrong-day": "support-trust-refused-wrong-day",
  frozen: "support-trust-refused-frozen",
  "debt-too-deep": "support-trust-refused-debt-too-deep",
  "tariff-not-allowed": "support-trust-refused-tariff-not-allowed",
  "used-this-month": "support-trust-refused-used-this-month",
  "previous-not-paid": "support-trust-refused-previous-not-paid",
  changed: "support-trust-refused-changed",
} as const satisfies Record<TrustRefusalReason | "changed", string>;

const noInvoiceKeys = {
  closed: "support-invoice-closed",
  "out-of-range": "support-invoice-out-of-range",
} as const satisfies Record<Exclude<TopUpStart["outcome"], "invoice">, string>;

/**
 * For the agents' group's buttons: true, with an alert saying why, when the one who pressed is not
 * (or could not be checked to be) an agent.
 */
export function nonAgentRefusal(
  isAgent: (ctx: BotContext) => Promise<Membership>,
  staff: (key: string) => string,
) {
  return async (ctx: BotContext): Promise<boolean> => {
    const agent = await isAgent(ctx);
    if (agent === true) return false;
    const key = agent === false ? "support-agent-only" : "support-agent-check-failed";
    await ctx.answerCallbackQuery({ text: staff(key), show_alert: true });
    return true;
  };
}

export function supportAgentsFeature(
  deps: Pick<BotDeps, "db" | "billing" | "config" | "logger"> & { i18n: I18n<BotContext> },
  relay: Relay,
  supportChatId: number,
) {
  const { db, billing, config, logger } = deps;
  const { staff } = relay;
  const isAgent = chatMembership(supportChatId, logger, config.membershipCheckTimeoutMs);

  const refuseNonAgent = nonAgentRefusal(isAgent, staff);

  const say = (api: Api, threadId: number, key: string, variables?: Record<string, string>) =>
    api.sendMessage(supportChatId, staff(key, variables), { message_thread_id: threadId });

  const { tellSubscriber, setTopicClosed } = relay;

  /** Whether the command's sender is an agent; anyone else is told who may act. */
  async function fromAgent(ctx: BotContext): Promise<User | null> {
    const message = ctx.message;
    if (!message?.from) return null;
    const agent = await isAgent(ctx);
    if (agent === true) return message.from;
    await ctx.reply(staff(agent === false ? "support-agent-only" : "support-agent-check-failed"), {
      reply_parameters: { message_id: message.message_id },
    });
    return null;
  }

  const feature = new Composer<BotContext>();
  const group = feature.filter((ctx) => ctx.chat?.id === supportChatId);

  /** The ticket of the topic the command came from, when an agent sent it. */
  async function agentTicket(ctx: BotContext) {
    const threadId = ctx.message?.is_topic_message ? ctx.message.message_thread_id : undefined;
    const ticket = threadId === undefined ? null : await findTicketByTopic(db, threadId);
    if (!ticket || threadId === undefined) return null;
    const agent = await fromAgent(ctx);
    return agent ? { ticket, threadId, agent: nameOf(agent) } : null;
  }

  group.command("close", async (ctx) => {
    const found = await agentTicket(ctx);
    if (!found) return;
    const closed = await closeTicket(db, found.ticket.id);
    if (!closed) {
      await say(ctx.api, found.threadId, "support-agent-already-closed");
      return;
    }
    const told = await tellSubscriber(ctx.api, closed, "support-closed", {
      reply_markup: ratingKeyboard(closed.id),
    });
    await say(ctx.api, found.threadId, "support-agent-closed", { agent: found.agent });
    if (!told) await say(ctx.api, found.threadId, "support-agent-not-delivered");
    await setTopicClosed(ctx.api, found.threadId, true);
  });

  group.command("reopen", async (ctx) => {
    const found = await agentTicket(ctx);
    if (!found) return;
    const reopened = await reopenTicket(db, found.ticket.id);
    if (!reopened) {
      await say(ctx.api, found.threadId, "support-agent-already-open");
      return;
    }
    await setTopicClosed(ctx.api, found.threadId, false);
    await say(ctx.api, found.threadId, "support-agent-reopened", { agent: found.agent });
    if (!(await tellSubscriber(ctx.api, reopened, "support-reopened-by-agent")))
      await say(ctx.api, found.threadId, "support-agent-not-delivered");
  });

  group.command("card", async (ctx) => {
    const found = await agentTicket(ctx);
    if (!found) return;
    await relay.postCard(ctx.api, { ...found.ticket, topicId: found.threadId });
  });

  group.command("stats", async (ctx) => {
    if (!(await fromAgent(ctx))) return;
    const stats = await supportStats(db, { timeZone: config.timeZone });
    await ctx.reply(renderStats(staff, stats));
  });

  onButton(group, cardButton, async (ctx, { ticketId }) => {
    const ticket = await findTicket(db, ticketId);
    const message = ctx.callbackQuery.message;
    if (!ticket || !message || ticket.topicId !== message.message_thread_id) {
      await ctx.answerCallbackQuery(staff("button-outdated"));
      return;
    }
    if (await refuseNonAgent(ctx)) return;
    const card = await getSubscriberCard(
      db,
      billing,
      ticket.id,
      billingDayAt(new Date(), config.timeZone),
    );
    const { text, reply_markup } = renderCard(staff, card, config.timeZone, {
      invoices: config.paymentProviderToken !== undefined,
    });
    await ctx.editMessageText(text, { reply_markup });
    await ctx.answerCallbackQuery(staff("support-card-updated"));
  });

  // A trust payment on the subscriber's behalf: the same rules as theirs (core/billing/trust.ts).
  onButton(group, trustButton, async (ctx, { ticketId }) => {
    const ticket = await findTicket(db, ticketId);
    const threadId = ctx.callbackQuery.message?.message_thread_id;
    if (
      !ticket ||
      ticket.accountId === null ||
      threadId === undefined ||
      ticket.topicId !== threadId
    ) {
      await ctx.answerCallbackQuery(staff("button-outdated"));
      return;
    }
    if (await refuseNonAgent(ctx)) return;
    const result = await billing.grantTrust({ accountId: ticket.accountId, now: new Date() });
    if (result.outcome !== "granted") {
      const reason = result.outcome === "refused" ? result.reason : "changed";
      await ctx.answerCallbackQuery({
        text: staff(trustRefusalKeys[reason]),
        show_alert: true,
      });
      return;
    }
    await ctx.answerCallbackQuery();
    await say(ctx.api, threadId, "support-trust-granted", {
      agent: nameOf(ctx.from),
      amount: formatMoney(result.amount),
      until: formatDateTime(result.expiresAt, config.timeZone),
    });
    if (!(await tellSubscriber(ctx.api, ticket, "support-trust-granted-subscriber")))
      await say(ctx.api, threadId, "support-agent-not-delivered");
  });

  // A top-up invoice sent to the subscriber: the monthly fee, or the debt when it is larger.
  onButton(group, invoiceButton, async (ctx, { ticketId }) => {
    const ticket = await findTicket(db, ticketId);
    const threadId = ctx.callbackQuery.message?.message_thread_id;
    const token = config.paymentProviderToken;
    if (
      !ticket ||
      ticket.accountId === null ||
      threadId === undefined ||
      ticket.topicId !== threadId ||
      !token
    ) {
      await ctx.answerCallbackQuery(staff("button-outdated"));
      return;
    }
    if (await refuseNonAgent(ctx)) return;
    const card = await billing.contractSummary(
      ticket.accountId,
      billingDayAt(new Date(), config.timeZone),
    );
    const monthlyFee = (card.internet?.monthlyFee ?? 0) + (card.iptv?.monthlyFee ?? 0);
    const debt = card.balance < 0 ? Math.ceil(-card.balance / 100) * 100 : 0;
    const amount = Math.min(Math.max(monthlyFee, debt, topUpLimits.min), topUpLimits.max);
    const started = await startTopUp(db, {
      accountId: ticket.accountId,
      telegramUserId: ticket.telegramUserId,
      amount,
    });
    if (started.outcome !== "invoice") {
      await ctx.answerCallbackQuery({
        text: staff(noInvoiceKeys[started.outcome]),
        show_alert: true,
      });
      return;
    }
    await ctx.answerCallbackQuery();
    const locale = localeOf(ticket.languageCode);
    const sent = ticket.reachable
      ? await sendTopUpInvoice(
          ctx.api,
          ticket.chatId,
          (key, variables) => deps.i18n.t(locale, key, variables),
          started,
          { providerToken: token, receipts: config.receipts },
        ).then(
          () => true,
          () => false,
        )
      : false;
    await say(ctx.api, threadId, sent ? "support-invoice-sent" : "support-agent-not-delivered", {
      agent: nameOf(ctx.from),
      amount: formatMoney(amount),
    });
  });

  group.on("message", async (ctx) => {
    const message = ctx.message;
    const threadId = message.is_topic_message ? message.message_thread_id : undefined;
    if (threadId === undefined || !isRelayable(message) || isNote(message)) return;
    const ticket = await findTicketByTopic(db, threadId);
    if (!ticket) return;
    const agent = await isAgent(ctx);
    if (agent === "unknown") {
      await ctx.reply(staff("support-agent-check-failed-not-sent"), {
        reply_parameters: { message_id: message.message_id },
      });
      return;
    }
    if (!agent) {
      logger.info({ userId: ctx.from.id, ticketId: ticket.id }, "not an agent: not relayed");
      return;
    }
    if (ticket.status !== "OPEN") {
      await ctx.reply(staff("support-agent-ticket-closed"), {
        reply_parameters: { message_id: message.message_id },
      });
      return;
    }
    await relay.toSubscriber(ctx.api, ticket, message);
  });

  group.on("edited_message", async (ctx) => {
    if (!isNote(ctx.editedMessage)) await relay.relayEdit(ctx.api, "agent", ctx.editedMessage);
  });

  return feature;
}
