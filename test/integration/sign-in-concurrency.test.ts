// A burst of passwords at once is checked one by one: never more wrong ones than the policy allows.
import { describe, expect, it } from "vitest";
import { loginPolicy } from "../../core/accounts/login-policy.ts";
import { signInWithPassword } from "../../core/accounts/sign-in.ts";
import { verifyLocalPassword } from "../../core/billing/local-password.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { noPostgres } from "../support/require-services.ts";

const localBilling = { verifyPassword: verifyLocalPassword };

let nextUserId = 700_000;
const telegramUser = () => {
  nextUserId += 1;
  return { id: nextUserId, chatId: nextUserId, firstName: "Тест", languageCode: "ru" };
};

describe.skipIf(noPostgres)("signing in with a burst of passwords", () => {
  const { database } = useDemoDatabase();

  it("checks no more wrong passwords of one user than lock the login", async () => {
    const telegram = telegramUser();
    const tries = Array.from({ length: loginPolicy.maxTriesPerHour }, () =>
      signInWithPassword(database.prisma, localBilling, {
        telegram,
        login: "10002",
        password: "wrong",
      }),
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
});
