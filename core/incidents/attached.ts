// Subscribers who ask for an operator during an incident that reaches them: their request is
// attached to the incident instead of getting a topic of its own. The incident has one topic in
// the agents' group; what the attached write is kept here and posted there as a digest.
import { billingDayAt, dayAsDate } from "../billing/calendar.ts";
import type { Db } from "../db.ts";
import { openTicket, type Ticket } from "../support/tickets.ts";
import { incidentNoticeKinds } from "./incidents.ts";

export type Attaching =
  /** Attached now, or it was already. */
  | { outcome: "attached" | "already"; ticket: Ticket }
  /** The subscriber is in a conversation with an agent already: it stays theirs. */
  | { outcome: "own-ticket"; ticket: Ticket };

export async function attachToIncident(
  db: Db,
  input: { telegramUserId: number; accountId: number | null; incidentId: number; now?: Date },
): Promise<Attaching> {
  const { ticket } = await openTicket(db, input);
  if (ticket.incidentId === input.incidentId) return { outcome: "already", ticket };
  if (ticket.topicId !== null) return { outcome: "own-ticket", ticket };
  await db.supportTicket.update({
    where: { id: ticket.id },
    data: { incidentId: input.incidentId },
  });
  return { outcome: "attached", ticket: { ...ticket, incidentId: input.incidentId } };
}

/** A ticket whose incident is over goes on as an ordinary one. */
export async function detachTicket(db: Db, ticketId: number): Promise<void> {
  await db.supportTicket.update({ where: { id: ticketId }, data: { incidentId: null } });
}

/** Keeps what an attached subscriber wrote for the digest; true for their first message. */
export async function recordIncidentMessage(
  db: Db,
  input: {
    incidentId: number;
    ticketId: number;
    text: string;
    subscriberMessageId: number;
    now?: Date;
  },
): Promise<boolean> {
  const { now = new Date(), ...message } = input;
  const [earlier] = await db.$transaction([
    db.incidentMessage.count({ where: { incidentId: input.incidentId, ticketId: input.ticketId } }),
    db.incidentMessage.create({ data: { ...message, createdAt: now } }),
    db.supportTicket.update({ where: { id: input.ticketId }, data: { lastMessageAt: now } }),
  ]);
  return earlier === 0;
}

/** The incident's topic, if this caller is the first to set one; false: another one was set. */
export async function claimIncidentTopic(db: Db, incidentId: number, topicId: number) {
  const { count } = await db.incident.updateMany({
    where: { id: incidentId, topicId: null },
    data: { topicId },
  });
  return count === 1;
}

/**
 * The incident's topic is gone (an agent deleted it): an open incident gets a new one at the next
 * run; a resolved one has nowhere to post, so what waited for a digest is done with.
 */
export async function forgetIncidentTopic(db: Db, incidentId: number, topicId: number) {
  await db.$transaction([
    db.incident.updateMany({
      where: { id: incidentId, topicId, status: "OPEN" },
      data: { topicId: null, cardMessageId: null },
    }),
    db.incidentMessage.updateMany({
      where: { incidentId, digestedAt: null, incident: { status: "RESOLVED" } },
      data: { digestedAt: new Date() },
    }),
  ]);
}

export async function setIncidentCard(db: Db, incidentId: number, messageId: number) {
  await db.incident.update({ where: { id: incidentId }, data: { cardMessageId: messageId } });
}

export interface DigestLine {
  ticketId: number;
  name: string;
  login: string | null;
  text: string;
  at: Date;
}

/** What the attached wrote and is not in the topic yet, for incidents with a topic. */
/** Open incidents with a subscriber attached and no topic (or no card in it) in the group yet. */
export const incidentsWithoutTopic = async (db: Db) =>
  (
    await db.incident.findMany({
      where: {
        status: "OPEN",
        OR: [{ topicId: null }, { cardMessageId: null }],
        tickets: { some: {} },
      },
      orderBy: { id: "asc" },
      select: { id: true },
    })
  ).map((incident) => incident.id);

/** Open incidents whose topic has its card. */
export const openIncidentsWithCard = async (db: Db) =>
  (
    await db.incident.findMany({
      where: { status: "OPEN", cardMessageId: { not: null } },
      select: { id: true },
    })
  ).map((incident) => incident.id);

export async function pendingDigests(db: Db, limitPerIncident = 40) {
  const incidents = await db.incident.findMany({
    where: { topicId: { not: null }, messages: { some: { digestedAt: null } } },
    select: { id: true, topicId: true, status: true },
  });
  const digests = [];
  for (const incident of incidents) {
    const messages = await db.incidentMessage.findMany({
      where: { incidentId: incident.id, digestedAt: null },
      orderBy: { id: "asc" },
      take: limitPerIncident,
      select: {
        id: true,
        text: true,
        createdAt: true,
        ticket: {
          select: {
            id: true,
            telegramUser: { select: { firstName: true, lastName: true } },
            account: { select: { login: true } },
          },
        },
      },
    });
    const lines: DigestLine[] = messages.map((message) => ({
      ticketId: message.ticket.id,
      name: [message.ticket.telegramUser.firstName, message.ticket.telegramUser.lastName]
        .filter(Boolean)
        .join(" "),
      login: message.ticket.account?.login ?? null,
      text: message.text,
      at: message.createdAt,
    }));
    digests.push({
      incidentId: incident.id,
      topicId: incident.topicId as number,
      messageIds: messages.map((message) => message.id),
      lines,
    });
  }
  return digests;
}

export async function markDigested(db: Db, messageIds: number[], now = new Date()) {
  await db.incidentMessage.updateMany({
    where: { id: { in: messageIds }, digestedAt: null },
    data: { digestedAt: now },
  });
}

/** How many subscribers are attached: the card's "wrote". */
export async function attachedCount(db: Db, incidentId: number): Promise<number> {
  return db.supportTicket.count({ where: { incidentId } });
}

/** An agent's message to every attached subscriber, waiting for the agent's confirm. */
export async function draftIncidentReply(
  db: Db,
  input: { incidentId: number; text: string; agent: string; agentMessageId: number },
): Promise<{ id: number; recipients: number }> {
  const { id } = await db.incidentReply.create({ data: input, select: { id: true } });
  return { id, recipients: await attachedRecipients(db, input.incidentId) };
}

/** Attached subscribers with an open request who can be written to. */
export async function attachedRecipients(db: Db, incidentId: number): Promise<number> {
  return db.supportTicket.count({
    where: { incidentId, status: "OPEN", telegramUser: { reachable: true } },
  });
}

export type ReplySending =
  | { outcome: "sent"; recipients: number }
  | { outcome: "already"; recipients: number }
  | { outcome: "not-found" };

/** Confirmed: a notice per attached subscriber into the outbox, once whoever presses again. */
export async function sendIncidentReply(
  db: Db,
  input: { replyId: number; by: string; timeZone: string; now?: Date },
): Promise<ReplySending> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const claimed = await tx.incidentReply.updateMany({
      where: { id: input.replyId, sentAt: null },
      data: { sentAt: now, sentBy: input.by },
    });
    const reply = await tx.incidentReply.findUnique({ where: { id: input.replyId } });
    if (!reply) return { outcome: "not-found" };
    if (claimed.count === 0) return { outcome: "already", recipients: reply.recipients };
    const payload = JSON.stringify({ incidentId: reply.incidentId, text: reply.text });
    const recipients = await tx.$executeRaw`
      INSERT INTO "Notification" (key, kind, "telegramUserId", "incidentId", day, payload)
      SELECT DISTINCT 'incident-reply:' || ${reply.id}::int || ':' || t."telegramUserId",
             ${incidentNoticeKinds.reply}, t."telegramUserId", ${reply.incidentId}::int,
             ${dayAsDate(billingDayAt(now, input.timeZone))}::date, ${payload}::jsonb
      FROM "SupportTicket" t JOIN "TelegramUser" u ON u.id = t."telegramUserId" AND u.reachable
      WHERE t."incidentId" = ${reply.incidentId} AND t.status = 'OPEN'
      ON CONFLICT (key) DO NOTHING`;
    await tx.incidentReply.update({ where: { id: reply.id }, data: { recipients } });
    return { outcome: "sent", recipients };
  });
}

/** The agent thought better of it. */
export async function dropIncidentReply(db: Db, replyId: number): Promise<void> {
  await db.incidentReply.deleteMany({ where: { id: replyId, sentAt: null } });
}
