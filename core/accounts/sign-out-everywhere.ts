// Signing a contract out of every Telegram user at once, after its password (checked under the
// login policy, as a sign-in is).
import type { Db } from "../db.ts";
import { checkPassword, type PasswordCheck, type PasswordChecker } from "./sign-in.ts";

export type SignOutEverywhere =
  | { outcome: "signed-out"; otherTelegramUserIds: number[] }
  | Exclude<PasswordCheck, { outcome: "correct" }>
  | { outcome: "not-linked" };

/**
 * After the contract's password, removes every Telegram user's link to it (the asking user's
 * too), and says whom else it signed out so they can be told.
 */
export async function signOutEverywhere(
  db: Db,
  billing: PasswordChecker,
  input: { telegramUserId: number; accountId: number; password: string; now?: Date },
): Promise<SignOutEverywhere> {
  const { telegramUserId, accountId } = input;
  const linked = await db.accountLink.findUnique({
    where: { telegramUserId_accountId: { telegramUserId: BigInt(telegramUserId), accountId } },
  });
  if (!linked || linked.suspendedAt) return { outcome: "not-linked" };
  const check = await checkPassword(db, billing, {
    telegramUserId,
    account: { id: accountId },
    password: input.password,
    ...(input.now ? { now: input.now } : {}),
  });
  if (check.outcome !== "correct") return check;

  const links = await db.accountLink.findMany({
    where: { accountId },
    select: { telegramUserId: true },
  });
  await db.$transaction([
    db.accountLink.deleteMany({ where: { accountId } }),
    db.telegramUser.updateMany({
      where: { activeAccountId: accountId },
      data: { activeAccountId: null },
    }),
  ]);
  return {
    outcome: "signed-out",
    otherTelegramUserIds: links
      .map((link) => Number(link.telegramUserId))
      .filter((id) => id !== telegramUserId),
  };
}
