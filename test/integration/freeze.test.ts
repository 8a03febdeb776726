// The voluntary freeze against real PostgreSQL, on the demo contracts: every refusal, the days a
// calendar year allows (also across New Year), the fee taken exactly once however the order is
// repeated or raced by a second instance, and unfreezing (ended today, or called off with the fee
// returned).
import { describe, expect, it } from "vitest";
import {
  checkFreeze,
  type FreezeRequest,
  type FreezeSettings,
  freezeAccount,
  freezeFeeKey,
  freezeFeeReturnKey,
  freezeStatus,
  unfreezeAccount,
} from "../../core/billing/freeze.ts";
import { postLedgerEntry } from "../../core/billing/ledger.ts";
import type { Database } from "../../core/db.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { ledgerMismatches } from "../support/ledger.ts";
import { noPostgres } from "../support/require-services.ts";

const today = "2026-12-03";
const settings: FreezeSettings = {
  freeze: { daysPerYear: 30, minDays: 1, startWithinDays: 30, fee: 100_00 },
};
const withFreeze = (changes: Partial<FreezeSettings["freeze"]>): FreezeSettings => ({
  freeze: { ...settings.freeze, ...changes },
});

describe.skipIf(noPostgres)("voluntary freeze", () => {
  const { database, secondInstance } = useDemoDatabase({
    secondInstance: true,
    resetEachTest: true,
  });
  const db = () => database.prisma;
  const idOf = async (login: string) =>
    (await db().account.findUniqueOrThrow({ where: { login } })).id;
  const balanceOf = async (login: string) =>
    (await db().account.findUniqueOrThrow({ where: { login } })).balance;
  type Ask = Omit<FreezeRequest, "accountId" | "today"> & { today?: string };
  const request = async (login: string, ask: Ask) => ({
    accountId: await idOf(login),
    today,
    ...ask,
  });
  const check = async (login: string, ask: Ask, with_ = settings) =>
    checkFreeze(db(), { ...(await request(login, ask)), settings: with_ });
  const freeze = async (
    login: string,
    ask: Ask & { expectedFee?: number },
    instance: Database = database,
    with_ = settings,
  ) => freezeAccount(instance.prisma, { ...(await request(login, ask)), settings: with_ });
  const unfreeze = async (login: string, on = today) =>
    unfreezeAccount(db(), { accountId: await idOf(login), today: on, settings });
  const status = async (login: string, on = today, with_ = settings) =>
    freezeStatus(db(), { accountId: await idOf(login), today: on, settings: with_ });
  const feeEntries = async (login: string) =>
    db().ledgerEntry.findMany({
      where: { accountId: await idOf(login), kind: "FREEZE_FEE" },
      orderBy: { id: "asc" },
    });
  /** A freeze of the past, as the rules left it (ended, its fee taken then). */
  const pastFreeze = async (login: string, startsOn: string, lastDay: string) =>
    db().freeze.create({
      data: {
        accountId: await idOf(login),
        startsOn: new Date(startsOn),
        endsOn: new Date(lastDay),
        lastDay: new Date(lastDay),
        endedAt: new Date(`${lastDay}T21:00:00Z`),
      },
    });

  it("tells a contract never frozen its terms: the days of the year, the fee, how far ahead", async () => {
    expect(await status("10001")).toEqual({
      state: "none",
      fee: 100_00,
      minDays: 1,
      latestStart: "2027-01-02",
      allowance: { year: 2026, perYear: 30, daysLeft: 30 },
    });
  });

  it("offers a freeze from today for a number of days, with the fee and the days it leaves", async () => {
    expect(await check("10001", { startsOn: today, days: 14 })).toEqual({
      outcome: "allowed",
      startsOn: today,
      endsOn: "2026-12-16",
      lastDay: "2026-12-16",
      days: 14,
      fee: 100_00,
      balance: 1250_00,
      balanceAfter: 1150_00,
      allowance: { year: 2026, perYear: 30, daysLeft: 30 },
      daysLeftAfter: 16,
    });
  });

  describe("refusals", () => {
    it("refuses a closed contract", async () => {
      expect(await check("10005", { startsOn: today, days: 7 })).toEqual({
        outcome: "refused",
        reason: "closed",
      });
      expect(await freeze("10005", { startsOn: today, days: 7 })).toEqual({
        outcome: "refused",
        reason: "closed",
      });
      expect(await db().freeze.count()).toBe(0);
    });

    it("refuses a contract blocked with a debt, and one below zero", async () => {
      expect(await freeze("10002", { startsOn: today, days: 7 })).toEqual({
        outcome: "refused",
        reason: "debt",
        balance: -180_00,
      });
      await postLedgerEntry(db(), {
        accountId: await idOf("10003"),
        amount: -50_00,
        kind: "ADJUSTMENT",
        idempotencyKey: "test:below-zero",
      });
      expect(await check("10003", { startsOn: today, days: 7 })).toMatchObject({
        reason: "debt",
        balance: -10_00,
      });
    });

    it("refuses a start in the past or further ahead than allowed", async () => {
      expect(await check("10001", { startsOn: "2026-12-02", days: 7 })).toEqual({
        outcome: "refused",
        reason: "start-in-past",
        today,
      });
      expect(await check("10001", { startsOn: "2027-01-03", days: 7 })).toEqual({
        outcome: "refused",
        reason: "start-too-far",
        latestStart: "2027-01-02",
      });
      expect(await check("10001", { startsOn: "2027-01-02", days: 7 })).toMatchObject({
        outcome: "allowed",
        endsOn: "2027-01-08",
      });
    });

    it("refuses fewer days than the least, and more than a year allows", async () => {
      const atLeast3 = withFreeze({ minDays: 3 });
      expect(await check("10001", { startsOn: today, days: 2 }, atLeast3)).toEqual({
        outcome: "refused",
        reason: "too-short",
        minDays: 3,
      });
      expect(await check("10001", { startsOn: today, days: 0 })).toMatchObject({
        reason: "too-short",
      });
      expect(await check("10001", { startsOn: today, days: 31 })).toEqual({
        outcome: "refused",
        reason: "too-long",
        maxDays: 30,
      });
    });

    it("refuses a balance below the fee, and takes nothing", async () => {
      // 10003 has 40 ₽; the fee is 100 ₽.
      expect(await freeze("10003", { startsOn: today, days: 7 })).toEqual({
        outcome: "refused",
        reason: "balance-too-low",
        fee: 100_00,
        balance: 40_00,
      });
      expect(await balanceOf("10003")).toBe(40_00);
      // Free of charge, the same contract may freeze.
      expect(
        await freeze("10003", { startsOn: today, days: 7 }, database, withFreeze({ fee: 0 })),
      ).toMatchObject({ outcome: "frozen", fee: 0, balance: 40_00 });
      expect(await feeEntries("10003")).toEqual([]);
    });

    it("refuses a contract already frozen, or frozen from a later day", async () => {
      await freeze("10001", { startsOn: today, days: 10 });
      expect(await freeze("10001", { startsOn: "2026-12-20", days: 3 })).toEqual({
        outcome: "refused",
        reason: "already-frozen",
        freeze: { state: "frozen", startsOn: today, endsOn: "2026-12-12", lastDay: "2026-12-12" },
      });
      await freeze("10004", { startsOn: "2026-12-10", days: null });
      expect(await check("10004", { startsOn: today, days: 3 })).toMatchObject({
        reason: "already-frozen",
        freeze: { state: "scheduled", startsOn: "2026-12-10", endsOn: null },
      });
    });
  });

  describe("the days of a calendar year", () => {
    it("counts the year's earlier freezes and refuses more than is left", async () => {
      await pastFreeze("10001", "2026-03-01", "2026-03-12"); // 12 days
      await pastFreeze("10001", "2026-11-20", "2026-11-27"); // 8 days
      await pastFreeze("10001", "2025-12-20", "2026-01-02"); // 2 of them in 2026
      expect((await status("10001")).allowance).toEqual({
        year: 2026,
        perYear: 30,
        daysLeft: 8,
      });
      expect(await check("10001", { startsOn: today, days: 9 })).toEqual({
        outcome: "refused",
        reason: "days-used-up",
        year: 2026,
        perYear: 30,
        daysLeft: 8,
        maxDays: 8,
      });
      expect(await freeze("10001", { startsOn: today, days: 8 })).toMatchObject({
        outcome: "frozen",
        lastDay: "2026-12-10",
        daysLeftAfter: 0,
      });
      expect(await unfreeze("10001", "2026-12-10")).toMatchObject({ outcome: "unfrozen" });
      expect(await check("10001", { startsOn: "2026-12-11", days: 1 })).toMatchObject({
        reason: "days-used-up",
        daysLeft: 0,
        maxDays: 0,
      });
      expect(await check("10001", { startsOn: "2026-12-11", days: null })).toMatchObject({
        reason: "days-used-up",
        maxDays: 0,
      });
    });

    it("ends a freeze until unfrozen where the year's days run out", async () => {
      await pastFreeze("10001", "2026-06-01", "2026-06-25"); // 25 days: 5 left
      expect(await freeze("10001", { startsOn: "2026-12-05", days: null })).toMatchObject({
        outcome: "frozen",
        scheduled: true,
        startsOn: "2026-12-05",
        endsOn: null,
        lastDay: "2026-12-09",
      });
      expect(await status("10001", "2026-12-06")).toMatchObject({
        state: "frozen",
        startsOn: "2026-12-05",
        endsOn: null,
        lastDay: "2026-12-09",
        // Only the days so far count while it is open.
        allowance: { daysLeft: 3 },
      });
      expect(await status("10001", "2026-12-10")).toMatchObject({
        state: "none",
        allowance: { daysLeft: 0 },
      });
    });

    it("crosses New Year: each year's days from its own allowance, one freeze at most a year's worth", async () => {
      const december = "2026-12-20";
      await pastFreeze("10001", "2026-02-01", "2026-02-25"); // 25 days: 5 left in 2026
      // From 28 December: 4 days in 2026 and the rest in 2027.
      expect(
        await check("10001", { today: december, startsOn: "2026-12-28", days: 20 }),
      ).toMatchObject({ outcome: "allowed", lastDay: "2027-01-16", daysLeftAfter: 1 });
      // From 26 December the 2026 days run out before New Year.
      expect(
        await check("10001", { today: december, startsOn: "2026-12-26", days: 20 }),
      ).toMatchObject({ reason: "days-used-up", year: 2026, daysLeft: 5, maxDays: 5 });
      // Until unfrozen from 28 December: all of 2027's 30 days would be too many for one freeze.
      expect(
        await check("10001", { today: december, startsOn: "2026-12-28", days: null }),
      ).toMatchObject({ outcome: "allowed", endsOn: null, lastDay: "2027-01-26" });
    });

    it("counts a day once when a contract is unfrozen and frozen again on it", async () => {
      await freeze("10004", { startsOn: today, days: 5 });
      await unfreeze("10004");
      expect((await status("10004")).allowance?.daysLeft).toBe(29);
      expect(await freeze("10004", { startsOn: today, days: 5 })).toMatchObject({
        outcome: "frozen",
        daysLeftAfter: 25,
      });
    });

    it("does not let a freeze past its last day stand in the way of the next one", async () => {
      await freeze("10001", { startsOn: today, days: 3 });
      expect(
        await freeze("10001", { today: "2026-12-06", startsOn: "2026-12-06", days: 3 }),
      ).toMatchObject({ outcome: "frozen", daysLeftAfter: 24 });
      expect(await db().freeze.count({ where: { endedAt: null } })).toBe(1);
    });
  });

  describe("ordering and the fee", () => {
    it("takes the fee once, in the same transaction as the freeze, keyed on it", async () => {
      const result = await freeze("10001", { startsOn: today, days: 7, expectedFee: 100_00 });
      expect(result).toMatchObject({
        outcome: "frozen",
        scheduled: false,
        startsOn: today,
        endsOn: "2026-12-09",
        fee: 100_00,
        balance: 1150_00,
        daysLeftAfter: 23,
      });
      if (result.outcome !== "frozen") throw new Error("not frozen");
      const fees = await feeEntries("10001");
      expect(fees).toMatchObject([
        {
          amount: -100_00,
          idempotencyKey: freezeFeeKey(result.freezeId ?? 0),
          balanceAfter: 1150_00,
        },
      ]);
      // Asked again: already frozen, nothing more taken.
      expect(await freeze("10001", { startsOn: today, days: 7 })).toMatchObject({
        reason: "already-frozen",
      });
      expect(await feeEntries("10001")).toHaveLength(1);
      expect(await ledgerMismatches(db())).toEqual([]);
    });

    it("orders one freeze and takes one fee when taps and instances race", async () => {
      const asks = Array.from({ length: 6 }, (_, i) =>
        freeze("10004", { startsOn: today, days: 5 }, i % 2 ? secondInstance : database),
      );
      const results = await Promise.all(asks);
      expect(results.filter((result) => result.outcome === "frozen")).toHaveLength(1);
      for (const result of results.filter((r) => r.outcome !== "frozen")) {
        expect(result).toMatchObject({ outcome: "refused", reason: "already-frozen" });
      }
      expect(await db().freeze.count()).toBe(1);
      expect(await feeEntries("10004")).toHaveLength(1);
      expect(await balanceOf("10004")).toBe(2200_00);
      expect(await ledgerMismatches(db())).toEqual([]);
    });

    it("orders nothing when the fee confirmed is no longer the fee", async () => {
      expect(await freeze("10001", { startsOn: today, days: 7, expectedFee: 50_00 })).toMatchObject(
        { outcome: "changed", offer: { outcome: "allowed", fee: 100_00 } },
      );
      expect(await db().freeze.count()).toBe(0);
      expect(await feeEntries("10001")).toEqual([]);
    });

    it("orders a freeze for a later day, scheduled", async () => {
      expect(await freeze("10001", { startsOn: "2026-12-10", days: 3 })).toMatchObject({
        outcome: "frozen",
        scheduled: true,
        endsOn: "2026-12-12",
      });
      expect(await status("10001")).toMatchObject({
        state: "scheduled",
        startsOn: "2026-12-10",
        endsOn: "2026-12-12",
        allowance: { daysLeft: 27 },
      });
      expect(await status("10001", "2026-12-11")).toMatchObject({ state: "frozen" });
    });
  });

  describe("unfreezing", () => {
    it("ends a freeze under way today, whatever end it had", async () => {
      await freeze("10001", { startsOn: "2026-12-01", today: "2026-12-01", days: null });
      expect(await unfreeze("10001")).toEqual({
        outcome: "unfrozen",
        startsOn: "2026-12-01",
        endsOn: today,
        allowance: { year: 2026, perYear: 30, daysLeft: 27 },
      });
      // Today stays frozen (no charge), but nothing is open any more.
      expect(await status("10001")).toMatchObject({ state: "none", allowance: { daysLeft: 27 } });
      expect(await unfreeze("10001", "2026-12-04")).toEqual({ outcome: "not-frozen" });
      // The fee of a freeze that started stays taken.
      expect(await feeEntries("10001")).toHaveLength(1);
    });

    it("calls off a freeze not yet started and returns its fee, once", async () => {
      const frozen = await freeze("10001", { startsOn: "2026-12-10", days: 5 });
      if (frozen.outcome !== "frozen") throw new Error("not frozen");
      expect(await balanceOf("10001")).toBe(1150_00);
      expect(await unfreeze("10001")).toEqual({
        outcome: "cancelled",
        startsOn: "2026-12-10",
        refund: 100_00,
        balance: 1250_00,
      });
      expect(await unfreeze("10001")).toEqual({ outcome: "not-frozen" });
      expect(
        (await feeEntries("10001")).map((entry) => [entry.amount, entry.idempotencyKey]),
      ).toEqual([
        [-100_00, freezeFeeKey(frozen.freezeId ?? 0)],
        [100_00, freezeFeeReturnKey(frozen.freezeId ?? 0)],
      ]);
      expect(await status("10001")).toMatchObject({
        state: "none",
        allowance: { daysLeft: 30 },
      });
      expect(await ledgerMismatches(db())).toEqual([]);
    });

    it("says so when there is nothing to unfreeze", async () => {
      expect(await unfreeze("10003")).toEqual({ outcome: "not-frozen" });
    });
  });
});
