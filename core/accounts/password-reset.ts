// Setting a new contract password: earned by a code mailed to the contract's email (recovery) or
// by the current password (change), then used once, within 15 minutes, by the same Telegram user.
import type { Db } from "../db.ts";
import type { AccountSummary } from "./links.ts";
import { codeMatches, codePolicy, hashCode, judgeCode, newCode } from "./one-time-code.ts";
import { hashPassword } from "./password.ts";
import { type PasswordProblem, passwordProblem } from "./password-rules.ts";
import {
  checkPassword,
  linkTelegramUser,
  type PasswordCheck,
  type PasswordChecker,
} from "./sign-in.ts";
import type { TelegramProfile } from "./telegram-users.ts";

/** Recovery codes one contract may be sent in an hour. */
export const maxCodesPerHour = 3;
const hour = 60 * 60_000;

export type ResetStart =
  | { outcome: "sent"; resetId: number; login: string; email: string; code: string }
  | { outcome: "no-email" }
  | { outcome: "too-many"; retryAt: Date };

/**
 * Starts a recovery for a login: a code for the contract's email (the caller mails it). An
 * unknown login answers as a contract without email does.
 */
export async function startPasswordReset(
  db: Db,
  {
    login,
    telegramUserId,
    now = new Date(),
  }: { login: string; telegramUserId: number; now?: Date },
): Promise<ResetStart> {
  const account = await db.account.findUnique({
    where: { login: login.trim() },
    select: { id: true, login: true, email: true },
  });
  if (!account?.email) return { outcome: "no-email" };
  const recent = await db.passwordReset.findMany({
    where: {
      accountId: account.id,
      codeHash: { not: null },
      createdAt: { gt: new Date(now.getTime() - hour) },
    },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  const oldest = recent[0];
  if (oldest && recent.length >= maxCodesPerHour) {
    return { outcome: "too-many", retryAt: new Date(oldest.createdAt.getTime() + hour) };
  }
  const code = newCode();
  const reset = await db.passwordReset.create({
    data: {
      accountId: account.id,
      telegramUserId: BigInt(telegramUserId),
      codeHash: hashCode(code),
      expiresAt: new Date(now.getTime() + codePolicy.ttlMs),
      createdAt: now,
    },
    select: { id: true },
  });
  return { outcome: "sent", resetId: reset.id, login: account.login, email: account.email, code };
}

export type CodeEntry =
  | { outcome: "verified" }
  | { outcome: "wrong"; attemptsLeft: number }
  | { outcome: "expired" | "exhausted" | "used" };

/**
 * One try of a mailed code. The try is counted before the code is compared, in one conditional
 * update, so codes that arrive at once never get more comparisons than `codePolicy.maxAttempts`.
 */
export async function enterResetCode(
  db: Db,
  input: { resetId: number; telegramUserId: number; code: string; now?: Date },
): Promise<CodeEntry> {
  const now = input.now ?? new Date();
  const mine = { id: input.resetId, telegramUserId: BigInt(input.telegramUserId) };
  const { count } = await db.passwordReset.updateMany({
    where: {
      ...mine,
      codeHash: { not: null },
      usedAt: null,
      expiresAt: { gt: now },
      attempts: { lt: codePolicy.maxAttempts },
    },
    data: { attempts: { increment: 1 } },
  });
  const reset = await db.passwordReset.findFirst({ where: mine });
  if (!reset) return { outcome: "expired" };
  if (count === 0) {
    // Used, expired or out of tries (or a reset earned by a password, which has no code).
    const judged = judgeCode(reset, input.code, now);
    return { outcome: judged === "correct" || judged === "wrong" ? "expired" : judged };
  }
  if (reset.codeHash && codeMatches(input.code, reset.codeHash)) {
    await db.passwordReset.update({ where: { id: reset.id }, data: { verifiedAt: now } });
    return { outcome: "verified" };
  }
  const attemptsLeft = Math.max(0, codePolicy.maxAttempts - reset.attempts);
  return attemptsLeft > 0 ? { outcome: "wrong", attemptsLeft } : { outcome: "exhausted" };
}

export type ChangeOpening =
  | { outcome: "verified"; resetId: number }
  | Exclude<PasswordCheck, { outcome: "correct" }>;

/** The current password (checked under the login policy) earns the right to set a new one. */
export async function openPasswordChange(
  db: Db,
  billing: PasswordChecker,
  input: { telegramUserId: number; accountId: number; currentPassword: string; now?: Date },
): Promise<ChangeOpening> {
  const now = input.now ?? new Date();
  const check = await checkPassword(db, billing, {
    telegramUserId: input.telegramUserId,
    account: { id: input.accountId },
    password: input.currentPassword,
    now,
  });
  if (check.outcome !== "correct") return check;
  const reset = await db.passwordReset.create({
    data: {
      accountId: input.accountId,
      telegramUserId: BigInt(input.telegramUserId),
      verifiedAt: now,
      expiresAt: new Date(now.getTime() + codePolicy.ttlMs),
      createdAt: now,
    },
    select: { id: true },
  });
  return { outcome: "verified", resetId: reset.id };
}

export type NewPassword =
  | { outcome: "changed"; account: AccountSummary; otherTelegramUserIds: number[] }
  | { outcome: "weak"; problem: PasswordProblem }
  | { outcome: "expired" };

/**
 * Sets the new password once the reset is verified; unlocks the login and links the Telegram
 * user who did it. Returns the contract's other Telegram users, to be told.
 */
export async function setNewPassword(
  db: Db,
  input: { resetId: number; telegram: TelegramProfile; password: string; now?: Date },
): Promise<NewPassword> {
  const now = input.now ?? new Date();
  const reset = await db.passwordReset.findFirst({
    where: {
      id: input.resetId,
      telegramUserId: BigInt(input.telegram.id),
      verifiedAt: { not: null },
      usedAt: null,
      expiresAt: { gt: now },
    },
    select: { id: true, account: { select: { id: true, login: true, name: true } } },
  });
  if (!reset) return { outcome: "expired" };
  const problem = passwordProblem(input.password, reset.account.login);
  if (problem) return { outcome: "weak", problem };

  const passwordHash = await hashPassword(input.password);
  const used = await db.$transaction(async (tx) => {
    const { count } = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null },
      data: { usedAt: now },
    });
    if (count === 0) return false;
    await tx.account.update({
      where: { id: reset.account.id },
      data: { passwordHash, failedLoginCount: 0, lockedUntil: null },
    });
    return true;
  });
  if (!used) return { outcome: "expired" };

  await linkTelegramUser(db, input.telegram, reset.account.id, "PASSWORD");
  const links = await db.accountLink.findMany({
    where: { accountId: reset.account.id, telegramUserId: { not: BigInt(input.telegram.id) } },
    select: { telegramUserId: true },
  });
  return {
    outcome: "changed",
    account: reset.account,
    otherTelegramUserIds: links.map((link) => Number(link.telegramUserId)),
  };
}
