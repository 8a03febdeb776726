import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postLedgerEntry } from "../../core/billing/ledger.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { noPostgres } from "../support/require-services.ts";

describe.skipIf(noPostgres)("the ledger", () => {
  let database: TestDatabase;
  let accountSeq = 0;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  async function newAccount(status: "ACTIVE" | "BLOCKED" = "ACTIVE") {
    accountSeq += 1;
    return database.prisma.account.create({
      data: {
        login: `L${accountSeq}`,
        passwordHash: "x",
        name: "Тест",
        address: "Каспийск",
        status,
      },
    });
  }

  const sumOf = async (accountId: number) =>
    (await database.prisma.ledgerEntry.aggregate({ where: { accountId }, _sum: { amount: true } }))
      ._sum.amount ?? 0;

  it("moves the balance with each entry and records the balance after it", async () => {
    const account = await newAccount();
    const credit = await postLedgerEntry(database.prisma, {
      accountId: account.id,
      amount: 500_00,
      kind: "CASH_TOPUP",
      idempotencyKey: `t1:${account.id}:credit`,
    });
    const charge = await postLedgerEntry(database.prisma, {
      accountId: account.id,
      amount: -20_00,
      kind: "DAILY_CHARGE",
      idempotencyKey: `t1:${account.id}:charge`,
    });
    expect(credit).toMatchObject({ posted: true, balanceAfter: 500_00 });
    expect(charge).toMatchObject({ posted: true, balanceAfter: 480_00 });
    const stored = await database.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.balance).toBe(480_00);
    expect(await sumOf(account.id)).toBe(480_00);
  });

  it("posts a key once, even when the same entry races from several callers", async () => {
    const account = await newAccount();
    const entry = {
      accountId: account.id,
      amount: 1000_00,
      kind: "CARD_TOPUP" as const,
      idempotencyKey: `charge-id:${account.id}`,
    };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => postLedgerEntry(database.prisma, entry)),
    );
    expect(results.filter((result) => result.posted)).toHaveLength(1);
    expect(new Set(results.map((result) => result.entryId)).size).toBe(1);
    const again = await postLedgerEntry(database.prisma, entry);
    expect(again).toMatchObject({ posted: false, balanceAfter: 1000_00 });
    const stored = await database.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.balance).toBe(1000_00);
    expect(await sumOf(account.id)).toBe(1000_00);
  });

  it("unblocks a blocked contract when a credit brings it to zero or above, not before", async () => {
    const account = await newAccount("BLOCKED");
    await postLedgerEntry(database.prisma, {
      accountId: account.id,
      amount: -300_00,
      kind: "DAILY_CHARGE",
      idempotencyKey: `t3:${account.id}:debt`,
    });
    const partial = await postLedgerEntry(database.prisma, {
      accountId: account.id,
      amount: 100_00,
      kind: "CASH_TOPUP",
      idempotencyKey: `t3:${account.id}:partial`,
    });
    expect(partial).toMatchObject({ posted: true, unblocked: false, balanceAfter: -200_00 });
    const enough = await postLedgerEntry(database.prisma, {
      accountId: account.id,
      amount: 200_00,
      kind: "CASH_TOPUP",
      idempotencyKey: `t3:${account.id}:enough`,
    });
    expect(enough).toMatchObject({ posted: true, unblocked: true, balanceAfter: 0 });
    const stored = await database.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.status).toBe("ACTIVE");
  });

  it("refuses fractional kopecks", async () => {
    const account = await newAccount();
    await expect(
      postLedgerEntry(database.prisma, {
        accountId: account.id,
        amount: 10.5,
        kind: "ADJUSTMENT",
        idempotencyKey: `t4:${account.id}`,
      }),
    ).rejects.toThrow(RangeError);
  });
});
