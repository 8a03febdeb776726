// What a subscriber is told when their message opens, reopens or joins a support ticket: the
// ticket's number and, out of working hours, when agents are back.
import type { TicketOpening } from "../../core/support/tickets.ts";
import { isWorkingTime, nextOpening } from "../../core/support/working-hours.ts";
import type { TranslatingContext } from "../context.ts";

/** `written`: the subscriber's message opened the ticket, and is already with the agents. */
export function ticketOpenedText(
  ctx: TranslatingContext,
  timeZone: string,
  outcome: TicketOpening["outcome"],
  id: number,
  { written = false } = {},
): string {
  // A ticket number, not a quantity: no digit grouping.
  const ticket = String(id);
  if (outcome === "existing") return ctx.t("support-existing", { ticket });
  if (outcome === "reopened") return ctx.t("support-reopened", { ticket });
  const now = new Date();
  if (isWorkingTime(now, timeZone))
    return ctx.t(written ? "support-opened-follow-up" : "support-opened", { ticket });
  const next = nextOpening(now, timeZone);
  return ctx.t(written ? "support-opened-follow-up-off-hours" : "support-opened-off-hours", {
    ticket,
    days: Math.min(next.daysAhead, 2),
    weekday: next.weekday,
    time: next.time,
  });
}
