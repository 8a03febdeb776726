// An incident's side in the agents' group: ONE forum topic per incident, opened when its first
// subscriber asks for an operator, with a card at the top (scope, ETA, how many told and wrote)
// kept current by editing; what the attached write is posted there as a digest once a minute
// (the group takes about 20 messages a minute, a wave of subscribers would not fit one by one).
import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import {
  claimIncidentTopic,
  type DigestLine,
  markDigested,
  pendingDigests,
  setIncidentCard,
} from "../../core/incidents/attached.ts";
import { findIncident, type Incident, progressOfIncident } from "../../core/incidents/incidents.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatTime } from "../format.ts";
import { incidentEntry, incidentWhere } from "../incident-words.ts";
import { fitText, lengthLimits } from "../length-limits.ts";

/** Texts in the agents' group are in Russian, whoever triggered them. */
const staffLocale = "ru";
/** Telegram's limit for a forum topic's name. */
const topicNameLimit = 128;
/** A digest line's share of the post: the whole text stays in the database. */
const lineLimit = 500;
/** Posts into one incident's topic per run (a minute): the group's budget is 20 a minute. */
const postsPerRun = 3;

export type IncidentDesk = ReturnType<typeof createIncidentDesk>;

export function createIncidentDesk(
  deps: Pick<BotDeps, "db" | "config" | "logger"> & { i18n: I18n<BotContext> },
  supportChatId: number,
) {
  const { db, config, logger, i18n } = deps;
  const t = (key: string, variables?: Record<string, string | number>) =>
    i18n.t(staffLocale, key, variables);

  const cardText = async (incident: Incident) =>
    incidentEntry(t, incident, await progressOfIncident(db, incident.id), config.timeZone);

  /** The incident's topic, opened with its card by the first caller (across instances). */
  async function ensureTopic(api: Api, incident: Incident): Promise<number> {
    if (incident.topicId !== null) return incident.topicId;
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
    const card = await api.sendMessage(supportChatId, await cardText(incident), {
      message_thread_id: topic.message_thread_id,
    });
    await setIncidentCard(db, incident.id, card.message_id);
    return topic.message_thread_id;
  }

  /** The card edited to the incident's current ETA and counts. */
  async function refreshCard(api: Api, incidentId: number) {
    const incident = await findIncident(db, incidentId);
    if (!incident?.cardMessageId) return;
    await api.editMessageText(supportChatId, incident.cardMessageId, await cardText(incident));
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
    let digests = 0;
    let messages = 0;
    for (const digest of await pendingDigests(db, postsPerRun * 40)) {
      let left = digest.lines.map((line, index) => ({
        id: digest.messageIds[index] as number,
        text: digestLine(line),
      }));
      for (let post = 0; post < postsPerRun && left.length > 0; post += 1) {
        const header = t("incident-digest");
        const taken: typeof left = [];
        let length = header.length;
        for (const line of left) {
          if (taken.length > 0 && length + 1 + line.text.length > lengthLimits.text) break;
          taken.push(line);
          length += 1 + line.text.length;
        }
        const text = [header, ...taken.map((line) => line.text)].join("\n");
        await api.sendMessage(supportChatId, text, { message_thread_id: digest.topicId });
        await markDigested(
          db,
          taken.map((line) => line.id),
        );
        left = left.slice(taken.length);
        digests += 1;
        messages += taken.length;
      }
      await refreshCard(api, digest.incidentId).catch((error: unknown) =>
        logger.warn({ err: error, incidentId: digest.incidentId }, "incident card not refreshed"),
      );
    }
    return { digests, messages };
  }

  return { ensureTopic, refreshCard, postDigests, staff: t };
}
