// Sign-in on a billing that is not this database: the billing decides the password, a contract it
// knows and the bot does not gets its local row, what the billing gave to sign later calls with is
// kept, and a billing that does not answer costs the subscriber no try.
import { describe, expect, it } from "vitest";
import { loginPolicy } from "../../core/accounts/login-policy.ts";
import { signInWithPassword } from "../../core/accounts/sign-in.ts";
import type {
  ContractIdentity,
  PasswordAttempt,
  PasswordVerdict,
} from "../../core/billing/port.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { noPostgres } from "../support/require-services.ts";

/** An external billing's sign-in side: its own contracts and passwords, and a switch to go down. */
function externalBilling(
  contracts: Record<
    string,
    { password: string; name: string; identity?: Partial<ContractIdentity> }
  >,
) {
  const kept: Array<{ accountId: number; credential: string }> = [];
  const seen: PasswordAttempt[] = [];
  let down = false;
  return {
    kept,
    seen,
    setDown: (value: boolean) => {
      down = value;
    },
    async verifyPassword(attempt: PasswordAttempt): Promise<PasswordVerdict> {
      seen.push(attempt);
      if (down) return { outcome: "unavailable" };
      const contract = contracts[attempt.login];
      if (!contract || contract.password !== attempt.password) return { outcome: "wrong" };
      return {
        outcome: "correct",
        contract: {
          login: attempt.login,
          name: contract.name,
          address: "ул. Ленина, 1",
          ...contract.identity,
        },
        credential: `token-of-${attempt.login}`,
      };
    },
    async keepCredential(accountId: number, credential: string) {
      kept.push({ accountId, credential });
    },
  };
}

let nextUserId = 700_000;
const telegramUser = () => {
  nextUserId += 1;
  return { id: nextUserId, chatId: nextUserId, firstName: "Тест", languageCode: "ru" };
};

describe.skipIf(noPostgres)("signing in on an external billing", () => {
  const { database } = useDemoDatabase();

  it("creates the contract's local row on the first right password and keeps its credential", async () => {
    const billing = externalBilling({ "ub-ivan": { password: "s3cret", name: "Иван Петров" } });
    const telegram = telegramUser();
    const result = await signInWithPassword(database.prisma, billing, {
      telegram,
      login: "ub-ivan",
      password: "s3cret",
    });
    expect(result).toMatchObject({ outcome: "linked", account: { login: "ub-ivan" } });
    const account = await database.prisma.account.findUniqueOrThrow({
      where: { login: "ub-ivan" },
    });
    expect(account).toMatchObject({ name: "Иван Петров", address: "ул. Ленина, 1" });
    expect(account.passwordHash).toBe("");
    expect(billing.seen[0]?.local).toBeNull();
    expect(billing.kept).toEqual([{ accountId: account.id, credential: "token-of-ub-ivan" }]);

    const again = await signInWithPassword(database.prisma, billing, {
      telegram: telegramUser(),
      login: "ub-ivan",
      password: "s3cret",
    });
    expect(again).toMatchObject({ outcome: "linked", account: { id: account.id } });
    expect(billing.seen[1]?.local).toMatchObject({ login: "ub-ivan", name: "Иван Петров" });
    expect(await database.prisma.account.count({ where: { login: "ub-ivan" } })).toBe(1);
  });

  it("keeps the street, house and flat the billing read, brought up to date at each sign-in", async () => {
    const read = { street: "Ленина", streetKey: "ленина", house: "52а", flat: "7" };
    const contract: { password: string; name: string; identity: Partial<ContractIdentity> } = {
      password: "s3cret",
      name: "Зарема",
      identity: { address: "Каспийск Ленина 52а/7", structuredAddress: read },
    };
    const billing = externalBilling({ "ub-zarema": contract });
    const signIn = () =>
      signInWithPassword(database.prisma, billing, {
        telegram: telegramUser(),
        login: "ub-zarema",
        password: "s3cret",
      });
    const stored = () =>
      database.prisma.account.findUniqueOrThrow({
        where: { login: "ub-zarema" },
        select: { address: true, street: true, streetKey: true, house: true, flat: true },
      });
    await signIn();
    expect(await stored()).toEqual({ address: "Каспийск Ленина 52а/7", ...read });
    // Moved in the billing to an address it cannot read: the text changes, the parts are cleared.
    contract.identity = { address: "Каспийск Ленина у рынка", structuredAddress: null };
    await signIn();
    expect(await stored()).toEqual({
      address: "Каспийск Ленина у рынка",
      street: null,
      streetKey: null,
      house: null,
      flat: null,
    });
    // A billing that reads no addresses leaves the row's own.
    contract.identity = { address: "somewhere else" };
    await signIn();
    expect((await stored()).address).toBe("Каспийск Ленина у рынка");
  });

  it("answers a wrong password as usual and creates nothing", async () => {
    const billing = externalBilling({ "ub-olga": { password: "right", name: "Ольга" } });
    const result = await signInWithPassword(database.prisma, billing, {
      telegram: telegramUser(),
      login: "ub-olga",
      password: "wrong",
    });
    expect(result).toEqual({ outcome: "invalid" });
    expect(await database.prisma.account.count({ where: { login: "ub-olga" } })).toBe(0);
    expect(billing.kept).toEqual([]);
  });

  it("still locks a known login after the policy's wrong passwords, without asking the billing", async () => {
    const billing = externalBilling({ "ub-anna": { password: "right", name: "Анна" } });
    await signInWithPassword(database.prisma, billing, {
      telegram: telegramUser(),
      login: "ub-anna",
      password: "right",
    });
    const telegram = telegramUser();
    const outcomes: string[] = [];
    for (let i = 0; i < loginPolicy.maxFailures; i += 1)
      outcomes.push(
        (
          await signInWithPassword(database.prisma, billing, {
            telegram,
            login: "ub-anna",
            password: "wrong",
          })
        ).outcome,
      );
    expect(outcomes.at(-1)).toBe("locked");
    const asked = billing.seen.length;
    const whileLocked = await signInWithPassword(database.prisma, billing, {
      telegram: telegramUser(),
      login: "ub-anna",
      password: "right",
    });
    expect(whileLocked.outcome).toBe("locked");
    expect(billing.seen).toHaveLength(asked);
  });

  it("does not count a try the billing did not answer", async () => {
    const billing = externalBilling({ "ub-petr": { password: "right", name: "Пётр" } });
    billing.setDown(true);
    const telegram = telegramUser();
    const tries = loginPolicy.maxTriesPerHour + 2;
    for (let i = 0; i < tries; i += 1) {
      const result = await signInWithPassword(database.prisma, billing, {
        telegram,
        login: "ub-petr",
        password: "right",
      });
      expect(result).toEqual({ outcome: "unavailable" });
    }
    expect(
      await database.prisma.loginAttempt.count({ where: { telegramUserId: BigInt(telegram.id) } }),
    ).toBe(0);
    billing.setDown(false);
    const back = await signInWithPassword(database.prisma, billing, {
      telegram,
      login: "ub-petr",
      password: "right",
    });
    expect(back.outcome).toBe("linked");
  });
});
