// Tries that arrive at once are held to the same limits as tries one after another: the check and
// the count are one step per login (and per Telegram user, and per mailed code).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loginPolicy } from "../../core/accounts/login-policy.ts";
import { codePolicy } from "../../core/accounts/one-time-code.ts";
import { enterResetCode, startPasswordReset } from "../../core/accounts/password-reset.ts";
import { linkTelegramUser, signInWithPassword } from "../../core/accounts/sign-in.ts";
import { signOutEverywhere } from "../../core/accounts/sign-out-everywhere.ts";
import { verifyLocalPassword } from "../../core/billing/local-password.ts";
import { type Database, openEmbedded } from "../../core/db.ts";
import { demoPassword, seedDemoData } from "../../prisma/seed.ts";
import { createTestDatabase } from "../support/database.ts";
import { noPostgres } from "../support/require-services.ts";

const localBilling = { verifyPassword: verifyLocalPassword };

// Counts the passwords actually checked, in the order they are (the real scrypt check runs
// underneath).
const checked = vi.hoisted(() => ({ count: 0, passwords: [] as string[] }));
vi.mock("../../core/accounts/password.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../core/accounts/password.ts")>();
  return {
    ...real,
    verifyPassword: (password: string, stored: string) => {
      checked.count += 1;
      checked.passwords.push(password);
      return real.verifyPassword(password, stored);
    },
  };
});

let nextUserId = 700_000;
const telegramUser = () => {
  nextUserId += 1;
  return { id: nextUserId, chatId: nextUserId, firstName: "Тест", languageCode: "ru" };
};

async function postgres(): Promise<Database & { drop(): Promise<void> }> {
  const database = await createTestDatabase();
  await seedDemoData(database.prisma);
  return database;
}

async function pglite(): Promise<Database & { drop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), "kaspnet-concurrency-"));
  const database = await openEmbedded(dataDir, { onCreate: seedDemoData });
  return {
    ...database,
    async drop() {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

describe.each([
  { kind: "PostgreSQL", open: postgres, skip: noPostgres },
  { kind: "the embedded PGlite", open: pglite, skip: false },
])("concurrent password tries on $kind", ({ open, skip }) => {
  if (skip) return;
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await open();
  }, 60_000);
  afterAll(() => database?.drop());
  beforeEach(() => {
    checked.count = 0;
    checked.passwords = [];
  });

  const account = (login: string) =>
    database.prisma.account.findUniqueOrThrow({ where: { login } });
  const isLinked = async (telegramUserId: number, login: string) =>
    (await database.prisma.accountLink.count({
      where: { telegramUserId: BigInt(telegramUserId), account: { login } },
    })) > 0;

  it("10 wrong passwords at once: at most 5 are checked, and the login is locked", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        signInWithPassword(database.prisma, localBilling, {
          telegram: telegramUser(),
          login: "10002",
          password: `guess-${i}`,
        }),
      ),
    );
    expect(checked.count).toBeLessThanOrEqual(loginPolicy.maxFailures);
    expect(results.filter((r) => r.outcome === "locked").length).toBeGreaterThan(0);
    expect(results.some((r) => r.outcome === "linked")).toBe(false);
    expect((await account("10002")).lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it("9 wrong and the right one in one burst: checked as one by one, the right one links only before the lock", async () => {
    const owner = telegramUser();
    const tries = Array.from({ length: 9 }, (_, i) =>
      signInWithPassword(database.prisma, localBilling, {
        telegram: telegramUser(),
        login: "10003",
        password: `guess-${i}`,
      }),
    );
    tries.push(
      signInWithPassword(database.prisma, localBilling, {
        telegram: owner,
        login: "10003",
        password: demoPassword,
      }),
    );
    const results = await Promise.all(tries);
    // One by one, in the order they were checked: the right password resets the count, so before
    // it at most 4 wrong ones were checked and after it at most 5; without it, at most 5 in all.
    const right = checked.passwords.indexOf(demoPassword);
    if (right === -1) expect(checked.count).toBeLessThanOrEqual(loginPolicy.maxFailures);
    else {
      expect(right).toBeLessThan(loginPolicy.maxFailures);
      expect(checked.count - right - 1).toBeLessThanOrEqual(loginPolicy.maxFailures);
    }
    const linked = results.at(-1)?.outcome === "linked";
    expect(linked).toBe(right !== -1);
    expect(await isLinked(owner.id, "10003")).toBe(linked);
    expect(results.slice(0, 9).some((r) => r.outcome === "linked")).toBe(false);
    if (!linked)
      expect((await account("10003")).lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it("one Telegram user's burst over many logins: at most the hourly limit is checked", async () => {
    const attacker = telegramUser();
    const logins = ["10001", "10004", "10005"];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signInWithPassword(database.prisma, localBilling, {
          telegram: attacker,
          login: logins[i % logins.length] ?? "10001",
          password: `guess-${i}`,
        }),
      ),
    );
    expect(checked.count).toBeLessThanOrEqual(loginPolicy.maxTriesPerHour);
    expect(results.filter((r) => r.outcome === "too-many-tries").length).toBeGreaterThanOrEqual(
      20 - loginPolicy.maxTriesPerHour,
    );
    expect(
      await database.prisma.loginAttempt.count({ where: { telegramUserId: BigInt(attacker.id) } }),
    ).toBeLessThanOrEqual(loginPolicy.maxTriesPerHour);
  });

  it("sign out everywhere: 10 wrong passwords at once check at most 5", async () => {
    const owner = telegramUser();
    const { id: accountId } = await account("10005");
    await database.prisma.account.update({
      where: { id: accountId },
      data: { lockedUntil: null, failedLoginCount: 0 },
    });
    await linkTelegramUser(database.prisma, owner, accountId, "PASSWORD");
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        signOutEverywhere(database.prisma, localBilling, {
          telegramUserId: owner.id,
          accountId,
          password: `guess-${i}`,
        }),
      ),
    );
    expect(checked.count).toBeLessThanOrEqual(loginPolicy.maxFailures);
    expect(results.some((r) => r.outcome === "signed-out")).toBe(false);
  });

  it("a mailed code: 9 wrong and the right one at once judge at most 5", async () => {
    const asker = telegramUser();
    const started = await startPasswordReset(database.prisma, {
      login: "10001",
      telegramUserId: asker.id,
    });
    if (started.outcome !== "sent") throw new Error(`no code sent: ${started.outcome}`);
    const wrong = started.code === "000000" ? "111111" : "000000";
    const codes = [...Array.from({ length: 9 }, () => wrong), started.code];
    const results = await Promise.all(
      codes.map((code) =>
        enterResetCode(database.prisma, {
          resetId: started.resetId,
          telegramUserId: asker.id,
          code,
        }),
      ),
    );
    const judged = results.filter((r) => r.outcome === "wrong" || r.outcome === "verified");
    expect(judged.length).toBeLessThanOrEqual(codePolicy.maxAttempts);
    const reset = await database.prisma.passwordReset.findUniqueOrThrow({
      where: { id: started.resetId },
    });
    expect(reset.attempts).toBeLessThanOrEqual(codePolicy.maxAttempts);
    expect(reset.verifiedAt !== null).toBe(results.at(-1)?.outcome === "verified");
  });
});
