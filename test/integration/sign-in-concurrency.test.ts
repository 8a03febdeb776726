// A burst of passwords at once is checked one by one: never more wrong ones than the policy allows.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginPolicy } from "../../core/accounts/login-policy.ts";
import { signInWithPassword } from "../../core/accounts/sign-in.ts";
import { demoPassword, seedDemoData } from "../../prisma/seed.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { noPostgres } from "../support/require-services.ts";

let nextUserId = 700_000;
const telegramUser = () => {
  nextUserId += 1;
  return { id: nextUserId, chatId: nextUserId, firstName: "Тест", languageCode: "ru" };
};

describe.skipIf(noPostgres)("signing in with a burst of passwords", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoData(database.prisma);
  });
  afterAll(() => database.drop());

  /** Holds the contract's row lock from another connection until `release` is called. */
  async function holdAccountRow(login: string) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query("BEGIN");
    await client.query(`SELECT id FROM "Account" WHERE login = $1 FOR UPDATE`, [login]);
    return {
      /** Resolves once `count` other sessions wait on a lock. */
      async waiters(count: number) {
        for (;;) {
          const { rows } = await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          if ((rows[0]?.n ?? 0) >= count) return;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      },
      async release() {
        await client.query("COMMIT");
        await client.end();
      },
    };
  }

  it("checks no more wrong passwords of one user than lock the login", async () => {
    const telegram = telegramUser();
    const tries = Array.from({ length: loginPolicy.maxTriesPerHour }, () =>
      signInWithPassword(database.prisma, { telegram, login: "10002", password: "wrong" }),
    );
    const outcomes = (await Promise.all(tries)).map((result) => result.outcome);

    expect(outcomes.filter((outcome) => outcome === "invalid")).toHaveLength(
      loginPolicy.maxFailures - 1,
    );
    expect(outcomes.filter((outcome) => outcome === "locked")).toHaveLength(
      loginPolicy.maxTriesPerHour - loginPolicy.maxFailures + 1,
    );
    const account = await database.prisma.account.findUniqueOrThrow({ where: { login: "10002" } });
    expect(account.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it("does not link the right password sent in a burst behind wrong ones", async () => {
    const held = await holdAccountRow("10003");
    const wrongOnes = Array.from({ length: 9 }, () =>
      signInWithPassword(database.prisma, {
        telegram: telegramUser(),
        login: "10003",
        password: "wrong",
      }),
    );
    await held.waiters(9);
    const right = signInWithPassword(database.prisma, {
      telegram: telegramUser(),
      login: "10003",
      password: demoPassword,
    });
    await held.waiters(10);
    await held.release();

    const outcomes = (await Promise.all(wrongOnes)).map((result) => result.outcome);
    expect((await right).outcome).toBe("locked");
    expect(outcomes.filter((outcome) => outcome === "invalid")).toHaveLength(
      loginPolicy.maxFailures - 1,
    );
    expect(
      await database.prisma.accountLink.count({ where: { account: { login: "10003" } } }),
    ).toBe(0);
  });
});
