// The contract a Telegram user is looking at, checked against the links in the database.
import type { Db } from "../db.ts";

export interface AccountSummary {
  id: number;
  login: string;
  name: string;
}

/**
 * The user's active contract if it is still linked to them; otherwise their most recently linked
 * one; null when they have none.
 */
export async function findActiveAccount(
  db: Db,
  telegramUserId: number,
): Promise<AccountSummary | null> {
  const links = await db.accountLink.findMany({
    where: { telegramUserId: BigInt(telegramUserId) },
    orderBy: { linkedAt: "desc" },
    select: {
      account: { select: { id: true, login: true, name: true } },
      telegramUser: { select: { activeAccountId: true } },
    },
  });
  const active = links.find((link) => link.account.id === link.telegramUser.activeAccountId);
  return (active ?? links[0])?.account ?? null;
}
