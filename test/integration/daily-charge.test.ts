// The daily charge against real PostgreSQL: once per account and day, whatever reruns,
// concurrent runs or crashes happen; month lengths, rounding, blocking.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dailyFee, daysInMonth } from "../../core/billing/calendar.ts";
import { chargeKey, runDailyCharge } from "../../core/billing/daily-charge.ts";
import { useTestDatabase } from "../support/file-database.ts";
import { ledgerMismatches } from "../support/ledger.ts";
import { noPostgres } from "../support/require-services.ts";

describe.skipIf(noPostgres)("the daily charge", () => {
  let internetId: number;
  let iptvId: number;
  const { database } = useTestDatabase({
    resetEachTest: true,
    async prepare(db) {
      internetId = (
        await db.tariff.create({
          data: { code: "net", name: "Домашний", kind: "INTERNET", monthlyFee: 450_00 },
        })
      ).id;
      iptvId = (
        await db.tariff.create({
          data: { code: "tv", name: "IPTV", kind: "IPTV", monthlyFee: 150_00 },
        })
      ).id;
    },
  });

  async function accounts(count: number, balance: number, extra: { iptv?: boolean } = {}) {
    const db = database.prisma;
    const first = (await db.account.count()) + 1;
    await db.account.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        login: `A${first + i}`,
        passwordHash: "x",
        name: `Абонент ${first + i}`,
        address: "Каспийск",
        internetTariffId: internetId,
        iptvTariffId: extra.iptv ? iptvId : null,
      })),
    });
    const created = await db.account.findMany({
      where: { login: { startsWith: "A" } },
      orderBy: { id: "asc" },
      skip: first - 1,
    });
    // Opening balances in bulk: the ledger entry and the cached balance agree, as postLedgerEntry keeps them.
    await db.ledgerEntry.createMany({
      data: created.map((account) => ({
        accountId: account.id,
        amount: balance,
        kind: "ADJUSTMENT" as const,
        idempotencyKey: `open:${account.id}`,
        balanceAfter: balance,
      })),
    });
    await db.account.updateMany({
      where: { id: { in: created.map((account) => account.id) } },
      data: { balance },
    });
    return created.map((account) => account.id);
  }

  async function expectLedgerConsistent() {
    expect(await ledgerMismatches(database.prisma)).toEqual([]);
  }

  const chargesOn = (day: string) =>
    database.prisma.ledgerEntry.count({
      where: { kind: "DAILY_CHARGE", idempotencyKey: { endsWith: `:${day}` } },
    });

  it("charges internet and IPTV for the day once, however often it runs", async () => {
    const [withTv] = await accounts(1, 1000_00, { iptv: true });
    const plain = await accounts(4, 1000_00);
    const day = "2026-11-25";
    const first = await runDailyCharge(database.prisma, { day, batchSize: 2 });
    const second = await runDailyCharge(database.prisma, { day, batchSize: 2 });
    expect(first).toMatchObject({ charged: 5, skipped: 0, blocked: 0 });
    expect(second).toMatchObject({ charged: 0, skipped: 5 });
    expect(await chargesOn(day)).toBe(5);

    const tv = await database.prisma.account.findUniqueOrThrow({ where: { id: withTv ?? 0 } });
    expect(tv.balance).toBe(1000_00 - dailyFee(600_00, day));
    const entry = await database.prisma.ledgerEntry.findUniqueOrThrow({
      where: { idempotencyKey: chargeKey(tv.id, day) },
    });
    expect(entry).toMatchObject({ amount: -2000, balanceAfter: tv.balance, reference: day });
    expect(plain).toHaveLength(4);
    await expectLedgerConsistent();
  });

  it("charges once when two runs race", async () => {
    await accounts(300, 1000_00);
    const day = "2026-11-26";
    const reports = await Promise.all([
      runDailyCharge(database.prisma, { day, batchSize: 50 }),
      runDailyCharge(database.prisma, { day, batchSize: 50 }),
    ]);
    expect(reports.reduce((sum, report) => sum + report.charged, 0)).toBe(300);
    expect(await chargesOn(day)).toBe(300);
    await expectLedgerConsistent();
  });

  it("finishes after a killed run without charging anyone twice", async () => {
    await accounts(2000, 1000_00);
    const day = "2026-11-27";
    // node itself (not the tsx wrapper, whose child would outlive a SIGKILL).
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(import.meta.dirname, "../support/charge-process.ts"),
        database.url,
        day,
        "100",
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("progress")) {
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.on("exit", () => resolve());
      child.on("error", reject);
    });
    const before = await chargesOn(day);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(2000);

    const rerun = await runDailyCharge(database.prisma, { day, batchSize: 100 });
    expect(rerun.charged).toBe(2000 - before);
    expect(await chargesOn(day)).toBe(2000);
    const twice = await database.prisma.$queryRaw<{ n: number }[]>`
      SELECT COUNT(*)::int AS n FROM "LedgerEntry" WHERE kind = 'DAILY_CHARGE' GROUP BY "accountId", reference HAVING COUNT(*) > 1`;
    expect(twice).toEqual([]);
    await expectLedgerConsistent();
  }, 60_000);

  it.each([
    ["2026-02-01", 28, 1607],
    ["2028-02-10", 29, 1552],
    ["2026-11-30", 30, 1500],
    ["2026-12-31", 31, 1452],
  ])("on %s (a %i-day month) charges 450 ₽ a month as %i kopecks a day", async (day, days, fee) => {
    expect(daysInMonth(day)).toBe(days);
    const [id] = await accounts(1, 100_00);
    await runDailyCharge(database.prisma, { day });
    const account = await database.prisma.account.findUniqueOrThrow({ where: { id: id ?? 0 } });
    expect(account.balance).toBe(100_00 - fee);
  });

  it("blocks a contract that goes below zero, unless a trust payment is active; skips blocked ones", async () => {
    const [poor, trusted] = await accounts(2, 5_00);
    const [alreadyBlocked] = await accounts(1, -50_00);
    await database.prisma.account.update({
      where: { id: alreadyBlocked ?? 0 },
      data: { status: "BLOCKED" },
    });
    await database.prisma.trustPayment.create({
      data: {
        accountId: trusted ?? 0,
        amount: 450_00,
        expiresAt: new Date("2026-12-01T00:00:00Z"),
      },
    });
    const report = await runDailyCharge(database.prisma, { day: "2026-11-28" });
    expect(report).toMatchObject({ charged: 2, blocked: 1 });
    const status = async (id: number | undefined) =>
      (await database.prisma.account.findUniqueOrThrow({ where: { id: id ?? 0 } })).status;
    expect(await status(poor)).toBe("BLOCKED");
    expect(await status(trusted)).toBe("ACTIVE");
    expect(await status(alreadyBlocked)).toBe("BLOCKED");
    const blocked = await database.prisma.account.findUniqueOrThrow({
      where: { id: alreadyBlocked ?? 0 },
    });
    expect(blocked.balance).toBe(-50_00);
  });

  it("blocks an active contract below zero that had nothing to charge, once", async () => {
    const [free, held] = await accounts(2, -30_00);
    await database.prisma.account.updateMany({
      where: { id: { in: [free ?? 0, held ?? 0] } },
      data: { internetTariffId: null },
    });
    await database.prisma.trustPayment.create({
      data: { accountId: held ?? 0, amount: 450_00, expiresAt: new Date("2026-12-01T00:00:00Z") },
    });
    expect(await runDailyCharge(database.prisma, { day: "2026-11-28" })).toMatchObject({
      charged: 0,
      blocked: 1,
    });
    expect(await runDailyCharge(database.prisma, { day: "2026-11-28" })).toMatchObject({
      blocked: 0,
    });
    const status = async (id: number | undefined) =>
      (await database.prisma.account.findUniqueOrThrow({ where: { id: id ?? 0 } })).status;
    expect(await status(free)).toBe("BLOCKED");
    expect(await status(held)).toBe("ACTIVE");
    await expectLedgerConsistent();
  });

  it("moves a contract to its pending tariff on the change's date", async () => {
    const [id] = await accounts(1, 1000_00);
    const faster = await database.prisma.tariff.create({
      data: { code: "fast", name: "Максимум", kind: "INTERNET", monthlyFee: 900_00 },
    });
    await database.prisma.account.update({
      where: { id: id ?? 0 },
      data: { pendingTariffId: faster.id, pendingTariffDate: new Date("2026-12-01T00:00:00Z") },
    });
    await runDailyCharge(database.prisma, { day: "2026-11-30" });
    const before = await database.prisma.account.findUniqueOrThrow({ where: { id: id ?? 0 } });
    expect(before.internetTariffId).toBe(internetId);
    const report = await runDailyCharge(database.prisma, { day: "2026-12-01" });
    expect(report.tariffChangesApplied).toBe(1);
    const after = await database.prisma.account.findUniqueOrThrow({ where: { id: id ?? 0 } });
    expect(after).toMatchObject({
      internetTariffId: faster.id,
      pendingTariffId: null,
      pendingTariffDate: null,
    });
    expect(after.balance).toBe(before.balance - dailyFee(900_00, "2026-12-01"));
  });
});
