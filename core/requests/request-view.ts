// A connection request as the bot shows it to staff and to the prospect.
import type { Db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { ConnectionRequestStatus } from "../generated/prisma/enums.ts";

export type RequestStatus = ConnectionRequestStatus;

/** Statuses of a request someone still has to act on: one such request per phone. */
export const openStatuses: RequestStatus[] = ["NEW", "IN_PROGRESS"];

export interface RequestView {
  id: number;
  name: string;
  phone: string;
  town: string;
  address: string;
  /** null: the prospect asked to be advised. */
  tariff: { code: string; name: string } | null;
  iptvWanted: boolean;
  preferredTime: string;
  comment: string | null;
  status: RequestStatus;
  rejectReason: string | null;
  /** Who last changed the status, and when. */
  statusBy: string | null;
  statusAt: Date | null;
  staffMessageId: number | null;
  telegramUserId: number | null;
  createdAt: Date;
}

export const requestFields = {
  id: true,
  name: true,
  phone: true,
  town: true,
  address: true,
  tariffCode: true,
  iptvWanted: true,
  preferredTime: true,
  comment: true,
  status: true,
  rejectReason: true,
  statusBy: true,
  statusAt: true,
  staffMessageId: true,
  telegramUserId: true,
  createdAt: true,
} as const;

type RequestRow = Prisma.ConnectionRequestGetPayload<{ select: typeof requestFields }>;

/** Rows with their tariffs' names (a tariff withdrawn since is shown by its code). */
export async function toViews(db: Db, rows: RequestRow[]): Promise<RequestView[]> {
  const codes = [...new Set(rows.flatMap((row) => (row.tariffCode ? [row.tariffCode] : [])))];
  const tariffs =
    codes.length === 0
      ? []
      : await db.tariff.findMany({
          where: { code: { in: codes } },
          select: { code: true, name: true },
        });
  const names = new Map(tariffs.map((tariff) => [tariff.code, tariff.name]));
  return rows.map(({ tariffCode, telegramUserId, ...row }) => ({
    ...row,
    tariff: tariffCode ? { code: tariffCode, name: names.get(tariffCode) ?? tariffCode } : null,
    telegramUserId: telegramUserId === null ? null : Number(telegramUserId),
  }));
}

export async function findRequest(db: Db, id: number): Promise<RequestView | null> {
  const row = await db.connectionRequest.findUnique({ where: { id }, select: requestFields });
  if (!row) return null;
  const [view] = await toViews(db, [row]);
  return view ?? null;
}

/** Remembers the staff chat message that shows the request (its card). */
export async function recordStaffCard(db: Db, id: number, messageId: number): Promise<void> {
  await db.connectionRequest.update({ where: { id }, data: { staffMessageId: messageId } });
}
