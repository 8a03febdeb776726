// The operator's view of one contract and the password they set, against real PostgreSQL.
import { describe, expect, it } from "vitest";
import { accountReport } from "../../core/accounts/account-report.ts";
import { generatePassword } from "../../core/accounts/generated-password.ts";
import { setPasswordByOperator } from "../../core/accounts/operator-password.ts";
import { verifyPassword } from "../../core/accounts/password.ts";
import { passwordProblem } from "../../core/accounts/password-rules.ts";
import { postLedgerEntry } from "../../core/billing/ledger.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { noPostgres } from "../support/require-services.ts";

describe("a generated password", () => {
  it("keeps the password rules and is not the same twice", () => {
    const passwords = Array.from({ length: 200 }, () => generatePassword("10001"));
    for (const password of passwords) {
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{12}$/);
      expect(password).toMatch(/\d/);
      expect(passwordProblem(password, "10001")).toBeNull();
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});

describe.skipIf(noPostgres)("the operator's commands on one contract", () => {
  const { database } = useDemoDatabase();

  const db = () => database.prisma;

  it("sets a password that keeps the rules and lifts a login lock", async () => {
    await db().account.update({
      where: { login: "10003" },
      data: { failedLoginCount: 5, lockedUntil: new Date(Date.now() + 60_000) },
    });
    expect(await setPasswordByOperator(db(), { login: "10003", password: "12345678" })).toEqual({
      outcome: "weak",
      problem: "digits-only",
    });
    expect(await setPasswordByOperator(db(), { login: "nobody", password: "good-pass-1" })).toEqual(
      {
        outcome: "unknown-login",
      },
    );
    expect(await setPasswordByOperator(db(), { login: "10003", password: "good-pass-1" })).toEqual({
      outcome: "set",
      login: "10003",
      linkedTelegramUsers: 0,
    });
    const account = await db().account.findUniqueOrThrow({ where: { login: "10003" } });
    expect(await verifyPassword("good-pass-1", account.passwordHash)).toBe(true);
    expect(account).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it("shows a contract with its tariffs, linked users and last ten ledger entries, newest first", async () => {
    const account = await db().account.findUniqueOrThrow({ where: { login: "10001" } });
    for (const [index, user] of [700001n, 700002n].entries()) {
      await db().telegramUser.create({ data: { id: user, chatId: user, firstName: `U${index}` } });
      await db().accountLink.create({
        data: { telegramUserId: user, accountId: account.id, method: "PASSWORD" },
      });
    }
    for (let i = 1; i <= 12; i += 1) {
      await postLedgerEntry(db(), {
        accountId: account.id,
        amount: i * 100,
        kind: "CASH_TOPUP",
        idempotencyKey: `report-test:${i}`,
        reference: `R-${i}`,
      });
    }
    const report = await accountReport(db(), { login: "10001" });
    expect(report).toMatchObject({
      login: "10001",
      name: "Магомедов Руслан Ахмедович",
      status: "ACTIVE",
      balance: 1250_00 + 78 * 100,
      internet: { code: "home-100", kind: "INTERNET", monthlyFee: 600_00 },
      iptv: { code: "iptv-basic", kind: "IPTV", monthlyFee: 150_00 },
      pendingTariff: null,
      trust: null,
      lockedUntil: null,
      linkedTelegramUsers: 2,
      ledgerEntries: 13,
    });
    expect(report?.ledger.map((entry) => entry.reference)).toEqual([
      "R-12",
      "R-11",
      "R-10",
      "R-9",
      "R-8",
      "R-7",
      "R-6",
      "R-5",
      "R-4",
      "R-3",
    ]);
    expect(report?.ledger[0]).toMatchObject({ amount: 1200, balanceAfter: report?.balance });
    expect(await accountReport(db(), { login: "nobody" })).toBeNull();
  });
});
