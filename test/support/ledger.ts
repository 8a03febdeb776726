// The ledger's invariant: every contract's cached balance is the sum of its entries.
import type { Db } from "../../core/db.ts";

/** Logins whose balance differs from the sum of their ledger entries (none, if all is well). */
export async function ledgerMismatches(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ login: string }[]>`
    SELECT a.login FROM "Account" a
    LEFT JOIN (SELECT "accountId", SUM(amount)::int AS total FROM "LedgerEntry" GROUP BY "accountId") l
      ON l."accountId" = a.id
    WHERE a.balance <> COALESCE(l.total, 0)`;
  return rows.map((row) => row.login);
}
