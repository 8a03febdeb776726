// Requests as staff and prospects look them up: the open ones, by phone, a prospect's own, and
// the NEW ones nobody has taken for too long.
import type { Db } from "../db.ts";
import { openStatuses, type RequestView, requestFields, toViews } from "./request-view.ts";

/** Open requests, oldest first (the ones waiting longest on top). */
export async function openRequests(db: Db, limit = 30): Promise<RequestView[]> {
  const rows = await db.connectionRequest.findMany({
    where: { status: { in: openStatuses } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: requestFields,
  });
  return toViews(db, rows);
}

export async function countOpenRequests(db: Db): Promise<number> {
  return db.connectionRequest.count({ where: { status: { in: openStatuses } } });
}

/** Every request with this E.164 phone, newest first. */
export async function requestsByPhone(db: Db, phone: string, limit = 5): Promise<RequestView[]> {
  const rows = await db.connectionRequest.findMany({
    where: { phone },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: requestFields,
  });
  return toViews(db, rows);
}

/** The requests a Telegram user sent, newest first. */
export async function requestsOfTelegramUser(
  db: Db,
  telegramUserId: number,
  limit = 5,
): Promise<RequestView[]> {
  const rows = await db.connectionRequest.findMany({
    where: { telegramUserId: BigInt(telegramUserId) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: requestFields,
  });
  return toViews(db, rows);
}

/** Requests still NEW that came in before `since`, oldest first. */
export async function newRequestsSince(db: Db, since: Date, limit = 50): Promise<RequestView[]> {
  const rows = await db.connectionRequest.findMany({
    where: { status: "NEW", createdAt: { lt: since } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: requestFields,
  });
  return toViews(db, rows);
}
