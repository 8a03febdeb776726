import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../core/accounts/password.ts";
import { demoAccounts, demoPassword, demoTariffs, seedDemoData } from "../../prisma/seed.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { noPostgres } from "../support/require-services.ts";

describe.skipIf(noPostgres)("demo data on PostgreSQL", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it("loads the tariffs and the README's contracts, and loading again changes nothing", async () => {
    const db = database.prisma;
    await seedDemoData(db);
    await seedDemoData(db);

    expect(await db.tariff.count()).toBe(demoTariffs.length);
    expect(await db.tariff.count({ where: { kind: "INTERNET" } })).toBeGreaterThanOrEqual(3);
    expect(await db.tariff.count({ where: { kind: "IPTV" } })).toBeGreaterThanOrEqual(2);

    const accounts = await db.account.findMany({
      include: { internetTariff: true, ledgerEntries: true },
      orderBy: { login: "asc" },
    });
    expect(accounts.map((account) => account.login)).toEqual(demoAccounts.map((a) => a.login));
    for (const account of accounts) {
      expect(await verifyPassword(demoPassword, account.passwordHash)).toBe(true);
      const ledgerSum = account.ledgerEntries.reduce((sum, entry) => sum + entry.amount, 0);
      expect(account.balance).toBe(ledgerSum);
    }

    // Every demo address is read into street and house, so incidents reach the demo contracts.
    for (const account of accounts) {
      expect(account.streetKey, account.address).toBeTruthy();
      expect(account.house, account.address).toBeTruthy();
    }
    expect(
      accounts
        .filter((account) => account.streetKey === "ленина" && account.house === "12")
        .map((account) => [account.login, account.flat]),
    ).toEqual([
      ["10001", "34"],
      ["10003", "7"],
    ]);

    const byLogin = new Map(accounts.map((account) => [account.login, account]));
    expect(byLogin.get("10001")).toMatchObject({ status: "ACTIVE" });
    expect(byLogin.get("10001")?.balance).toBeGreaterThan(0);
    expect(byLogin.get("10002")).toMatchObject({ status: "BLOCKED" });
    expect(byLogin.get("10002")?.balance).toBeLessThan(0);

    const about = byLogin.get("10003");
    const dailyCharge = (about?.internetTariff?.monthlyFee ?? 0) / 30;
    expect(about?.status).toBe("ACTIVE");
    expect((about?.balance ?? 0) / dailyCharge).toBeGreaterThanOrEqual(1.5);
    expect((about?.balance ?? 0) / dailyCharge).toBeLessThan(3);
  });
});
