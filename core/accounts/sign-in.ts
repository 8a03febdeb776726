// Linking a Telegram user to a contract: by login and password, or by their own phone number.
// The answer never tells whether a login exists; wrong passwords lock the login for a while.
import type { Db } from "../db.ts";
import type { AccountSummary } from "./links.ts";
import { loginPolicy } from "./login-policy.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { normalizePhone } from "./phone.ts";
import { rememberTelegramUser, type TelegramProfile } from "./telegram-users.ts";

export type PasswordSignIn =
  | { outcome: "linked"; account: AccountSummary }
  | { outcome: "invalid" }
  | { outcome: "locked"; until: Date }
  | { outcome: "too-many-tries"; retryAt: Date };

export type ContactSignIn =
  | { outcome: "linked"; account: AccountSummary }
  | { outcome: "not-own-contact" }
  | { outcome: "no-match" }
  | { outcome: "several-matches" };

export interface PasswordSignInInput {
  telegram: TelegramProfile;
  login: string;
  password: string;
  now?: Date;
}

const hour = 60 * 60_000;
let decoyHash: Promise<string> | undefined;

/** Spends the time a real check takes, so an unknown login answers as slowly as a known one. */
async function checkDecoy(password: string): Promise<void> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  await verifyPassword(password, await decoyHash);
}

export type PasswordCheck =
  | { outcome: "correct"; account: AccountSummary }
  | Exclude<PasswordSignIn, { outcome: "linked" }>;

/**
 * Checks a contract's password under the login policy: the Telegram user's tries per hour, the
 * login's lock, and a wrong password counted towards locking it. Every try is recorded.
 *
 * A try is first reserved (recorded as a failure) under locks on the Telegram user and on the
 * login, and only then checked: so tries that arrive at once are held to the same limits as tries
 * one after another, on any number of instances.
 */
export async function checkPassword(
  db: Db,
  input: {
    telegramUserId: number;
    account: { login: string } | { id: number };
    password: string;
    now?: Date;
  },
): Promise<PasswordCheck> {
  const { password, now = new Date() } = input;
  const reserved = await reserveTry(db, { ...input, now });
  if (reserved.outcome === "unknown-login") {
    await checkDecoy(password);
    return { outcome: "invalid" };
  }
  if (reserved.outcome !== "reserved") return reserved;

  const { account, attemptId } = reserved;
  if (!(await verifyPassword(password, account.passwordHash))) {
    const lockedUntil = await countFailure(db, account.id, now);
    return lockedUntil ? { outcome: "locked", until: lockedUntil } : { outcome: "invalid" };
  }
  await db.$transaction([
    db.loginAttempt.update({ where: { id: attemptId }, data: { success: true } }),
    db.account.update({ where: { id: account.id }, data: { failedLoginCount: 0 } }),
  ]);
  return {
    outcome: "correct",
    account: { id: account.id, login: account.login, name: account.name },
  };
}

type Reservation =
  | {
      outcome: "reserved";
      attemptId: number;
      account: AccountSummary & { passwordHash: string };
    }
  | { outcome: "unknown-login" }
  | Extract<PasswordSignIn, { outcome: "locked" } | { outcome: "too-many-tries" }>;

/** Records the try as a failure, if the policy allows one; the check may turn it into a success. */
function reserveTry(
  db: Db,
  input: { telegramUserId: number; account: { login: string } | { id: number }; now: Date },
): Promise<Reservation> {
  const { now } = input;
  const telegramUserId = BigInt(input.telegramUserId);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login-tries:${telegramUserId}`}))`;
    const recentTries = await tx.loginAttempt.findMany({
      where: { telegramUserId, createdAt: { gt: new Date(now.getTime() - hour) } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    const oldest = recentTries[0];
    if (oldest && recentTries.length >= loginPolicy.maxTriesPerHour) {
      return { outcome: "too-many-tries", retryAt: new Date(oldest.createdAt.getTime() + hour) };
    }

    const [locked] =
      "id" in input.account
        ? await tx.$queryRaw<{ id: number }[]>`
            SELECT id FROM "Account" WHERE id = ${input.account.id} FOR UPDATE`
        : await tx.$queryRaw<{ id: number }[]>`
            SELECT id FROM "Account" WHERE login = ${input.account.login.trim()} FOR UPDATE`;
    const account = locked
      ? await tx.account.findUnique({
          where: { id: locked.id },
          select: { id: true, login: true, name: true, passwordHash: true, lockedUntil: true },
        })
      : null;
    const triedLogin =
      account?.login ?? ("login" in input.account ? input.account.login.trim() : "");
    const { id: attemptId } = await tx.loginAttempt.create({
      data: { telegramUserId, login: triedLogin.slice(0, 64), success: false, createdAt: now },
      select: { id: true },
    });

    if (!account) return { outcome: "unknown-login" };
    if (account.lockedUntil && account.lockedUntil > now) {
      return { outcome: "locked", until: account.lockedUntil };
    }
    // Tries still being checked count as failures until they turn out right.
    if ((await failuresSince(tx, account, now)) > loginPolicy.maxFailures) {
      const until = new Date(now.getTime() + loginPolicy.lockMs);
      await tx.account.update({
        where: { id: account.id },
        data: { failedLoginCount: 0, lockedUntil: until },
      });
      return { outcome: "locked", until };
    }
    const { lockedUntil: _, ...checkable } = account;
    return { outcome: "reserved", attemptId, account: checkable };
  });
}

type Transaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Wrong passwords for the login in the sliding window (since its last lock or successful sign-in). */
async function failuresSince(
  tx: Transaction,
  account: { login: string; lockedUntil: Date | null },
  now: Date,
): Promise<number> {
  const lastSuccess = await tx.loginAttempt.findFirst({
    where: { login: account.login, success: true, createdAt: { lte: now } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const since = Math.max(
    now.getTime() - loginPolicy.failureWindowMs,
    account.lockedUntil?.getTime() ?? 0,
    lastSuccess?.createdAt.getTime() ?? 0,
  );
  return tx.loginAttempt.count({
    where: { login: account.login, success: false, createdAt: { gt: new Date(since), lte: now } },
  });
}

export async function signInWithPassword(
  db: Db,
  { telegram, login, password, now }: PasswordSignInInput,
): Promise<PasswordSignIn> {
  const check = await checkPassword(db, {
    telegramUserId: telegram.id,
    account: { login },
    password,
    ...(now ? { now } : {}),
  });
  if (check.outcome !== "correct") return check;
  await linkTelegramUser(db, telegram, check.account.id, "PASSWORD");
  return { outcome: "linked", account: check.account };
}

/**
 * Counts the wrong passwords for this login (this one's reservation included); returns the lock's
 * end when this one locks it. The row lock serialises
 * concurrent tries on one login, from any instance.
 */
async function countFailure(db: Db, accountId: number, now: Date): Promise<Date | null> {
  return db.$transaction(async (tx) => {
    const [account] = await tx.$queryRaw<{ login: string; lockedUntil: Date | null }[]>`
      SELECT login, "lockedUntil" FROM "Account" WHERE id = ${accountId} FOR UPDATE`;
    if (!account) return null;
    const failures = await failuresSince(tx, account, now);
    const locks = failures >= loginPolicy.maxFailures;
    const lockedUntil = locks ? new Date(now.getTime() + loginPolicy.lockMs) : account.lockedUntil;
    await tx.account.update({
      where: { id: accountId },
      data: { failedLoginCount: locks ? 0 : failures, lockedUntil },
    });
    return locks ? lockedUntil : null;
  });
}

export interface ContactSignInInput {
  telegram: TelegramProfile;
  /** `contact.user_id` of the shared contact: it must be the sender's own. */
  contactUserId: number | undefined;
  phone: string;
}

export async function signInWithContact(
  db: Db,
  { telegram, contactUserId, phone }: ContactSignInInput,
): Promise<ContactSignIn> {
  if (contactUserId !== telegram.id) return { outcome: "not-own-contact" };
  const e164 = normalizePhone(phone);
  if (!e164) return { outcome: "no-match" };
  const matches = await db.account.findMany({
    where: { phone: e164, status: { not: "CLOSED" } },
    select: { id: true, login: true, name: true },
    take: 2,
  });
  const [account] = matches;
  if (!account) return { outcome: "no-match" };
  if (matches.length > 1) return { outcome: "several-matches" };
  await linkTelegramUser(db, telegram, account.id, "CONTACT");
  return { outcome: "linked", account };
}

/** Links the Telegram user to the contract and makes it their active one. */
export async function linkTelegramUser(
  db: Db,
  telegram: TelegramProfile,
  accountId: number,
  method: "PASSWORD" | "CONTACT",
): Promise<void> {
  await rememberTelegramUser(db, telegram);
  const telegramUserId = BigInt(telegram.id);
  await db.$transaction([
    db.accountLink.upsert({
      where: { telegramUserId_accountId: { telegramUserId, accountId } },
      create: { telegramUserId, accountId, method },
      update: {},
    }),
    db.telegramUser.update({ where: { id: telegramUserId }, data: { activeAccountId: accountId } }),
  ]);
}
