// An attached subscriber whose question is not about the outage: an agent moves their request out
// of the incident, and it goes on as an ordinary ticket. The move is one conditional update, so a
// second press, a second agent or a second instance finds it done and does nothing again.
import type { Db } from "../db.ts";
import { findTicket, type Ticket } from "../support/tickets.ts";

export interface MovedMessage {
  text: string;
  at: Date;
  subscriberMessageId: number;
}

export type MovingOut =
  /** Moved by this call: what the subscriber wrote during the incident, oldest first. */
  | { outcome: "moved"; ticket: Ticket; messages: MovedMessage[] }
  /** Moved before (by another press). */
  | { outcome: "already"; ticket: Ticket }
  /** The incident is over: its attached requests were closed with it. */
  | { outcome: "resolved" }
  /** The request itself was closed meanwhile (idle for two days). */
  | { outcome: "closed" }
  /** No such request in this incident (a forged or mistaken button). */
  | { outcome: "not-found" };

export async function moveOutOfIncident(
  db: Db,
  input: { incidentId: number; ticketId: number; now?: Date },
): Promise<MovingOut> {
  const { incidentId, ticketId } = input;
  const now = input.now ?? new Date();
  const moved = await db.$transaction(async (tx) => {
    // The resolve closes the attached requests in one statement: a request is moved only while
    // both it and its incident are open, whichever of the two commits first.
    const claimed = await tx.supportTicket.updateMany({
      where: { id: ticketId, incidentId, status: "OPEN", incident: { status: "OPEN" } },
      data: { incidentId: null, lastMessageAt: now },
    });
    if (claimed.count === 0) return false;
    // What it wrote is in its own topic from now on, not in the incident's next digest.
    await tx.incidentMessage.updateMany({
      where: { incidentId, ticketId, digestedAt: null },
      data: { digestedAt: now },
    });
    return true;
  });
  const ticket = await findTicket(db, ticketId);
  const wroteHere = await db.incidentMessage.findMany({
    where: { incidentId, ticketId },
    orderBy: { id: "asc" },
    select: { text: true, createdAt: true, subscriberMessageId: true },
  });
  if (!ticket || wroteHere.length === 0) return { outcome: "not-found" };
  if (moved) {
    const messages = wroteHere.map(({ text, createdAt, subscriberMessageId }) => ({
      text,
      at: createdAt,
      subscriberMessageId,
    }));
    return { outcome: "moved", ticket, messages };
  }
  const incident = await db.incident.findUnique({ where: { id: incidentId } });
  if (incident?.status !== "OPEN") return { outcome: "resolved" };
  if (ticket.incidentId === incidentId) return { outcome: "closed" };
  return { outcome: "already", ticket };
}
