// Card top-ups against real PostgreSQL: checkout checks, and crediting exactly once.
import { describe, expect, it } from "vitest";
import { parseRubles } from "../../core/billing/rubles.ts";
import { checkCheckout, creditPayment } from "../../core/payments/card-payment.ts";
import { expireInvoices } from "../../core/payments/invoice-expiry.ts";
import { startTopUp } from "../../core/payments/topup.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { noPostgres } from "../support/require-services.ts";

const lifetimeMs = 24 * 60 * 60_000;

describe("parseRubles", () => {
  it.each([
    ["500", 500_00],
    ["1 500", 1500_00],
    ["1500,5", 1500_50],
    ["99.99", 99_99],
    ["750 ₽", 750_00],
    ["750р", 750_00],
  ])("reads %j as %i kopecks", (text, kopecks) => expect(parseRubles(text)).toBe(kopecks));

  it.each(["", "abc", "1,234,5", "10.999", "1e3", "500 долларов"])("refuses %j", (text) =>
    expect(parseRubles(text)).toBeNull(),
  );
});

describe.skipIf(noPostgres)("card top-ups", () => {
  const { database, secondInstance } = useDemoDatabase({ secondInstance: true });

  const accountOf = (login: string) =>
    database.prisma.account.findUniqueOrThrow({ where: { login } });
  async function invoice(login: string, amount: number) {
    const account = await accountOf(login);
    const started = await startTopUp(database.prisma, {
      accountId: account.id,
      telegramUserId: 1,
      amount,
    });
    if (started.outcome !== "invoice") throw new Error(started.outcome);
    return started;
  }
  const paid = (payload: string, amount: number, chargeId: string) => ({
    payload,
    amount,
    currency: "RUB",
    telegramChargeId: chargeId,
    providerChargeId: `provider-${chargeId}`,
    telegramUserId: 1,
  });

  it("issues invoices only within the limits and never for a closed contract", async () => {
    const active = await accountOf("10001");
    const closed = await accountOf("10005");
    expect(
      await startTopUp(database.prisma, { accountId: active.id, telegramUserId: 1, amount: 99_99 }),
    ).toEqual({
      outcome: "out-of-range",
    });
    expect(
      await startTopUp(database.prisma, {
        accountId: active.id,
        telegramUserId: 1,
        amount: 15_000_01,
      }),
    ).toEqual({ outcome: "out-of-range" });
    expect(
      await startTopUp(database.prisma, {
        accountId: closed.id,
        telegramUserId: 1,
        amount: 500_00,
      }),
    ).toEqual({
      outcome: "closed",
    });
    const started = await invoice("10001", 500_00);
    expect(started.payload).toMatch(/^[\w-]{32}$/);
  });

  it("expires every invoice past its lifetime in one run, however many, and leaves the rest", async () => {
    const account = await accountOf("10002");
    const sent = (count: number, hoursAgo: number) =>
      database.prisma.payment.createMany({
        data: Array.from({ length: count }, (_, i) => ({
          accountId: account.id,
          amount: 500_00,
          invoicePayload: `expiry-${hoursAgo}h-${String(i).padStart(20, "0")}`,
          createdAt: new Date(Date.now() - hoursAgo * 60 * 60_000),
        })),
      });
    await sent(2_500, 30);
    await sent(3, 2);
    const now = new Date();
    expect(await expireInvoices(database.prisma, { now, lifetimeMs })).toEqual({
      expired: 2_500,
    });
    expect(await expireInvoices(database.prisma, { now, lifetimeMs })).toEqual({ expired: 0 });
    const left = await database.prisma.payment.groupBy({
      by: ["status"],
      where: { invoicePayload: { startsWith: "expiry-" } },
      _count: { _all: true },
      orderBy: { status: "asc" },
    });
    expect(left.map((row) => [row.status, row._count._all])).toEqual([
      ["PENDING", 3],
      ["EXPIRED", 2_500],
    ]);
    await database.prisma.payment.deleteMany({
      where: { invoicePayload: { startsWith: "expiry-" } },
    });
  });

  it("approves at checkout only the pending invoice as issued", async () => {
    const started = await invoice("10001", 700_00);
    const check = (
      over: Partial<{ payload: string; amount: number; currency: string; now: Date }>,
    ) =>
      checkCheckout(database.prisma, {
        payload: started.payload,
        amount: 700_00,
        currency: "RUB",
        lifetimeMs,
        ...over,
      });
    expect(await check({})).toEqual({ ok: true });
    expect(await check({ amount: 7_00 })).toEqual({ ok: false, reason: "amount-mismatch" });
    expect(await check({ currency: "USD" })).toEqual({ ok: false, reason: "currency" });
    expect(await check({ payload: "forged-payload" })).toEqual({ ok: false, reason: "unknown" });
    // Expired, with what a fresh invoice would be for.
    expect(await check({ now: new Date(Date.now() + lifetimeMs + 60_000) })).toMatchObject({
      ok: false,
      reason: "expired",
      amount: started.amount,
    });
    // Expired now, by that checkout (or the invoice-expiry job): refused as out of date again.
    expect(await check({})).toMatchObject({ ok: false, reason: "expired" });

    const fresh = await invoice("10003", 500_00);
    await database.prisma.account.update({ where: { login: "10003" }, data: { status: "CLOSED" } });
    expect(
      await checkCheckout(database.prisma, {
        payload: fresh.payload,
        amount: 500_00,
        currency: "RUB",
        lifetimeMs,
      }),
    ).toEqual({
      ok: false,
      reason: "closed",
    });
    await database.prisma.account.update({ where: { login: "10003" }, data: { status: "ACTIVE" } });
  });

  it("credits a payment once, whatever is redelivered or raced by two instances", async () => {
    const before = (await accountOf("10004")).balance;
    const started = await invoice("10004", 1000_00);
    const payment = paid(started.payload, 1000_00, "tg-charge-1");
    const results = await Promise.all([
      creditPayment(database.prisma, payment),
      creditPayment(secondInstance.prisma, payment),
      creditPayment(database.prisma, payment),
      creditPayment(secondInstance.prisma, payment),
    ]);
    expect(results.filter((result) => result.outcome === "credited")).toHaveLength(1);
    expect(results.filter((result) => result.outcome === "already-credited")).toHaveLength(3);
    expect((await accountOf("10004")).balance).toBe(before + 1000_00);
    const record = await database.prisma.payment.findUniqueOrThrow({
      where: { invoicePayload: started.payload },
    });
    expect(record).toMatchObject({
      status: "PAID",
      telegramChargeId: "tg-charge-1",
      providerChargeId: "provider-tg-charge-1",
    });
    expect(
      await checkCheckout(database.prisma, {
        payload: started.payload,
        amount: 1000_00,
        currency: "RUB",
        lifetimeMs,
      }),
    ).toEqual({
      ok: false,
      reason: "not-pending",
    });
  });

  it("credits the same invoice paid twice with two charges: two real payments", async () => {
    const before = (await accountOf("10001")).balance;
    const started = await invoice("10001", 300_00);
    expect(
      (await creditPayment(database.prisma, paid(started.payload, 300_00, "tg-a"))).outcome,
    ).toBe("credited");
    expect(
      (await creditPayment(database.prisma, paid(started.payload, 300_00, "tg-b"))).outcome,
    ).toBe("credited");
    expect((await accountOf("10001")).balance).toBe(before + 600_00);
    expect(
      await database.prisma.payment.count({
        where: { status: "PAID", telegramChargeId: { in: ["tg-a", "tg-b"] } },
      }),
    ).toBe(2);
  });

  it("unblocks a blocked contract that the payment brings to zero or above", async () => {
    const started = await invoice("10002", 200_00);
    const result = await creditPayment(
      database.prisma,
      paid(started.payload, 200_00, "tg-unblock"),
    );
    expect(result).toMatchObject({ outcome: "credited", balanceAfter: 20_00, unblocked: true });
    expect((await accountOf("10002")).status).toBe("ACTIVE");
  });
});
