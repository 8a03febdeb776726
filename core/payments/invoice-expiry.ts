// Card invoices nobody paid within their lifetime (INVOICE_LIFETIME_HOURS), marked EXPIRED: the
// checkout refuses them by age anyway, this makes their status say so. Safe while Telegram might
// still charge one: it charges only after the checkout approved the invoice within its lifetime,
// and a successful payment reported for an EXPIRED invoice is credited as for a PENDING one
// (markPaid in card-payment.ts), once. A rerun or a second instance finds nothing left to mark.
import type { Db } from "../db.ts";

/** Rows marked per statement: a few row locks at a time, however many invoices piled up. */
const batchSize = 1000;

export async function expireInvoices(
  db: Db,
  input: { now: Date; lifetimeMs: number; signal?: AbortSignal },
): Promise<{ expired: number }> {
  const cutoff = new Date(input.now.getTime() - input.lifetimeMs);
  let expired = 0;
  while (!input.signal?.aborted) {
    const due = await db.payment.findMany({
      where: { status: "PENDING", createdAt: { lt: cutoff } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true },
    });
    if (due.length === 0) break;
    // Only those still PENDING: one paid or expired at checkout since the read stays as it is.
    const { count } = await db.payment.updateMany({
      where: { id: { in: due.map(({ id }) => id) }, status: "PENDING" },
      data: { status: "EXPIRED" },
    });
    expired += count;
  }
  return { expired };
}
