// Fills every contract's street, house and flat from its address text with today's rules: for
// contracts stored before addresses were parsed, or after the rules learned a spelling. Writes
// only what changes, so a rerun writes nothing.
import type { Db } from "../db.ts";
import { addressFields } from "./address.ts";

export interface ReparseReport {
  contracts: number;
  parsed: number;
  updated: number;
  /** Contracts whose address stays text only. */
  unread: { login: string; address: string }[];
}

export async function reparseAddresses(db: Db): Promise<ReparseReport> {
  const accounts = await db.account.findMany({
    select: {
      id: true,
      login: true,
      address: true,
      street: true,
      streetKey: true,
      house: true,
      flat: true,
    },
    orderBy: { id: "asc" },
  });
  const report: ReparseReport = { contracts: accounts.length, parsed: 0, updated: 0, unread: [] };
  for (const account of accounts) {
    const fields = addressFields(account.address);
    if (fields.streetKey === null)
      report.unread.push({ login: account.login, address: account.address });
    else report.parsed += 1;
    const same = (Object.keys(fields) as (keyof typeof fields)[]).every(
      (key) => fields[key] === account[key],
    );
    if (same) continue;
    await db.account.update({ where: { id: account.id }, data: fields });
    report.updated += 1;
  }
  return report;
}
