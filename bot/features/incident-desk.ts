// An incident's side in the agents' group: ONE forum topic per incident, opened by the digest job
// once a subscriber has asked for an operator, with a card at the top (scope, ETA, how many told
// and wrote) edited at each run; what the attached write is posted there as a digest once a
// minute. Everything goes through the job, never through a subscriber's update: the group takes
// about 20 messages a minute, and a wave of subscribers waiting on it would wait minutes.
import type { I18n } from "@grammyjs/i18n";
import { type Api, InlineKeyboard } from "grammy";
import {
  claimIncidentTopic,
  type DigestLine,
  forgetIncidentTopic,
  incidentsWithoutTopic,
  markDigested,
  openIncidentsWithCard,
  pendingDigests,
  setIncidentCard,
} from "../../core/incidents/attached.ts";
import { findIncident, type Incident, progressOfIncident } from "../../core/incidents/incidents.ts";
import {
  claimTopicClose,
  releaseTopicClose,
  topicsToClose,
} from "../../core/incidents/topic-closing.ts";
import { CallCutError } from "../api-shutdown.ts";
import { buttonFamily, idField } from "../buttons.ts";
import { clockOf } from "../clock.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDateTime, formatTime } from "../format.ts";
import { incidentEntry, incidentWhere } from "../incident-words.ts";
import { fitText, lengthLimits } from "../length-limits.ts";
import { noticeMessage } from "../notice-messages.ts";
import { staffText } from "./staff-chat.ts";
import { isTopicGone } from "./support-relay.ts";

/** Telegram's limit for a forum topic's name. */
const topicNameLimit = 128;
/** A digest line's share of the post: the whole text stays in the database. */
const lineLimit = 500;
/**
 * Posts into one incident's topic per run (a minute), of the group's 20 a minute: 5 of ~50 lines
 * keep up with 1,000 subscribers writing within 5 minutes (npm run bench -- outage).
 */
const postsPerRun = 5;
/** Lines read for one post: more than short lines fill, so a post is full when there are enough. */
const linesPerPost = 100;
/**
 * Subscribers (each with a move button) in one post: a post ends before the next one, so every
 * subscriber in it has a button, and the keyboard stays below Telegram's 100 buttons. About as
 * many as short lines fill a post, so the digest keeps its pace.
 */
const subscribersPerPost = 50;
const buttonsPerRow = 4;
/** A move button names the subscriber in so many characters at most. */
const buttonNameLimit = 24;

/** `incmv:<incident id>:<ticket id>`: moves that subscriber's request out to a ticket of its own. */
export const moveButton = buttonFamily("incmv", { incidentId: idField(), ticketId: idField() });

export type IncidentDesk = ReturnType<typeof createIncidentDesk>;

type Digest = Awaited<ReturnType<typeof pendingDigests>>[number];

export function createIncidentDesk(
  deps: Pick<BotDeps, "db" | "config" | "logger" | "clock"> & { i18n: I18n<BotContext> },
  supportChatId: number,
) {
  const { db, config, logger } = deps;
  const now = clockOf(deps);
  const t = staffText(deps);

  async function cardText(incident: Incident) {
    const entry = incidentEntry(
      t,
      incident,
      await progressOfIncident(db, incident.id),
      config.timeZone,
    );
    if (incident.status !== "RESOLVED" || incident.resolvedAt === null) return entry;
    const resolved = t("incident-card-resolved", {
      at: formatDateTime(incident.resolvedAt, config.timeZone),
      by: incident.resolvedBy ?? "",
    });
    return `${entry}\n${resolved}`;
  }

  async function postCard(incident: Incident, topicId: number, api: Api) {
    const card = await api.sendMessage(supportChatId, await cardText(incident), {
      message_thread_id: topicId,
    });
    await setIncidentCard(db, incident.id, card.message_id);
  }

  /** The incident's topic, opened with its card by the first caller (across instances). */
  async function ensureTopic(api: Api, incident: Incident): Promise<number> {
    if (incident.topicId !== null) {
      // Opened earlier, its card not posted then (a failure after the topic was claimed).
      if (incident.cardMessageId === null) await postCard(incident, incident.topicId, api);
      return incident.topicId;
    }
    const name = t("incident-topic-name", {
      id: String(incident.id),
      where: incidentWhere(t, incident),
    });
    const topic = await api.createForumTopic(supportChatId, name.slice(0, topicNameLimit));
    if (!(await claimIncidentTopic(db, incident.id, topic.message_thread_id))) {
      // Another request opened one at the same moment: that one is the incident's.
      await api
        .deleteForumTopic(supportChatId, topic.message_thread_id)
        .catch((error: unknown) =>
          logger.warn({ err: error, incidentId: incident.id }, "spare incident topic left"),
        );
      const current = await findIncident(db, incident.id);
      if (current?.topicId == null) throw new Error(`incident ${incident.id} has no topic`);
      return current.topicId;
    }
    await postCard(incident, topic.message_thread_id, api);
    return topic.message_thread_id;
  }

  /** The card edited to the incident's current ETA and counts (unchanged: Telegram's no-op). */
  async function refreshCard(api: Api, incidentId: number) {
    const incident = await findIncident(db, incidentId);
    if (!incident?.cardMessageId) return;
    await api.editMessageText(supportChatId, incident.cardMessageId, await cardText(incident));
  }

  /** Topics (and cards) for the open incidents someone has been attached to since the last run. */
  async function openTopics(api: Api) {
    for (const incidentId of await incidentsWithoutTopic(db)) {
      const incident = await findIncident(db, incidentId);
      if (!incident) continue;
      await ensureTopic(api, incident).catch((error: unknown) => topicFailed(incident, error));
    }
  }

  /** A topic an agent deleted is forgotten (opened again next run); anything else is logged. */
  async function topicFailed(incident: Pick<Incident, "id" | "topicId">, error: unknown) {
    if (incident.topicId !== null && isTopicGone(error)) {
      logger.warn({ incidentId: incident.id }, "incident topic gone");
      await forgetIncidentTopic(db, incident.id, incident.topicId);
    } else logger.warn({ err: error, incidentId: incident.id }, "incident topic not posted to");
  }

  /** One button per subscriber in the post, in the order they appear. */
  function moveKeyboard(incidentId: number, lines: readonly DigestLine[]) {
    const keyboard = new InlineKeyboard();
    const seen = new Set<number>();
    for (const line of lines) {
      if (seen.has(line.ticketId)) continue;
      if (seen.size > 0 && seen.size % buttonsPerRow === 0) keyboard.row();
      seen.add(line.ticketId);
      const who = fitText(line.login ?? line.name, buttonNameLimit);
      keyboard.text(
        t("incident-move-button", { who }),
        moveButton.pack({ incidentId, ticketId: line.ticketId }),
      );
    }
    return keyboard;
  }

  const digestLine = (line: DigestLine) =>
    t("incident-digest-line", {
      at: formatTime(line.at, config.timeZone),
      name: line.name,
      login: line.login ?? t("support-topic-unlinked"),
      text: fitText(line.text, lineLimit),
    });

  /**
   * Posts per incident with what its attached wrote since the last ones: as many lines as fit a
   * message, at most `postsPerRun` posts a run; what does not fit waits for the next run.
   */
  async function postDigests(api: Api): Promise<{ digests: number; messages: number }> {
    await openTopics(api);
    let digests = 0;
    let messages = 0;
    for (const digest of await pendingDigests(db, postsPerRun * linesPerPost)) {
      // One incident's trouble (its topic deleted) holds up no other, nor the closing of topics.
      try {
        const posted = await postDigestsOf(api, digest);
        digests += posted.digests;
        messages += posted.messages;
      } catch (error) {
        await topicFailed({ id: digest.incidentId, topicId: digest.topicId }, error);
      }
    }
    for (const incidentId of await openIncidentsWithCard(db))
      await refreshCard(api, incidentId).catch((error: unknown) =>
        logger.warn({ err: error, incidentId }, "incident card not refreshed"),
      );
    return { digests, messages };
  }

  /** Up to `postsPerRun` posts of one incident's digest. */
  async function postDigestsOf(api: Api, digest: Digest) {
    let digests = 0;
    let messages = 0;
    let left = digest.lines.map((line, index) => ({
      id: digest.messageIds[index] as number,
      line,
      text: digestLine(line),
    }));
    for (let post = 0; post < postsPerRun && left.length > 0; post += 1) {
      const header = t("incident-digest");
      const taken: typeof left = [];
      const subscribers = new Set<number>();
      let length = header.length;
      for (const line of left) {
        if (taken.length > 0 && length + 1 + line.text.length > lengthLimits.text) break;
        const newcomer = !subscribers.has(line.line.ticketId);
        if (newcomer && subscribers.size === subscribersPerPost) break;
        subscribers.add(line.line.ticketId);
        taken.push(line);
        length += 1 + line.text.length;
      }
      const text = [header, ...taken.map((line) => line.text)].join("\n");
      await api.sendMessage(supportChatId, text, {
        message_thread_id: digest.topicId,
        reply_markup: moveKeyboard(
          digest.incidentId,
          taken.map((line) => line.line),
        ),
      });
      await markDigested(
        db,
        taken.map((line) => line.id),
        now(),
      );
      left = left.slice(taken.length);
      digests += 1;
      messages += taken.length;
    }
    return { digests, messages };
  }

  /**
   * Resolved incidents (all of them, or this one) whose topic is still open: a closing post with
   * what the subscribers were told, the card showing the resolve, and the topic closed. Each is
   * claimed first, so another caller (a second instance, the job after the staff chat's resolve)
   * does not close it again; a passing failure gives it back for the job's next run.
   */
  async function closeResolvedTopics(
    api: Api,
    incidentId?: number,
  ): Promise<{ topicsClosed: number }> {
    let closed = 0;
    for (const { incidentId: id, topicId } of await topicsToClose(db, incidentId)) {
      if (!(await claimTopicClose(db, id, now()))) continue;
      const incident = await findIncident(db, id);
      if (!incident?.resolvedAt) continue;
      const told = noticeMessage(
        t,
        { kind: "incident-restored", incidentId: id, text: incident.text },
        config.timeZone,
      );
      const closing = t("incident-topic-closing", {
        id: String(id),
        by: incident.resolvedBy ?? "",
        at: formatDateTime(incident.resolvedAt, config.timeZone),
        notice: told.text,
      });
      try {
        await api.sendMessage(supportChatId, fitText(closing, lengthLimits.text), {
          message_thread_id: topicId,
        });
      } catch (error) {
        if (isTopicGone(error)) {
          logger.warn({ incidentId: id, topicId }, "resolved incident's topic is gone");
          continue;
        }
        if (error instanceof CallCutError && error.mayHaveArrived) {
          // Cut by a stop on the wire: it may be in the topic, so it is never posted again.
          logger.warn({ incidentId: id }, "incident topic's closing post may not have arrived");
          continue;
        }
        await releaseTopicClose(db, id);
        logger.warn({ err: error, incidentId: id }, "incident topic not closed: tried again later");
        continue;
      }
      // Posted: from here a failure is logged, never a second closing post.
      await refreshCard(api, id).catch((error: unknown) =>
        logger.warn({ err: error, incidentId: id }, "resolved incident's card not edited"),
      );
      await api
        .closeForumTopic(supportChatId, topicId)
        .catch((error: unknown) =>
          logger.warn({ err: error, incidentId: id }, "resolved incident's topic left open"),
        );
      closed += 1;
    }
    return { topicsClosed: closed };
  }

  return { refreshCard, postDigests, closeResolvedTopics, staff: t };
}
