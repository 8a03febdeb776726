// The daily digest of connection requests in the staff chat (a notice from core's digest job): the
// overdue requests, oldest first, as many as fit in one message.
import type { Notice } from "../../core/ports.ts";
import { formatDateTime } from "../format.ts";
import { fitLines, lengthLimits } from "../length-limits.ts";
import type { Vars } from "./staff-chat.ts";

export function requestsDigestMessage(
  t: (key: string, vars?: Vars) => string,
  notice: Extract<Notice, { kind: "requests-digest" }>,
  timeZone: string,
) {
  const lines = notice.requests.map((request) =>
    t("connect-digest-line", {
      id: String(request.id),
      date: formatDateTime(request.createdAt, timeZone),
      name: request.name,
      phone: request.phone,
    }),
  );
  const header = t("connect-digest", { count: String(notice.requests.length) });
  return {
    text: fitLines([header, ...lines], lengthLimits.text, (more) =>
      t("connect-digest-more", { more: String(more) }),
    ),
    reply_markup: undefined,
  };
}
