// The two support jobs' domain: tickets whose subscriber has waited 15 working minutes for an
// answer (agents are alerted once per wait), and tickets idle for 48 hours (closed).
import type { Db } from "../db.ts";
import { closeTicket, type Ticket } from "./tickets.ts";
import { isWorkingTime } from "./working-hours.ts";

const unansweredAfterMs = 15 * 60_000;
const idleAfterMs = 48 * 60 * 60_000;

/** Working time between two instants, counted by the minute, up to `cap`. */
export function workingMsBetween(from: Date, to: Date, timeZone: string, cap: number): number {
  let counted = 0;
  for (let at = from.getTime(); at + 60_000 <= to.getTime() && counted < cap; at += 60_000) {
    if (isWorkingTime(new Date(at), timeZone)) counted += 60_000;
  }
  return counted;
}

export interface Unanswered {
  ticketId: number;
  topicId: number | null;
  /** The subscriber's first message after the last answer. */
  waitingSince: Date;
}

/**
 * Open tickets whose subscriber has waited at least 15 working minutes since their first message
 * after the last delivered agent answer, and whose agents were not alerted for this wait yet.
 * `alert` tells the agents; only once it has resolved are the tickets marked alerted, so an alert
 * that failed to go (or a crash before it went) is taken again on the next run. Nothing during
 * off hours.
 */
export async function takeUnanswered(
  db: Db,
  input: { now: Date; timeZone: string },
  alert: (due: Unanswered[]) => Promise<void>,
): Promise<Unanswered[]> {
  const { now, timeZone } = input;
  if (!isWorkingTime(now, timeZone)) return [];
  const open = await db.supportTicket.findMany({
    // A request attached to an outage is answered there, all at once.
    where: {
      status: "OPEN",
      incidentId: null,
      messages: { some: { direction: "FROM_SUBSCRIBER" } },
    },
    orderBy: { id: "asc" },
    select: {
      id: true,
      topicId: true,
      unansweredAlertAt: true,
      messages: {
        where: { OR: [{ direction: "FROM_SUBSCRIBER" }, { delivered: true }] },
        orderBy: { id: "asc" },
        select: { direction: true, createdAt: true },
      },
    },
  });
  const due: Unanswered[] = [];
  for (const ticket of open) {
    const lastAnswer = ticket.messages.findLastIndex((m) => m.direction === "FROM_AGENT");
    const waitingSince = ticket.messages[lastAnswer + 1]?.createdAt;
    if (!waitingSince) continue;
    if (ticket.unansweredAlertAt && ticket.unansweredAlertAt >= waitingSince) continue;
    if (workingMsBetween(waitingSince, now, timeZone, unansweredAfterMs) < unansweredAfterMs)
      continue;
    due.push({ ticketId: ticket.id, topicId: ticket.topicId, waitingSince });
  }
  if (due.length === 0) return [];
  await alert(due);
  await db.supportTicket.updateMany({
    where: { id: { in: due.map((ticket) => ticket.ticketId) } },
    data: { unansweredAlertAt: now },
  });
  return due;
}

/**
 * Closes the open tickets without a message for 48 hours, resolved at their last message; returns
 * the ones this run closed.
 */
export async function closeIdle(db: Db, input: { now: Date }): Promise<Ticket[]> {
  const idle = await db.supportTicket.findMany({
    where: { status: "OPEN", lastMessageAt: { lte: new Date(input.now.getTime() - idleAfterMs) } },
    orderBy: { id: "asc" },
    select: { id: true, lastMessageAt: true },
  });
  const closed: Ticket[] = [];
  for (const { id, lastMessageAt } of idle) {
    // The conversation ended with its last message, not with the 48 hours of waiting after it.
    const ticket = await closeTicket(db, id, input.now, lastMessageAt);
    if (ticket) closed.push(ticket);
  }
  return closed;
}
