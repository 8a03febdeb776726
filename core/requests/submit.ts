// A prospect's request goes in once per phone: while one is open (NEW or IN_PROGRESS), a new one
// with the same phone is merged into it (the newest details win, comments add up) and the
// prospect is given its number. Requests for one phone are taken one at a time (a transaction
// lock on the phone), so two submitted at once still make one request.
import type { Db } from "../db.ts";
import { type RequestInput, requestInput } from "./fields.ts";
import { openStatuses, type RequestStatus } from "./request-view.ts";

export interface SubmittedRequest {
  outcome: "created" | "merged";
  requestId: number;
  status: RequestStatus;
}

export async function submitRequest(db: Db, input: RequestInput): Promise<SubmittedRequest> {
  const request = requestInput.parse(input);
  const tariff =
    request.tariffCode === null
      ? null
      : await db.tariff.findFirst({
          where: { code: request.tariffCode, kind: "INTERNET", active: true },
          select: { code: true },
        });
  const details = {
    name: request.name,
    town: request.town,
    address: request.address,
    tariffCode: tariff?.code ?? null,
    iptvWanted: request.iptvWanted,
    preferredTime: request.preferredTime,
  };
  const telegramUserId = request.telegramUserId === null ? null : BigInt(request.telegramUserId);

  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`connection-request:${request.phone}`}))`;
    const open = await tx.connectionRequest.findFirst({
      where: { phone: request.phone, status: { in: openStatuses } },
      orderBy: { createdAt: "asc" },
      select: { id: true, status: true, comment: true, telegramUserId: true },
    });
    if (!open) {
      const created = await tx.connectionRequest.create({
        data: { ...details, phone: request.phone, comment: request.comment, telegramUserId },
        select: { id: true, status: true },
      });
      return { outcome: "created", requestId: created.id, status: created.status };
    }
    await tx.connectionRequest.update({
      where: { id: open.id },
      data: {
        ...details,
        comment: addComment(open.comment, request.comment),
        telegramUserId: open.telegramUserId ?? telegramUserId,
      },
    });
    return { outcome: "merged", requestId: open.id, status: open.status };
  });
}

/** The comments of both requests, a repeated one once. */
function addComment(old: string | null, added: string | null): string | null {
  if (added === null || old?.includes(added)) return old;
  return old === null ? added : `${old}\n${added}`;
}
