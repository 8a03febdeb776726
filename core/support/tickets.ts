// Support tickets: one open ticket per subscriber, reopened when they write again within a day of
// its close (later, a new one opens); its messages on both sides of the relay, so replies and
// edits find their counterpart.
import { findActiveAccount } from "../accounts/active-account.ts";
import type { Db } from "../db.ts";
import type { MessageDirection } from "../generated/prisma/enums.ts";

/** A subscriber who writes again this soon after the close reopens the same ticket. */
export const reopenWindowMs = 24 * 60 * 60_000;

export interface Ticket {
  id: number;
  telegramUserId: number;
  accountId: number | null;
  status: "OPEN" | "CLOSED";
  topicId: number | null;
  closedAt: Date | null;
  rating: number | null;
  /** The mass outage the ticket is attached to: its messages go to the incident's topic. */
  incidentId: number | null;
  /** The subscriber's private chat with the bot. */
  chatId: number;
  /** False after the subscriber blocked the bot (a 403). */
  reachable: boolean;
  languageCode: string | null;
}

const ticketFields = {
  id: true,
  telegramUserId: true,
  accountId: true,
  status: true,
  topicId: true,
  closedAt: true,
  rating: true,
  incidentId: true,
  telegramUser: { select: { chatId: true, reachable: true, languageCode: true } },
} as const;

type TicketRow = {
  id: number;
  telegramUserId: bigint;
  accountId: number | null;
  status: "OPEN" | "CLOSED";
  topicId: number | null;
  closedAt: Date | null;
  rating: number | null;
  incidentId: number | null;
  telegramUser: { chatId: bigint; reachable: boolean; languageCode: string | null };
};

const toTicket = (row: TicketRow): Ticket => ({
  id: row.id,
  telegramUserId: Number(row.telegramUserId),
  accountId: row.accountId,
  status: row.status,
  topicId: row.topicId,
  closedAt: row.closedAt,
  rating: row.rating,
  incidentId: row.incidentId,
  chatId: Number(row.telegramUser.chatId),
  reachable: row.telegramUser.reachable,
  languageCode: row.telegramUser.languageCode,
});

export async function findTicket(db: Db, ticketId: number): Promise<Ticket | null> {
  const row = await db.supportTicket.findUnique({ where: { id: ticketId }, select: ticketFields });
  return row && toTicket(row);
}

/** The ticket behind a forum topic of the agents' group. */
export async function findTicketByTopic(db: Db, topicId: number): Promise<Ticket | null> {
  const row = await db.supportTicket.findFirst({
    where: { topicId },
    orderBy: { id: "desc" },
    select: ticketFields,
  });
  return row && toTicket(row);
}

const latestTicket = (db: Db, telegramUserId: number) =>
  db.supportTicket.findFirst({
    where: { telegramUserId: BigInt(telegramUserId) },
    orderBy: { id: "desc" },
    select: ticketFields,
  });

/** The subscriber's latest ticket if it is open, or closed less than a day ago (then reopened). */
async function continueTicket(
  db: Db,
  latest: TicketRow,
  now: Date,
): Promise<{ ticket: Ticket; reopened: boolean } | null> {
  if (latest.status === "OPEN") return { ticket: toTicket(latest), reopened: false };
  if (!latest.closedAt || now.getTime() - latest.closedAt.getTime() >= reopenWindowMs) return null;
  const reopened = await reopenTicket(db, latest.id, now);
  if (reopened) return { ticket: reopened, reopened: true };
  // Someone else reopened it meanwhile (an agent's /reopen): it is open all the same.
  const current = await findTicket(db, latest.id);
  return current?.status === "OPEN" ? { ticket: current, reopened: false } : null;
}

async function createTicket(
  db: Db,
  input: { telegramUserId: number; accountId: number | null; now: Date },
): Promise<Ticket> {
  const row = await db.supportTicket.create({
    data: {
      telegramUserId: BigInt(input.telegramUserId),
      accountId: input.accountId,
      lastMessageAt: input.now,
      createdAt: input.now,
    },
    select: ticketFields,
  });
  return toTicket(row);
}

/**
 * The ticket a subscriber's message goes to: the open one, or one closed less than a day ago,
 * which is reopened. Null when there is neither.
 */
export async function ticketForMessage(
  db: Db,
  telegramUserId: number,
  now = new Date(),
): Promise<{ ticket: Ticket; reopened: boolean } | null> {
  const latest = await latestTicket(db, telegramUserId);
  return latest ? continueTicket(db, latest, now) : null;
}

/** Whether the subscriber has ever had a ticket (and so talks to agents by writing here). */
export async function hasHadTicket(db: Db, telegramUserId: number): Promise<boolean> {
  return (await latestTicket(db, telegramUserId)) !== null;
}

export type TicketOpening = { ticket: Ticket; outcome: "existing" | "reopened" | "created" };

/**
 * "Write to an agent": the open ticket, the one closed less than a day ago (reopened), or a new
 * one for the subscriber's active contract (null for a subscriber who has not signed in).
 */
export async function openTicket(
  db: Db,
  input: { telegramUserId: number; accountId: number | null; now?: Date },
): Promise<TicketOpening> {
  const now = input.now ?? new Date();
  const current = await ticketForMessage(db, input.telegramUserId, now);
  if (current)
    return { ticket: current.ticket, outcome: current.reopened ? "reopened" : "existing" };
  return { ticket: await createTicket(db, { ...input, now }), outcome: "created" };
}

/**
 * What a subscriber writes outside any conversation, for one who has asked for an agent before:
 * it goes to the open ticket, to the one closed less than a day ago (reopened), or else to a new
 * ticket for their active contract. Null for a subscriber who never had a ticket: they start
 * from the frequent questions (/support).
 */
export async function ticketForFollowUp(
  db: Db,
  input: { telegramUserId: number; now?: Date },
): Promise<TicketOpening | null> {
  const now = input.now ?? new Date();
  const latest = await latestTicket(db, input.telegramUserId);
  if (!latest) return null;
  const current = await continueTicket(db, latest, now);
  if (current)
    return { ticket: current.ticket, outcome: current.reopened ? "reopened" : "existing" };
  const account = await findActiveAccount(db, input.telegramUserId);
  const ticket = await createTicket(db, {
    telegramUserId: input.telegramUserId,
    accountId: account?.id ?? null,
    now,
  });
  return { ticket, outcome: "created" };
}

export async function setTopic(db: Db, ticketId: number, topicId: number): Promise<void> {
  await db.supportTicket.update({ where: { id: ticketId }, data: { topicId } });
}

/**
 * Closes an open ticket, resolved at `resolvedAt` (the close itself unless told otherwise); null
 * when it was not open (already closed by someone else).
 */
export async function closeTicket(db: Db, ticketId: number, now = new Date(), resolvedAt = now) {
  const { count } = await db.supportTicket.updateMany({
    where: { id: ticketId, status: "OPEN" },
    data: { status: "CLOSED", closedAt: now, resolvedAt },
  });
  return count === 1 ? findTicket(db, ticketId) : null;
}

/**
 * Reopens a closed ticket (its rating is for the closed conversation and goes; its resolution
 * time stays until the next close moves it); null if open.
 */
export async function reopenTicket(db: Db, ticketId: number, now = new Date()) {
  const { count } = await db.supportTicket.updateMany({
    where: { id: ticketId, status: "CLOSED" },
    data: { status: "OPEN", closedAt: null, rating: null, lastMessageAt: now },
  });
  return count === 1 ? findTicket(db, ticketId) : null;
}

/** The subscriber rates a closed ticket of theirs once, 1 to 5; false for anything else. */
export async function rateTicket(
  db: Db,
  input: { ticketId: number; telegramUserId: number; rating: number },
): Promise<boolean> {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) return false;
  const { count } = await db.supportTicket.updateMany({
    where: {
      id: input.ticketId,
      telegramUserId: BigInt(input.telegramUserId),
      status: "CLOSED",
      rating: null,
    },
    data: { rating: input.rating },
  });
  return count === 1;
}

export interface RelayedMessage {
  ticketId: number;
  direction: MessageDirection;
  subscriberChatId: number;
  subscriberMessageId: number | null;
  agentChatId: number;
  agentMessageId: number | null;
  delivered?: boolean;
  at?: Date;
}

/**
 * Records a message and its copy on the other side; the ticket's last message time moves, and
 * the first agent answer sets its first response time.
 */
export async function recordMessage(db: Db, message: RelayedMessage): Promise<void> {
  const at = message.at ?? new Date();
  const delivered = message.delivered ?? true;
  await db.$transaction([
    db.supportMessage.create({
      data: {
        ticketId: message.ticketId,
        direction: message.direction,
        subscriberChatId: BigInt(message.subscriberChatId),
        subscriberMessageId: message.subscriberMessageId,
        agentChatId: BigInt(message.agentChatId),
        agentMessageId: message.agentMessageId,
        delivered,
        createdAt: at,
      },
    }),
    db.supportTicket.update({ where: { id: message.ticketId }, data: { lastMessageAt: at } }),
    ...(message.direction === "FROM_AGENT" && delivered
      ? [
          db.supportTicket.updateMany({
            where: { id: message.ticketId, firstResponseAt: null },
            data: { firstResponseAt: at },
          }),
        ]
      : []),
  ]);
}

export interface Counterpart {
  ticketId: number;
  direction: MessageDirection;
  subscriberMessageId: number | null;
  agentMessageId: number | null;
}

/** The relayed pair a message of either side belongs to (its original or its copy). */
export async function findCounterpart(
  db: Db,
  side: "subscriber" | "agent",
  chatId: number,
  messageId: number,
): Promise<Counterpart | null> {
  const where =
    side === "subscriber"
      ? { subscriberChatId: BigInt(chatId), subscriberMessageId: messageId }
      : { agentChatId: BigInt(chatId), agentMessageId: messageId };
  return db.supportMessage.findFirst({
    where,
    orderBy: { id: "desc" },
    select: { ticketId: true, direction: true, subscriberMessageId: true, agentMessageId: true },
  });
}
