// Cash top-ups at the office against real PostgreSQL: one ledger entry per receipt, unblocking.
import { describe, expect, it } from "vitest";
import { cashTopup, cashTopupInput, receiptKey } from "../../core/billing/cash-topup.ts";
import { parseRubles } from "../../core/billing/rubles.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { noPostgres } from "../support/require-services.ts";

describe("amounts of rubles", () => {
  it.each([
    ["1500", 1500_00],
    ["1500,50", 1500_50],
    ["1500.5", 1500_50],
    [" 0,01 ", 1],
    ["1 250,50", 1250_50],
    ["1\u00a0250", 1250_00],
    ["-180", -180_00],
    ["\u2212180,5", -180_50],
    ["-0", 0],
  ])("reads %j as %i kopecks", (text, kopecks) => {
    expect(parseRubles(text)).toBe(kopecks);
  });

  it.each(["", "12.345", "1,2,3", "1 50", "1e3", "+5", "five", ",50", "10000000000000"])(
    "refuses %j",
    (text) => {
      expect(parseRubles(text)).toBeNull();
    },
  );

  it.each([
    [{ amount: "0" }, "amount", "more than zero"],
    [{ amount: "-10" }, "amount", "more than zero"],
    [{ amount: "100000,01" }, "amount", "at most 100 000 rubles"],
    [{ amount: "1,234" }, "amount", /not an amount of rubles/],
    [{ receipt: "" }, "receipt", /the receipt number/],
    [{ receipt: "R 1" }, "receipt", /the receipt number/],
    [{ login: " " }, "login", "required"],
  ])("a top-up of %j is refused on its %s", (change, field, message) => {
    const result = cashTopupInput.safeParse({
      login: "10001",
      amount: "1500",
      receipt: "R-1",
      ...change,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });

  it("takes 100 000 rubles, a comma and a receipt with slashes", () => {
    expect(
      cashTopupInput.parse({ login: " 10001 ", amount: "100000,00", receipt: "КО-12/2026" }),
    ).toEqual({ login: "10001", amount: 100_000_00, receipt: "КО-12/2026" });
  });
});

describe.skipIf(noPostgres)("a cash top-up", () => {
  const { database } = useDemoDatabase();

  const account = (login: string) =>
    database.prisma.account.findUniqueOrThrow({
      where: { login },
      include: { ledgerEntries: true },
    });
  const topup = (login: string, amount: string, receipt: string) =>
    cashTopup(database.prisma, cashTopupInput.parse({ login, amount, receipt }));

  it("credits once per receipt, however often it is entered", async () => {
    const first = await topup("10001", "1500,50", "R-100");
    expect(first).toEqual({
      outcome: "posted",
      login: "10001",
      amount: 1500_50,
      balanceAfter: 2750_50,
      status: "ACTIVE",
      unblocked: false,
    });
    const second = await topup("10001", "1500.5", "R-100");
    expect(second).toMatchObject({
      outcome: "already-posted",
      entry: { login: "10001", amount: 1500_50, balanceAfter: 2750_50 },
    });
    const stored = await account("10001");
    expect(stored.balance).toBe(2750_50);
    const entries = stored.ledgerEntries.filter((entry) => entry.kind === "CASH_TOPUP");
    expect(entries).toMatchObject([
      { amount: 1500_50, idempotencyKey: receiptKey("R-100"), reference: "R-100" },
    ]);
  });

  it("refuses a receipt already posted for another contract or amount, changing nothing", async () => {
    await topup("10003", "100", "R-200");
    const otherAccount = await topup("10004", "100", "R-200");
    const otherAmount = await topup("10003", "200", "R-200");
    for (const result of [otherAccount, otherAmount]) {
      expect(result).toMatchObject({
        outcome: "receipt-used",
        entry: { login: "10003", amount: 100_00 },
      });
    }
    expect((await account("10003")).balance).toBe(140_00);
    expect((await account("10004")).balance).toBe(2300_00);
  });

  it("answers an unknown login", async () => {
    expect(await topup("99999", "100", "R-300")).toEqual({ outcome: "unknown-login" });
    expect(
      await database.prisma.ledgerEntry.count({ where: { idempotencyKey: receiptKey("R-300") } }),
    ).toBe(0);
  });

  it("unblocks a BLOCKED contract it brings to zero or above, not one it leaves below", async () => {
    // 10002 is BLOCKED at -180 ₽.
    const partly = await topup("10002", "100", "R-400");
    expect(partly).toMatchObject({
      outcome: "posted",
      balanceAfter: -80_00,
      unblocked: false,
      status: "BLOCKED",
    });
    expect((await account("10002")).status).toBe("BLOCKED");
    const enough = await topup("10002", "80", "R-401");
    expect(enough).toMatchObject({
      outcome: "posted",
      balanceAfter: 0,
      unblocked: true,
      status: "ACTIVE",
    });
    const stored = await account("10002");
    expect(stored.status).toBe("ACTIVE");
    expect(stored.balance).toBe(stored.ledgerEntries.reduce((sum, entry) => sum + entry.amount, 0));
  });
});
