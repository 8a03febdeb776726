// /support: frequent questions with short answers and «Написать оператору», which opens a ticket
// (or reuses the open one) with a topic in the agents' group. While a ticket is open, or within a
// day of its close, what the subscriber writes goes to that topic, and later to a new ticket; the
// agents' side is in support-agents.ts, the copying both ways in support-relay.ts.
import type { I18n } from "@grammyjs/i18n";
import { Composer, InlineKeyboard } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import { rememberTelegramUser, setReachable } from "../../core/accounts/telegram-users.ts";
import {
  attachToIncident,
  detachTicket,
  recordIncidentMessage,
} from "../../core/incidents/attached.ts";
import { reportNoInternet } from "../../core/incidents/clusters.ts";
import { findIncident } from "../../core/incidents/incidents.ts";
import {
  hasHadTicket,
  openTicket,
  rateTicket,
  ticketForFollowUp,
} from "../../core/support/tickets.ts";
import { buttonFamily, onButton, oneOfField } from "../buttons.ts";
import { clockOf } from "../clock.ts";
import type { BotContext, TranslatingContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { incidentBanner, withBanner } from "../incident-banner.ts";
import { menuData } from "../keyboards/main-menu.ts";
import { telegramProfile } from "../telegram-profile.ts";
import { createIncidentDesk } from "./incident-desk.ts";
import { incidentMoveFeature } from "./incident-move.ts";
import { incidentTopicFeature } from "./incident-topic.ts";
import { staffText } from "./staff-chat.ts";
import { suggestionMessage } from "./staff-incidents.ts";
import { supportAgentsFeature } from "./support-agents.ts";
import { ticketOpenedText } from "./support-opened.ts";
import { ratingButton } from "./support-rating.ts";
import { createRelay, isRelayable, relayableKind } from "./support-relay.ts";

const questions = ["internet", "speed", "pay", "trust", "tariff", "iptv"] as const;
type Question = (typeof questions)[number];
const questionKeys = {
  internet: "support-faq-internet",
  speed: "support-faq-speed",
  pay: "support-faq-pay",
  trust: "support-faq-trust",
  tariff: "support-faq-tariff",
  iptv: "support-faq-iptv",
} as const satisfies Record<Question, string>;
const answerKeys = {
  internet: "support-answer-internet",
  speed: "support-answer-speed",
  pay: "support-answer-pay",
  trust: "support-answer-trust",
  tariff: "support-answer-tariff",
  iptv: "support-answer-iptv",
} as const satisfies Record<Question, string>;
const questionButton = buttonFamily("support:faq", { question: oneOfField(questions) });
const writeButton = buttonFamily("support:agent");
const backButton = buttonFamily("support:faq");

function faqScreen(ctx: TranslatingContext, banner: string | null) {
  const keyboard = new InlineKeyboard();
  questions.forEach((question, index) => {
    keyboard.text(ctx.t(questionKeys[question]), questionButton.pack({ question }));
    if (index % 2 === 1) keyboard.row();
  });
  keyboard.text(ctx.t("support-write-agent"), writeButton.pack({}));
  return { text: withBanner(banner, ctx.t("support-intro")), reply_markup: keyboard };
}

export function supportFeature(
  deps: Pick<
    BotDeps,
    "db" | "billing" | "config" | "logger" | "incidents" | "redis" | "background" | "clock"
  > & {
    i18n: I18n<BotContext>;
  },
) {
  const { db, config } = deps;
  const now = clockOf(deps);
  /** The open incidents that reach the user's active contract (none read when none is open). */
  const affecting = async (telegramUserId: number) => {
    if (!deps.incidents || !(await deps.incidents.anyOpen())) return [];
    const account = await findActiveAccount(db, telegramUserId);
    return account ? await deps.incidents.of(account.id) : [];
  };
  const bannerFor = async (ctx: BotContext & { from: { id: number } }) =>
    incidentBanner(ctx, await affecting(ctx.from.id), config.timeZone);
  /**
   * "No internet": the outage that explains it, or else a report that may complete a cluster
   * the staff are told of (core/incidents/clusters.ts).
   */
  const noInternet = async (ctx: BotContext & { from: { id: number } }) => {
    const banner = await bannerFor(ctx);
    if (banner || config.staffChatId === undefined) return banner;
    const account = await findActiveAccount(db, ctx.from.id);
    const suggestion =
      account && (await reportNoInternet(db, account.id, config.outageCluster, now()));
    if (suggestion) {
      const { text, reply_markup } = suggestionMessage(staffText(deps), suggestion);
      await ctx.api.sendMessage(config.staffChatId, text, { reply_markup });
    }
    return null;
  };
  const supportChatId = config.supportChatId;
  const relay = supportChatId === undefined ? undefined : createRelay(deps, supportChatId);
  const desk = supportChatId === undefined ? undefined : createIncidentDesk(deps, supportChatId);

  const feature = new Composer<BotContext>();
  // An incident's topic before the tickets' topics: a message there is for all its subscribers.
  if (desk && supportChatId !== undefined)
    feature.use(incidentTopicFeature(deps, desk, supportChatId));
  if (desk && relay && supportChatId !== undefined)
    feature.use(incidentMoveFeature(deps, desk, relay, supportChatId));
  if (relay && supportChatId !== undefined)
    feature.use(supportAgentsFeature(deps, relay, supportChatId));
  const privateChat = feature.chatType("private");

  const showFaq = async (ctx: BotContext & { from: { id: number } }) => {
    const { text, reply_markup } = faqScreen(ctx, await bannerFor(ctx));
    return ctx.reply(text, { reply_markup });
  };
  privateChat.command("support", showFaq);
  privateChat.callbackQuery(menuData("support"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await showFaq(ctx);
  });

  onButton(privateChat, questionButton, async (ctx, { question }) => {
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard()
      .text(ctx.t("support-write-agent"), writeButton.pack({}))
      .row()
      .text(ctx.t("support-back"), backButton.pack({}));
    const answer = ctx.t(answerKeys[question]);
    const banner = question === "internet" ? await noInternet(ctx) : null;
    await ctx.editMessageText(withBanner(banner, answer), {
      reply_markup: keyboard,
    });
  });

  onButton(privateChat, backButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    const { text, reply_markup } = faqScreen(ctx, await bannerFor(ctx));
    await ctx.editMessageText(text, { reply_markup });
  });

  onButton(privateChat, writeButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    if (!relay) {
      await ctx.reply(ctx.t("support-not-configured"));
      return;
    }
    const profile = telegramProfile(ctx);
    if (!profile) return;
    await rememberTelegramUser(db, profile);
    const account = await findActiveAccount(db, ctx.from.id);
    const [incident] = account ? await affecting(ctx.from.id) : [];
    if (incident && desk) {
      const attaching = await attachToIncident(db, {
        telegramUserId: ctx.from.id,
        accountId: account?.id ?? null,
        incidentId: incident.id,
        now: now(),
      });
      // The incident's topic and card follow from the digest job, within a minute.
      if (attaching.outcome !== "own-ticket") {
        await ctx.reply(ctx.t("support-incident-attached", { id: String(incident.id) }));
        return;
      }
    }
    const opening = await openTicket(db, {
      telegramUserId: ctx.from.id,
      accountId: account?.id ?? null,
    });
    const ticket = await relay.ensureTopic(ctx.api, opening.ticket);
    if (opening.outcome === "reopened") await relay.reopenTopic(ctx.api, ticket);
    await ctx.reply(ticketOpenedText(ctx, config.timeZone, opening.outcome, ticket.id));
  });

  // The rating asked for at the close: once, for the subscriber's own closed ticket.
  onButton(privateChat, ratingButton, async (ctx, { ticketId, rating }) => {
    const rated = await rateTicket(db, { ticketId, telegramUserId: ctx.from.id, rating });
    if (!rated) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    const asked = ctx.callbackQuery.message?.text;
    const thanks = ctx.t("support-rated", { rating });
    await ctx.editMessageText(asked ? `${asked}\n\n${thanks}` : thanks);
  });

  // What a subscriber who has asked for an agent before writes goes to their ticket's topic: the
  // open one, the one closed less than a day ago (reopened), or else a new one. Commands stay
  // commands; someone who never asked for an agent starts from the frequent questions.
  privateChat.on("message", async (ctx, next) => {
    const message = ctx.message;
    if (!relay || message.text?.startsWith("/")) return next();
    if (!isRelayable(message)) {
      if (await hasHadTicket(db, ctx.from.id)) await ctx.reply(ctx.t("support-not-copyable"));
      else await next();
      return;
    }
    const found = await ticketForFollowUp(db, { telegramUserId: ctx.from.id });
    if (!found) return next();
    if (found.ticket.incidentId !== null) {
      const incident = await findIncident(db, found.ticket.incidentId);
      if (incident?.status === "OPEN") {
        const first = await recordIncidentMessage(db, {
          incidentId: incident.id,
          ticketId: found.ticket.id,
          text: message.text ?? message.caption ?? relayableKind(message),
          subscriberMessageId: message.message_id,
          now: now(),
        });
        if (first) await ctx.reply(ctx.t("support-incident-noted"));
        return;
      }
      // The outage is over: what they write now is a question of its own.
      await detachTicket(db, found.ticket.id);
      found.ticket.incidentId = null;
    }
    // Writing again means the bot is not blocked (any more).
    if (!found.ticket.reachable) await setReachable(db, ctx.from.id, true);
    const ticket = await relay.ensureTopic(ctx.api, found.ticket);
    if (found.outcome === "reopened") await relay.reopenTopic(ctx.api, ticket);
    await relay.toAgents(ctx.api, ticket, message);
    if (found.outcome !== "existing")
      await ctx.reply(
        ticketOpenedText(ctx, config.timeZone, found.outcome, found.ticket.id, { written: true }),
      );
  });

  privateChat.on("edited_message", async (ctx, next) => {
    if (!relay || !(await relay.relayEdit(ctx.api, "subscriber", ctx.editedMessage))) return next();
  });

  return feature;
}
