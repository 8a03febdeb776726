// Card payments recorded PAID that the billing has not confirmed: waiting for their next try, or
// stopped with the reason staff must look at. The operator's `payments --unposted`.
import type { Db } from "../db.ts";

export interface UnpostedPayment {
  id: number;
  login: string;
  amount: number;
  paidAt: Date;
  attempts: number;
  /** When the next try is due; null once stopped. */
  nextPostAt: Date | null;
  /** Why it was stopped, or null while it waits. */
  error: string | null;
}

export async function listUnposted(db: Db): Promise<UnpostedPayment[]> {
  const rows = await db.payment.findMany({
    where: { status: "PAID", postedAt: null },
    orderBy: { id: "asc" },
    select: {
      id: true,
      amount: true,
      paidAt: true,
      postAttempts: true,
      nextPostAt: true,
      postError: true,
      account: { select: { login: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    login: row.account.login,
    amount: row.amount,
    paidAt: row.paidAt ?? new Date(0),
    attempts: row.postAttempts,
    nextPostAt: row.postError ? null : row.nextPostAt,
    error: row.postError,
  }));
}
