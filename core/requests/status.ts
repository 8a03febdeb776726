// Staff move a request on: NEW -> IN_PROGRESS -> SIGNED, or REJECTED (with a reason) from either
// open status. SIGNED and REJECTED are final. A change applies only from the status it was
// pressed against, so two staff pressing at once change it once.
import type { Db } from "../db.ts";
import { rejectReasonField } from "./fields.ts";
import { findRequest, type RequestStatus, type RequestView } from "./request-view.ts";

export type StatusChangeInput =
  | { requestId: number; to: "IN_PROGRESS" | "SIGNED"; by: string; at?: Date }
  | { requestId: number; to: "REJECTED"; by: string; reason: string; at?: Date };

export type StatusChange =
  | { outcome: "changed"; request: RequestView; from: RequestStatus }
  | { outcome: "not-allowed"; request: RequestView }
  | { outcome: "not-found" }
  | { outcome: "bad-reason" };

const allowedFrom: Record<StatusChangeInput["to"], RequestStatus[]> = {
  IN_PROGRESS: ["NEW"],
  SIGNED: ["NEW", "IN_PROGRESS"],
  REJECTED: ["NEW", "IN_PROGRESS"],
};

/** Whether a request in this status can still be moved to that one. */
export const canChange = (from: RequestStatus, to: StatusChangeInput["to"]) =>
  allowedFrom[to].includes(from);

export async function changeStatus(db: Db, input: StatusChangeInput): Promise<StatusChange> {
  let rejectReason: string | null = null;
  if (input.to === "REJECTED") {
    const reason = rejectReasonField.safeParse(input.reason);
    if (!reason.success) return { outcome: "bad-reason" };
    rejectReason = reason.data;
  }
  const before = await findRequest(db, input.requestId);
  if (!before) return { outcome: "not-found" };
  if (!canChange(before.status, input.to)) return { outcome: "not-allowed", request: before };
  const { count } = await db.connectionRequest.updateMany({
    where: { id: input.requestId, status: before.status },
    data: {
      status: input.to,
      statusBy: input.by,
      statusAt: input.at ?? new Date(),
      rejectReason,
    },
  });
  const after = await findRequest(db, input.requestId);
  if (!after) return { outcome: "not-found" };
  if (count === 0) return { outcome: "not-allowed", request: after };
  return { outcome: "changed", request: after, from: before.status };
}
