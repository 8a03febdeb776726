// Changing a contract's email: a code is sent to the new address, and the address is taken only
// when that code comes back (15 minutes, 5 tries, at most 3 codes an hour for a contract).
import { z } from "zod";
import type { Db } from "../db.ts";
import { codePolicy, hashCode, judgeCode, newCode } from "./one-time-code.ts";
import { accountToActOn, type ProfileTarget } from "./profile.ts";

export const emailChangePolicy = { maxCodesPerHour: 3 } as const;

const hour = 60 * 60_000;
const emailSchema = z.string().trim().max(254).pipe(z.email());

/** The address as typed, trimmed, if it is an email address. */
export function parseEmail(input: string): string | null {
  const parsed = emailSchema.safeParse(input);
  return parsed.success ? parsed.data : null;
}

export type EmailChangeRequest =
  /** `code` is for the mail to `email` only: never log or store it. */
  | { outcome: "code-created"; changeId: number; code: string; email: string; login: string }
  | { outcome: "invalid-email" }
  | { outcome: "same-email" }
  | { outcome: "too-many"; retryAt: Date }
  | { outcome: "not-linked" };

/** Creates a code for the new address (stored only hashed) for the caller to mail there. */
export async function requestEmailChange(
  db: Db,
  input: ProfileTarget & { email: string; now?: Date },
): Promise<EmailChangeRequest> {
  const { now = new Date() } = input;
  const email = parseEmail(input.email);
  if (!email) return { outcome: "invalid-email" };
  const accountId = await accountToActOn(db, input);
  if (accountId === null) return { outcome: "not-linked" };

  // The row lock serialises concurrent requests for one contract, from any instance.
  return db.$transaction(async (tx): Promise<EmailChangeRequest> => {
    const [account] = await tx.$queryRaw<{ login: string; email: string | null }[]>`
      SELECT login, email FROM "Account" WHERE id = ${accountId} FOR UPDATE`;
    if (!account) return { outcome: "not-linked" };
    if (account.email?.toLowerCase() === email.toLowerCase()) return { outcome: "same-email" };
    const recent = await tx.emailChange.findMany({
      where: { accountId, createdAt: { gt: new Date(now.getTime() - hour) } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    const oldest = recent[0];
    if (oldest && recent.length >= emailChangePolicy.maxCodesPerHour)
      return { outcome: "too-many", retryAt: new Date(oldest.createdAt.getTime() + hour) };
    const code = newCode();
    const change = await tx.emailChange.create({
      data: {
        accountId,
        telegramUserId: BigInt(input.telegramUserId),
        email,
        codeHash: hashCode(code),
        expiresAt: new Date(now.getTime() + codePolicy.ttlMs),
        createdAt: now,
      },
      select: { id: true },
    });
    return { outcome: "code-created", changeId: change.id, code, email, login: account.login };
  });
}

export type EmailChangeConfirmation =
  | { outcome: "changed"; email: string }
  | { outcome: "wrong"; attemptsLeft: number }
  | { outcome: "expired" | "exhausted" | "used" | "not-linked" };

/**
 * Takes the new address when the code is right. Every try counts (atomically), so 5 wrong codes
 * end the request however they arrive.
 */
export async function confirmEmailChange(
  db: Db,
  input: ProfileTarget & { changeId: number; code: string; now?: Date },
): Promise<EmailChangeConfirmation> {
  const { changeId, code, now = new Date() } = input;
  const accountId = await accountToActOn(db, input);
  if (accountId === null) return { outcome: "not-linked" };
  const owned = await db.emailChange.count({
    where: { id: changeId, accountId, telegramUserId: BigInt(input.telegramUserId) },
  });
  if (owned === 0) return { outcome: "not-linked" };

  const counted = await db.emailChange.update({
    where: { id: changeId },
    data: { attempts: { increment: 1 } },
  });
  const check = judgeCode({ ...counted, attempts: counted.attempts - 1 }, code, now);
  if (check === "wrong") {
    const attemptsLeft = codePolicy.maxAttempts - counted.attempts;
    return attemptsLeft > 0 ? { outcome: "wrong", attemptsLeft } : { outcome: "exhausted" };
  }
  if (check !== "correct") return { outcome: check };

  const changed = await db.$transaction(async (tx) => {
    const { count } = await tx.emailChange.updateMany({
      where: { id: changeId, usedAt: null },
      data: { usedAt: now },
    });
    if (count === 0) return false;
    await tx.account.update({ where: { id: accountId }, data: { email: counted.email } });
    return true;
  });
  return changed ? { outcome: "changed", email: counted.email } : { outcome: "used" };
}
