// The contracts a Telegram user has linked: which one is active, switching, unlinking.
import type { Db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/**
 * A link that stands: one the billing suspended (it stopped accepting the contract's credential)
 * shows nothing of the contract until its user signs in again (billing-credentials.ts).
 */
export const liveLink = { suspendedAt: null } as const;

export interface AccountSummary {
  id: number;
  login: string;
  name: string;
}

export interface LinkedAccount extends AccountSummary {
  active: boolean;
}

/** What of a TelegramUser row `linkedAccountsOf` reads: put in a select of it (one query, joined). */
export const linkedAccountsSelect = {
  activeAccountId: true,
  links: {
    where: liveLink,
    orderBy: { linkedAt: "asc" },
    select: { account: { select: { id: true, login: true, name: true } } },
  },
} as const satisfies Prisma.TelegramUserSelect;

type LinksRow = Prisma.TelegramUserGetPayload<{ select: typeof linkedAccountsSelect }>;

/** The linked contracts, the active one marked (or the most recently linked, if none is). */
export function linkedAccountsOf(user: LinksRow | null): LinkedAccount[] {
  if (!user) return [];
  const activeId =
    user.links.find((link) => link.account.id === user.activeAccountId)?.account.id ??
    user.links.at(-1)?.account.id;
  return user.links.map(({ account }) => ({ ...account, active: account.id === activeId }));
}

export async function listLinkedAccounts(db: Db, telegramUserId: number): Promise<LinkedAccount[]> {
  const user = await db.telegramUser.findUnique({
    where: { id: BigInt(telegramUserId) },
    select: linkedAccountsSelect,
  });
  return linkedAccountsOf(user);
}

/** The contract of the user's most recently suspended link, if any: to ask them to sign in again. */
export async function findSuspendedLink(
  db: Db,
  telegramUserId: number,
): Promise<{ login: string } | null> {
  const link = await db.accountLink.findFirst({
    where: { telegramUserId: BigInt(telegramUserId), suspendedAt: { not: null } },
    orderBy: { suspendedAt: "desc" },
    select: { account: { select: { login: true } } },
  });
  return link?.account ?? null;
}

/** Makes a linked contract the active one; false when the user has no link to it. */
export async function switchActiveAccount(
  db: Db,
  telegramUserId: number,
  accountId: number,
): Promise<boolean> {
  const { count } = await db.telegramUser.updateMany({
    where: { id: BigInt(telegramUserId), links: { some: { accountId, ...liveLink } } },
    data: { activeAccountId: accountId },
  });
  return count === 1;
}

/** Unlinks one contract (false if it was not linked); another linked one becomes active. */
export async function unlinkAccount(
  db: Db,
  telegramUserId: number,
  accountId: number,
): Promise<boolean> {
  const id = BigInt(telegramUserId);
  return db.$transaction(async (tx) => {
    const { count } = await tx.accountLink.deleteMany({ where: { telegramUserId: id, accountId } });
    if (count === 0) return false;
    const next = await tx.accountLink.findFirst({
      where: { telegramUserId: id, ...liveLink },
      orderBy: { linkedAt: "desc" },
      select: { accountId: true },
    });
    await tx.telegramUser.updateMany({
      where: { id, activeAccountId: accountId },
      data: { activeAccountId: next?.accountId ?? null },
    });
    return true;
  });
}

export async function unlinkAllAccounts(db: Db, telegramUserId: number): Promise<number> {
  const id = BigInt(telegramUserId);
  const [{ count }] = await db.$transaction([
    db.accountLink.deleteMany({ where: { telegramUserId: id } }),
    db.telegramUser.updateMany({ where: { id }, data: { activeAccountId: null } }),
  ]);
  return count;
}
