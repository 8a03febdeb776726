// Announcements: one message to every reachable subscriber (a Telegram user linked to a contract
// that is not closed), or only to those whose contract has news on. Confirming one writes a
// notification per recipient into the outbox in one statement; the delivery engine sends them.
// The same text to the same audience again resumes the unfinished one, and is refused once it
// went out unless asked for again: an operator rerunning a command after a crash sends no one a
// second copy.
import { createHash } from "node:crypto";
import { z } from "zod";
import { billingDayAt, dayAsDate } from "../billing/calendar.ts";
import type { Db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { AnnouncementAudience } from "../generated/prisma/enums.ts";
import { multiline } from "../plain-text.ts";
import { noticeKinds } from "./notice-payload.ts";

export type Audience = AnnouncementAudience;

/** Telegram's limit for one message. */
export const announcementText = z
  .string()
  .trim()
  .min(1, { error: "the announcement is empty" })
  .max(4096, { error: "an announcement is at most 4,096 characters (one Telegram message)" })
  .regex(multiline, { error: "an announcement holds no control characters but line breaks" });

export interface AnnouncementProgress {
  id: number;
  audience: Audience | null;
  recipients: number;
  sent: number;
  failed: number;
  /** Their sender died mid-send: they may have arrived, and are not sent again. */
  unconfirmed: number;
  /** Neither sent nor failed yet. */
  left: number;
}

const hashOf = (text: string, entities: unknown[] | null) =>
  createHash("sha256")
    .update(JSON.stringify([text, entities ?? []]))
    .digest("hex");

const audienceWhere = (audience: Audience) =>
  audience === "NEWS_OPT_IN" ? Prisma.sql`AND a."newsOptIn" = true` : Prisma.empty;

/** How many Telegram users each audience reaches now. */
export async function countAudiences(db: Db): Promise<Record<Audience, number>> {
  const [row] = await db.$queryRaw<{ all: bigint; news: bigint }[]>`
    SELECT COUNT(DISTINCT u.id) AS all,
           COUNT(DISTINCT u.id) FILTER (WHERE a."newsOptIn") AS news
    FROM "TelegramUser" u
    JOIN "AccountLink" l ON l."telegramUserId" = u.id
    JOIN "Account" a ON a.id = l."accountId"
    WHERE u.reachable AND a.status <> 'CLOSED'`;
  return { ALL: Number(row?.all ?? 0), NEWS_OPT_IN: Number(row?.news ?? 0) };
}

/** A draft to confirm later (the staff chat's preview). */
export async function draftAnnouncement(
  db: Db,
  input: { text: string; entities: unknown[] | null; createdBy: string },
): Promise<number> {
  const text = announcementText.parse(input.text);
  const { id } = await db.announcement.create({
    data: {
      text,
      entities: (input.entities ?? undefined) as Prisma.InputJsonArray | undefined,
      textHash: hashOf(text, input.entities),
      createdBy: input.createdBy,
    },
    select: { id: true },
  });
  return id;
}

export type ConfirmResult =
  | { outcome: "confirmed"; progress: AnnouncementProgress }
  /** The same text to the same audience is still going out: that one continues. */
  | { outcome: "resumed"; progress: AnnouncementProgress }
  /** …or went out already, and sending it again was not asked for. */
  | { outcome: "already-sent"; progress: AnnouncementProgress; confirmedAt: Date }
  | { outcome: "not-found" };

/**
 * Confirms a draft for an audience and writes its notifications. A draft confirmed already (a
 * second press, another member) is not confirmed again.
 */
export async function confirmAnnouncement(
  db: Db,
  input: {
    id: number;
    audience: Audience;
    confirmedBy: string;
    timeZone: string;
    again?: boolean;
    now?: Date;
  },
): Promise<ConfirmResult> {
  const now = input.now ?? new Date();
  const draft = await db.announcement.findUnique({ where: { id: input.id } });
  if (!draft) return { outcome: "not-found" };
  if (draft.confirmedAt) return { outcome: "resumed", progress: await progressOf(db, draft.id) };
  const twin = await db.announcement.findFirst({
    where: { textHash: draft.textHash, audience: input.audience, confirmedAt: { not: null } },
    orderBy: { confirmedAt: "desc" },
  });
  if (twin?.confirmedAt && !input.again) {
    const progress = await progressOf(db, twin.id);
    if (progress.left > 0) return { outcome: "resumed", progress };
    return { outcome: "already-sent", progress, confirmedAt: twin.confirmedAt };
  }
  const recipients = await db.$transaction(async (tx) => {
    const { count } = await tx.announcement.updateMany({
      where: { id: draft.id, confirmedAt: null },
      data: { audience: input.audience, confirmedBy: input.confirmedBy, confirmedAt: now },
    });
    if (count === 0) return null;
    const day = dayAsDate(billingDayAt(now, input.timeZone));
    const written = await tx.$executeRaw`
      INSERT INTO "Notification" (key, kind, "telegramUserId", "announcementId", day)
      SELECT DISTINCT 'announcement:' || ${draft.id}::int || ':' || u.id,
             ${noticeKinds.announcement}, u.id, ${draft.id}::int, ${day}::date
      FROM "TelegramUser" u
      JOIN "AccountLink" l ON l."telegramUserId" = u.id
      JOIN "Account" a ON a.id = l."accountId"
      WHERE u.reachable AND a.status <> 'CLOSED' ${audienceWhere(input.audience)}
      ON CONFLICT (key) DO NOTHING`;
    await tx.announcement.update({ where: { id: draft.id }, data: { recipients: written } });
    return written;
  });
  const progress = await progressOf(db, draft.id);
  return recipients === null
    ? { outcome: "resumed", progress }
    : { outcome: "confirmed", progress };
}

/** The operator's one step: a new announcement, confirmed at once. */
export async function announce(
  db: Db,
  input: {
    text: string;
    audience: Audience;
    createdBy: string;
    timeZone: string;
    again?: boolean;
    now?: Date;
  },
): Promise<ConfirmResult> {
  const id = await draftAnnouncement(db, { ...input, entities: null });
  const result = await confirmAnnouncement(db, { ...input, id, confirmedBy: input.createdBy });
  // A resumed or refused one leaves the new draft unused.
  if (result.outcome !== "confirmed") await db.announcement.delete({ where: { id } });
  return result;
}

export async function progressOf(db: Db, id: number): Promise<AnnouncementProgress> {
  const announcement = await db.announcement.findUniqueOrThrow({
    where: { id },
    select: { audience: true, recipients: true },
  });
  const counts = await db.notification.groupBy({
    by: ["status"],
    where: { announcementId: id },
    _count: { _all: true },
  });
  const count = (...statuses: string[]) =>
    counts
      .filter((row) => statuses.includes(row.status))
      .reduce((sum, row) => sum + row._count._all, 0);
  return {
    id,
    audience: announcement.audience,
    recipients: announcement.recipients,
    sent: count("SENT"),
    failed: count("FAILED"),
    unconfirmed: count("UNCONFIRMED"),
    left: count("PENDING", "SENDING"),
  };
}

export async function findAnnouncement(db: Db, id: number) {
  return db.announcement.findUnique({ where: { id } });
}

/** Where the staff chat shows an announcement's progress. */
export async function recordControlMessage(
  db: Db,
  id: number,
  control: { chatId: number; messageId: number },
): Promise<void> {
  await db.announcement.update({
    where: { id },
    data: { controlChatId: BigInt(control.chatId), controlMessageId: control.messageId },
  });
}
