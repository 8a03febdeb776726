// The key figures an operator watches, read from the database: what /metrics' queue gauges and
// `npm run admin -- status` show.
import type { Db } from "../db.ts";

export interface StatusFigures {
  outboxPending: number;
  /** Seconds; 0 with nothing waiting. */
  outboxOldestPendingSeconds: number;
  /** Invoices sent and still payable (within their lifetime), not paid yet. */
  paymentsPending: number;
  paymentsUnposted: number;
  /** Stopped for staff (an answer that was not the payment, a refusal). */
  paymentsStopped: number;
  ticketsOpen: number;
  /** Seconds the oldest open ticket without an agent's answer has waited; 0 with none. */
  oldestUnansweredSeconds: number;
}

export async function statusFigures(
  db: Db,
  { invoiceLifetimeMs }: { invoiceLifetimeMs: number },
  now = new Date(),
): Promise<StatusFigures> {
  const seconds = (since: Date | undefined) =>
    since ? Math.max(0, (now.getTime() - since.getTime()) / 1000) : 0;
  const [
    outboxPending,
    oldest,
    paymentsPending,
    paymentsUnposted,
    paymentsStopped,
    ticketsOpen,
    unanswered,
  ] = await Promise.all([
    db.notification.count({ where: { status: { in: ["PENDING", "SENDING"] } } }),
    db.notification.findFirst({
      where: { status: "PENDING" },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
    // Older than its lifetime it can no longer be paid, even before invoice-expiry marks it.
    db.payment.count({
      where: { status: "PENDING", createdAt: { gte: new Date(now.getTime() - invoiceLifetimeMs) } },
    }),
    db.payment.count({ where: { status: "PAID", postedAt: null } }),
    db.payment.count({ where: { status: "PAID", postedAt: null, postError: { not: null } } }),
    db.supportTicket.count({ where: { status: "OPEN" } }),
    db.supportTicket.findFirst({
      where: { status: "OPEN", firstResponseAt: null },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
  ]);
  return {
    outboxPending,
    outboxOldestPendingSeconds: seconds(oldest?.createdAt),
    paymentsPending,
    paymentsUnposted,
    paymentsStopped,
    ticketsOpen,
    oldestUnansweredSeconds: seconds(unanswered?.createdAt),
  };
}
