// The support jobs' Telegram side: the unanswered-ticket alert in the agents' group (General
// topic) and the close of idle tickets, with the subscriber told and asked for a rating.
import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import { closeIdle, takeUnanswered } from "../../core/support/upkeep.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatTime } from "../format.ts";
import { createIncidentDesk } from "./incident-desk.ts";
import { ratingKeyboard } from "./support-rating.ts";
import { createRelay } from "./support-relay.ts";

/** A link to a topic of a supergroup, as Telegram clients open it. */
const topicLink = (chatId: number, threadId: number) =>
  `https://t.me/c/${String(chatId).replace(/^-100/, "")}/${threadId}`;

export function supportJobs(
  deps: Pick<BotDeps, "db" | "billing" | "config" | "logger" | "clock"> & {
    i18n: I18n<BotContext>;
  },
  api: Api,
) {
  const { db, config, logger } = deps;
  const supportChatId = config.supportChatId;
  const relay = supportChatId === undefined ? undefined : createRelay(deps, supportChatId);
  const desk = supportChatId === undefined ? undefined : createIncidentDesk(deps, supportChatId);

  /** One message in the General topic listing the tickets that wait 15 working minutes. */
  async function alertUnanswered(now = new Date()): Promise<{ alerted: number }> {
    if (!relay || supportChatId === undefined) return { alerted: 0 };
    // The tickets count as alerted once the message is in the group: if it fails, the job's next
    // run alerts them again (the error goes to the job's log).
    const due = await takeUnanswered(db, { now, timeZone: config.timeZone }, async (waiting) => {
      const lines = waiting.map((ticket) =>
        relay.staff("support-alert-line", {
          ticket: String(ticket.ticketId),
          since: formatTime(ticket.waitingSince, config.timeZone),
          link: ticket.topicId ? topicLink(supportChatId, ticket.topicId) : "",
        }),
      );
      await api.sendMessage(supportChatId, [relay.staff("support-alert"), ...lines].join("\n"));
    });
    return { alerted: due.length };
  }

  /** Closes tickets idle for 48 hours: the subscriber is told and asked to rate, the topic closed. */
  async function closeIdleTickets(now = new Date()): Promise<{ closed: number }> {
    if (!relay || supportChatId === undefined) return { closed: 0 };
    const closed = await closeIdle(db, { now });
    for (const ticket of closed) {
      try {
        await relay.tellSubscriber(api, ticket, "support-idle-closed", {
          reply_markup: ratingKeyboard(ticket.id),
        });
        if (ticket.topicId === null) continue;
        await api.sendMessage(supportChatId, relay.staff("support-agent-idle-closed"), {
          message_thread_id: ticket.topicId,
        });
        await relay.setTopicClosed(api, ticket.topicId, true);
      } catch (error) {
        logger.warn({ err: error, ticketId: ticket.id }, "idle ticket closed, not announced");
      }
    }
    return { closed: closed.length };
  }

  const postIncidentDigests = async () =>
    desk ? desk.postDigests(api) : { digests: 0, messages: 0 };

  /** Closes the topics of incidents resolved anywhere (staff chat, command line, monitoring). */
  const closeIncidentTopics = async () =>
    desk ? desk.closeResolvedTopics(api) : { topicsClosed: 0 };

  return { alertUnanswered, closeIdleTickets, postIncidentDigests, closeIncidentTopics };
}
