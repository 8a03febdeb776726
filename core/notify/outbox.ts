// The notifications outbox: a job decides who is told what and writes it here (in the same
// transaction as the change it tells of, where there is one); the delivery engine sends it. Each
// row's key exists once, so deciding again (a rerun, a restart, a second instance) adds nothing.
import { liveLink } from "../accounts/links.ts";
import type { BillingDay } from "../billing/calendar.ts";
import { dayAsDate } from "../billing/calendar.ts";
import type { Db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";

type Writer = Db | Prisma.TransactionClient;

export interface NewNotification {
  key: string;
  kind: string;
  telegramUserId: bigint;
  accountId?: number;
  announcementId?: number;
  day: BillingDay;
  payload: Prisma.InputJsonObject;
}

/** Adds the notifications not there yet; returns how many were new. */
export async function enqueueNotifications(db: Writer, rows: NewNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { count } = await db.notification.createMany({
    data: rows.map((row) => ({ ...row, day: dayAsDate(row.day) })),
    skipDuplicates: true,
  });
  return count;
}

/** A notice about one contract goes to each reachable Telegram user linked to it, once a day. */
export async function enqueueAccountNotices(
  db: Writer,
  kind: string,
  day: BillingDay,
  notices: { accountId: number; payload: Prisma.InputJsonObject }[],
): Promise<number> {
  if (notices.length === 0) return 0;
  const links = await db.accountLink.findMany({
    where: {
      accountId: { in: notices.map((notice) => notice.accountId) },
      ...liveLink,
      telegramUser: { reachable: true },
    },
    select: { accountId: true, telegramUserId: true },
  });
  const payloadOf = new Map(notices.map((notice) => [notice.accountId, notice.payload]));
  return enqueueNotifications(
    db,
    links.map((link) => ({
      key: `${kind}:${link.accountId}:${link.telegramUserId}:${day}`,
      kind,
      telegramUserId: link.telegramUserId,
      accountId: link.accountId,
      day,
      payload: payloadOf.get(link.accountId) ?? {},
    })),
  );
}
