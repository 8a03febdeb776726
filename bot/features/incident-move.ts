// An incident digest's "↗ <subscriber>" button: that subscriber's question is not about the outage,
// so their request leaves the incident and goes on as an ordinary ticket, with a topic of its own
// where what they wrote during the incident is posted first. The subscriber is told an operator
// answers them separately; what they write next goes to that topic. Agents only; once.
import type { I18n } from "@grammyjs/i18n";
import { Composer } from "grammy";
import { type MovedMessage, moveOutOfIncident } from "../../core/incidents/moving-out.ts";
import { recordMessage } from "../../core/support/tickets.ts";
import { onButton } from "../buttons.ts";
import { chatMembership } from "../chat-membership.ts";
import { clockOf } from "../clock.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDateTime } from "../format.ts";
import { lengthLimits, splitText } from "../length-limits.ts";
import { type IncidentDesk, moveButton } from "./incident-desk.ts";
import { staffName } from "./staff-chat.ts";
import { nonAgentRefusal } from "./support-agents.ts";
import type { Relay } from "./support-relay.ts";

export function incidentMoveFeature(
  deps: Pick<BotDeps, "db" | "config" | "logger" | "clock"> & { i18n: I18n<BotContext> },
  desk: IncidentDesk,
  relay: Relay,
  supportChatId: number,
) {
  const { db, config, logger } = deps;
  const t = desk.staff;
  const now = clockOf(deps);
  const refuseNonAgent = nonAgentRefusal(
    chatMembership(supportChatId, logger, config.membershipCheckTimeoutMs),
    t,
  );
  const feature = new Composer<BotContext>();
  const group = feature.filter((ctx) => ctx.chat?.id === supportChatId);

  /** What the subscriber wrote during the incident, as the new topic's first post (or posts). */
  const summaryOf = (incidentId: number, by: string, messages: readonly MovedMessage[]) =>
    [
      t("incident-move-summary", { id: String(incidentId), by }),
      ...messages.map((message) =>
        t("incident-move-summary-line", {
          at: formatDateTime(message.at, config.timeZone),
          text: message.text,
        }),
      ),
    ].join("\n");

  onButton(group, moveButton, async (ctx, { incidentId, ticketId }) => {
    if (await refuseNonAgent(ctx)) return;
    const result = await moveOutOfIncident(db, { incidentId, ticketId, now: now() });
    if (result.outcome === "not-found") {
      await ctx.answerCallbackQuery(t("button-outdated"));
      return;
    }
    if (result.outcome !== "moved") {
      const text =
        result.outcome === "already"
          ? t("incident-move-already", { ticket: String(result.ticket.id) })
          : t(result.outcome === "resolved" ? "incident-move-resolved" : "incident-move-closed");
      await ctx.answerCallbackQuery({ text, show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery(t("incident-move-moved", { ticket: String(result.ticket.id) }));
    const by = staffName(ctx.from);
    const opened = await relay.ensureTopic(ctx.api, result.ticket);
    const parts = splitText(summaryOf(incidentId, by, result.messages), lengthLimits.text);
    const { sent: posted } = await relay.sendInTopic(ctx.api, opened, async (topicId) => {
      const sent = [];
      for (const part of parts)
        sent.push(
          await ctx.api.sendMessage(supportChatId, part.text, { message_thread_id: topicId }),
        );
      return sent;
    });
    // An agent's reply to the summary goes to the subscriber as a reply to their last message.
    const last = result.messages.at(-1);
    const summary = posted.at(-1);
    if (last && summary)
      await recordMessage(db, {
        ticketId: opened.id,
        direction: "FROM_SUBSCRIBER",
        subscriberChatId: opened.chatId,
        subscriberMessageId: last.subscriberMessageId,
        agentChatId: supportChatId,
        agentMessageId: summary.message_id,
        at: last.at,
      });
    await relay.tellSubscriber(ctx.api, opened, "support-incident-moved");
    await desk
      .refreshCard(ctx.api, incidentId)
      .catch((error: unknown) =>
        logger.warn({ err: error, incidentId }, "incident card not refreshed"),
      );
  });

  return feature;
}
