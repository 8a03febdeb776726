// The contract a Telegram user is looking at, checked against the links in the database: the one
// every handler that touches an account goes through.
import type { Db } from "../db.ts";
import { type AccountSummary, listLinkedAccounts } from "./links.ts";

export type { AccountSummary };

/**
 * The user's active contract if it is still linked to them; otherwise their most recently linked
 * one; null when they have none.
 */
export async function findActiveAccount(
  db: Db,
  telegramUserId: number,
): Promise<AccountSummary | null> {
  const linked = await listLinkedAccounts(db, telegramUserId);
  const active = linked.find((account) => account.active);
  return active ? { id: active.id, login: active.login, name: active.name } : null;
}
