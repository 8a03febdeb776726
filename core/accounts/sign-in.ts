// Linking a Telegram user to a contract: by login and password, or by their own phone number.
// The answer never tells whether a login exists; wrong passwords lock the login for a while.
import { addressColumns } from "../addresses/identity-address.ts";
import type { Billing } from "../billing/port.ts";
import type { Db } from "../db.ts";
import type { AccountSummary } from "./links.ts";
import { loginPolicy } from "./login-policy.ts";
import { normalizePhone } from "./phone.ts";
import { rememberTelegramUser, type TelegramProfile } from "./telegram-users.ts";

export type PasswordSignIn =
  | { outcome: "linked"; account: AccountSummary }
  | { outcome: "invalid" }
  /** The billing did not answer; the try is not counted. */
  | { outcome: "unavailable" }
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

/** What checks a password: the billing (core/billing/port.ts). */
export type PasswordChecker = Pick<Billing, "verifyPassword" | "keepCredential">;

export type PasswordCheck =
  | { outcome: "correct"; account: AccountSummary }
  | Exclude<PasswordSignIn, { outcome: "linked" }>;

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Checks a contract's password with the billing, under the login policy: the Telegram user's tries
 * per hour, the login's lock, and a wrong password counted towards locking it. Every answered try
 * is recorded; one the billing did not answer is not a try.
 *
 * The count and the check are one step: tries of one Telegram user queue on an advisory lock and
 * tries of one login on its row lock, on every instance, so a burst is checked one by one and
 * never past the policy. A contract an external billing knows and this bot does not yet gets its
 * local row when its password is first right.
 */
export async function checkPassword(
  db: Db,
  billing: PasswordChecker,
  input: {
    telegramUserId: number;
    account: { login: string } | { id: number };
    password: string;
    now?: Date;
  },
): Promise<PasswordCheck> {
  const { password } = input;
  const telegramUserId = BigInt(input.telegramUserId);
  // Read once each lock is held: a try that waited is counted after the ones it waited for (its
  // time taken before waiting would leave their failures out of its count).
  const clock = () => input.now ?? new Date();
  let credential: string | undefined;
  const check = await db.$transaction(
    async (tx): Promise<PasswordCheck> => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login-tries:${telegramUserId}`}))`;
      const retryAt = await triesExhaustedUntil(tx, telegramUserId, clock());
      if (retryAt) return { outcome: "too-many-tries", retryAt };

      const account = await lockAccount(tx, input.account);
      const now = clock();
      const triedLogin =
        account?.login ?? ("login" in input.account ? input.account.login.trim() : "");
      const record = (success: boolean) =>
        tx.loginAttempt.create({
          data: { telegramUserId, login: triedLogin.slice(0, 64), success, createdAt: now },
        });

      // A login with no contract row here (unknown, or an external billing's not signed in yet)
      // is locked by login: the answers never tell the two apart.
      const lock = account ?? (await lockLogin(tx, triedLogin));
      const local = "id" in lock ? lock : null;
      if (lock.lockedUntil && lock.lockedUntil > now) {
        await record(false);
        return { outcome: "locked", until: lock.lockedUntil };
      }
      const verdict = await billing.verifyPassword({
        login: triedLogin,
        password,
        local,
      });
      if (verdict.outcome === "unavailable") return verdict;
      if (verdict.outcome === "wrong") {
        await record(false);
        const lockedUntil = await countFailure(tx, lock, now);
        return lockedUntil ? { outcome: "locked", until: lockedUntil } : { outcome: "invalid" };
      }

      await record(true);
      const { login, name, address, billingPaymentId } = verdict.contract;
      // An external billing's address is its own: each sign-in brings the row up to date.
      const addressNow = addressColumns(verdict.contract);
      const signedIn = local
        ? await tx.account.update({
            where: { id: local.id },
            data: {
              failedLoginCount: 0,
              ...(billingPaymentId ? { billingPaymentId } : {}),
              ...addressNow,
            },
            select: { id: true, login: true, name: true },
          })
        : await tx.account.create({
            // The billing holds the password: no local one to check.
            data: {
              login,
              name,
              address,
              ...(billingPaymentId ? { billingPaymentId } : {}),
              ...addressNow,
              passwordHash: "",
            },
            select: { id: true, login: true, name: true },
          });
      credential = verdict.credential;
      return { outcome: "correct", account: signedIn };
    },
    // A burst waits its turn here (each check is one scrypt or one billing request); Prisma's 2 s
    // and 5 s are too short.
    { maxWait: 60_000, timeout: 60_000 },
  );
  if (check.outcome === "correct" && credential)
    await billing.keepCredential?.(check.account.id, credential);
  return check;
}

/** When the Telegram user has used up the hour's tries: the time the oldest of them leaves it. */
async function triesExhaustedUntil(
  tx: Tx,
  telegramUserId: bigint,
  now: Date,
): Promise<Date | null> {
  const recentTries = await tx.loginAttempt.findMany({
    where: { telegramUserId, createdAt: { gt: new Date(now.getTime() - hour) } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  const oldest = recentTries[0];
  if (!oldest || recentTries.length < loginPolicy.maxTriesPerHour) return null;
  return new Date(oldest.createdAt.getTime() + hour);
}

interface LockedAccount {
  id: number;
  login: string;
  name: string;
  address: string;
  passwordHash: string;
  lockedUntil: Date | null;
}

/** The contract's row, locked until the try is counted. */
async function lockAccount(
  tx: Tx,
  account: { login: string } | { id: number },
): Promise<LockedAccount | undefined> {
  const rows =
    "id" in account
      ? await tx.$queryRaw<LockedAccount[]>`
          SELECT id, login, name, address, "passwordHash", "lockedUntil" FROM "Account"
          WHERE id = ${account.id} FOR UPDATE`
      : await tx.$queryRaw<LockedAccount[]>`
          SELECT id, login, name, address, "passwordHash", "lockedUntil" FROM "Account"
          WHERE login = ${account.login.trim()} FOR UPDATE`;
  return rows[0];
}

export async function signInWithPassword(
  db: Db,
  billing: PasswordChecker,
  { telegram, login, password, now }: PasswordSignInInput,
): Promise<PasswordSignIn> {
  const check = await checkPassword(db, billing, {
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
 * Counts the wrong passwords for this login in the sliding window (since its last lock or
 * successful sign-in); returns the lock's end when this one locks it.
 */
async function countFailure(tx: Tx, lock: LoginLockState, now: Date): Promise<Date | null> {
  const lastSuccess = await tx.loginAttempt.findFirst({
    where: { login: lock.login, success: true, createdAt: { lte: now } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const since = Math.max(
    now.getTime() - loginPolicy.failureWindowMs,
    lock.lockedUntil?.getTime() ?? 0,
    lastSuccess?.createdAt.getTime() ?? 0,
  );
  const failures = await tx.loginAttempt.count({
    where: { login: lock.login, success: false, createdAt: { gt: new Date(since), lte: now } },
  });
  const locks = failures >= loginPolicy.maxFailures;
  const lockedUntil = locks ? new Date(now.getTime() + loginPolicy.lockMs) : lock.lockedUntil;
  if ("id" in lock) {
    await tx.account.update({
      where: { id: lock.id },
      data: { failedLoginCount: locks ? 0 : failures, lockedUntil },
    });
  } else if (locks && lockedUntil) {
    await tx.loginLock.upsert({
      where: { login: lock.login },
      create: { login: lock.login, lockedUntil },
      update: { lockedUntil },
    });
  }
  return locks ? lockedUntil : null;
}

type LoginLockState = { login: string; lockedUntil: Date | null } | LockedAccount;

/** The lock of a login with no contract row, its tries queued on an advisory lock. */
async function lockLogin(tx: Tx, login: string): Promise<LoginLockState> {
  const key = login.slice(0, 64);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`login:${key}`}))`;
  // A try it waited for may have made the contract's row.
  const made = await lockAccount(tx, { login: key });
  if (made) return made;
  const lock = await tx.loginLock.findUnique({ where: { login: key } });
  return { login: key, lockedUntil: lock?.lockedUntil ?? null };
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
      update: { suspendedAt: null },
    }),
    db.telegramUser.update({ where: { id: telegramUserId }, data: { activeAccountId: accountId } }),
  ]);
}
