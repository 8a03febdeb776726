// IPTV changes against real PostgreSQL: a package chosen, switched or removed on a day takes
// effect from the next one, so the day it is chosen (whenever its charge runs: after midnight,
// after downtime, as a catch-up for a past day) is billed at the package the contract had; a new
// choice replaces a pending one, choosing the current package again or cancelling clears it.
import { afterEach, describe, expect, it } from "vitest";
import { addDays, dailyFee } from "../../core/billing/calendar.ts";
import { chargeKey, runDailyCharge } from "../../core/billing/daily-charge.ts";
import {
  applyPendingIptvChanges,
  cancelIptvChange,
  scheduleIptvChange,
  viewTariffs,
} from "../../core/billing/tariffs.ts";
import { useTestDatabase } from "../support/file-database.ts";
import { ledgerMismatches } from "../support/ledger.ts";
import { noPostgres } from "../support/require-services.ts";

/** A 30-day month: 450 ₽ is 15 ₽ a day, 150 ₽ is 5 ₽, 300 ₽ is 10 ₽. */
const today = "2026-11-25";
const tomorrow = addDays(today, 1);
const internetFee = 450_00;
const basicFee = 150_00;
const extendedFee = 300_00;

describe.skipIf(noPostgres)("IPTV changes from the next day", () => {
  const tariffIds: Record<string, number> = {};
  const { database } = useTestDatabase({
    resetEachTest: true,
    async prepare(db) {
      for (const tariff of [
        { code: "net", name: "Домашний", kind: "INTERNET" as const, monthlyFee: internetFee },
        { code: "tv", name: "IPTV Базовый", kind: "IPTV" as const, monthlyFee: basicFee },
        {
          code: "tv-plus",
          name: "IPTV Расширенный",
          kind: "IPTV" as const,
          monthlyFee: extendedFee,
        },
      ]) {
        tariffIds[tariff.code] = (await db.tariff.create({ data: tariff })).id;
      }
    },
  });
  afterEach(async () => {
    expect(await ledgerMismatches(database.prisma)).toEqual([]);
  });

  let logins = 0;
  async function account(iptv: string | null): Promise<number> {
    const db = database.prisma;
    const created = await db.account.create({
      data: {
        login: `tv${++logins}`,
        passwordHash: "x",
        name: "Абонент",
        address: "Каспийск",
        balance: 1000_00,
        internetTariffId: tariffIds.net ?? null,
        iptvTariffId: iptv ? (tariffIds[iptv] ?? null) : null,
      },
    });
    await db.ledgerEntry.create({
      data: {
        accountId: created.id,
        amount: 1000_00,
        kind: "ADJUSTMENT",
        idempotencyKey: `open:${created.id}`,
        balanceAfter: 1000_00,
      },
    });
    return created.id;
  }

  /** What the daily charge will do for `day`: the due changes, then the charge. */
  async function chargeDay(day: string) {
    const iptvChangesApplied = await applyPendingIptvChanges(database.prisma, day);
    const report = await runDailyCharge(database.prisma, { day });
    return { iptvChangesApplied, report };
  }

  const chargedOn = async (id: number, day: string) =>
    -(
      await database.prisma.ledgerEntry.findUniqueOrThrow({
        where: { idempotencyKey: chargeKey(id, day) },
      })
    ).amount;

  const state = (id: number) =>
    database.prisma.account.findUniqueOrThrow({
      where: { id },
      select: { iptvTariffId: true, pendingIptvTariffId: true, pendingIptvDate: true },
    });

  it("adds a package from tomorrow: today is billed without it, tomorrow with it", async () => {
    const id = await account(null);
    expect(await scheduleIptvChange(database.prisma, { accountId: id, code: "tv", today })).toEqual(
      {
        outcome: "scheduled",
        to: expect.objectContaining({ code: "tv", name: "IPTV Базовый" }),
        effective: tomorrow,
      },
    );
    expect(await state(id)).toEqual({
      iptvTariffId: null,
      pendingIptvTariffId: tariffIds.tv,
      pendingIptvDate: new Date(`${tomorrow}T00:00:00Z`),
    });

    expect((await chargeDay(today)).iptvChangesApplied).toBe(0);
    expect(await chargedOn(id, today)).toBe(dailyFee(internetFee, today));
    expect((await state(id)).iptvTariffId).toBeNull();

    expect((await chargeDay(tomorrow)).iptvChangesApplied).toBe(1);
    expect(await chargedOn(id, tomorrow)).toBe(dailyFee(internetFee + basicFee, tomorrow));
    expect(await state(id)).toEqual({
      iptvTariffId: tariffIds.tv,
      pendingIptvTariffId: null,
      pendingIptvDate: null,
    });
  });

  it("removes a package from tomorrow: today is still billed with it", async () => {
    const id = await account("tv");
    expect(await scheduleIptvChange(database.prisma, { accountId: id, code: null, today })).toEqual(
      { outcome: "scheduled", to: null, effective: tomorrow },
    );
    await chargeDay(today);
    expect(await chargedOn(id, today)).toBe(dailyFee(internetFee + basicFee, today));
    expect((await state(id)).iptvTariffId).toBe(tariffIds.tv);

    await chargeDay(tomorrow);
    expect(await chargedOn(id, tomorrow)).toBe(dailyFee(internetFee, tomorrow));
    expect(await state(id)).toEqual({
      iptvTariffId: null,
      pendingIptvTariffId: null,
      pendingIptvDate: null,
    });
  });

  it("switches packages from tomorrow", async () => {
    const id = await account("tv");
    await scheduleIptvChange(database.prisma, { accountId: id, code: "tv-plus", today });
    await chargeDay(today);
    expect(await chargedOn(id, today)).toBe(dailyFee(internetFee + basicFee, today));
    await chargeDay(tomorrow);
    expect(await chargedOn(id, tomorrow)).toBe(dailyFee(internetFee + extendedFee, tomorrow));
  });

  it("keeps the old package for a past day charged late, and applies the change when its day's charge runs late", async () => {
    const id = await account(null);
    await scheduleIptvChange(database.prisma, { accountId: id, code: "tv", today });
    // A catch-up (`run-job daily-charge --date`) for a day before the change: the old package.
    const past = addDays(today, -2);
    expect((await chargeDay(past)).iptvChangesApplied).toBe(0);
    expect(await chargedOn(id, past)).toBe(dailyFee(internetFee, past));
    // Tomorrow's run missed (downtime): the run for the day after still makes the change first.
    const later = addDays(today, 2);
    expect((await chargeDay(later)).iptvChangesApplied).toBe(1);
    expect(await chargedOn(id, later)).toBe(dailyFee(internetFee + basicFee, later));
  });

  it("makes each change once, however often it runs", async () => {
    const [first, second] = [await account(null), await account("tv")];
    await scheduleIptvChange(database.prisma, { accountId: first, code: "tv-plus", today });
    await scheduleIptvChange(database.prisma, { accountId: second, code: null, today });
    expect(await applyPendingIptvChanges(database.prisma, tomorrow)).toBe(2);
    expect(await applyPendingIptvChanges(database.prisma, tomorrow)).toBe(0);
    expect((await state(first)).iptvTariffId).toBe(tariffIds["tv-plus"]);
    expect((await state(second)).iptvTariffId).toBeNull();
  });

  it("cancels a pending change: tomorrow is billed as today", async () => {
    const id = await account("tv");
    await scheduleIptvChange(database.prisma, { accountId: id, code: null, today });
    expect(await cancelIptvChange(database.prisma, id)).toBe(true);
    expect(await cancelIptvChange(database.prisma, id)).toBe(false);
    expect((await chargeDay(tomorrow)).iptvChangesApplied).toBe(0);
    expect(await chargedOn(id, tomorrow)).toBe(dailyFee(internetFee + basicFee, tomorrow));
    expect(await state(id)).toEqual({
      iptvTariffId: tariffIds.tv,
      pendingIptvTariffId: null,
      pendingIptvDate: null,
    });
  });

  it("replaces a pending change with a new choice, dated from the day after the new one", async () => {
    const id = await account("tv");
    await scheduleIptvChange(database.prisma, { accountId: id, code: "tv-plus", today });
    expect(
      await scheduleIptvChange(database.prisma, { accountId: id, code: null, today: tomorrow }),
    ).toEqual({ outcome: "scheduled", to: null, effective: addDays(tomorrow, 1) });
    // Chosen again just after midnight, before the day's charge: the day keeps the package.
    await chargeDay(tomorrow);
    expect(await chargedOn(id, tomorrow)).toBe(dailyFee(internetFee + basicFee, tomorrow));
    const dayAfter = addDays(tomorrow, 1);
    await chargeDay(dayAfter);
    expect(await chargedOn(id, dayAfter)).toBe(dailyFee(internetFee, dayAfter));
  });

  it("clears a pending change when the current package is chosen again; refuses what is already so", async () => {
    const id = await account("tv");
    const choose = (code: string | null) =>
      scheduleIptvChange(database.prisma, { accountId: id, code, today });
    expect(await choose("tv")).toEqual({ outcome: "same" });
    await choose("tv-plus");
    expect(await choose("tv-plus")).toEqual({ outcome: "already-scheduled" });
    expect(await choose("tv")).toEqual({ outcome: "cleared" });
    expect((await state(id)).pendingIptvDate).toBeNull();
    await choose(null);
    expect(await choose("tv")).toEqual({ outcome: "cleared" });
    expect(await state(id)).toEqual({
      iptvTariffId: tariffIds.tv,
      pendingIptvTariffId: null,
      pendingIptvDate: null,
    });

    const without = await account(null);
    expect(
      await scheduleIptvChange(database.prisma, { accountId: without, code: null, today }),
    ).toEqual({ outcome: "same" });
    await scheduleIptvChange(database.prisma, { accountId: without, code: "tv", today });
    expect(
      await scheduleIptvChange(database.prisma, { accountId: without, code: null, today }),
    ).toEqual({ outcome: "cleared" });
  });

  it("refuses unknown, internet and inactive packages", async () => {
    const id = await account(null);
    await database.prisma.tariff.create({
      data: { code: "old-tv", name: "Архив", kind: "IPTV", monthlyFee: 100_00, active: false },
    });
    for (const code of ["nope", "net", "old-tv"]) {
      expect(await scheduleIptvChange(database.prisma, { accountId: id, code, today })).toEqual({
        outcome: "unknown",
      });
    }
    expect((await state(id)).pendingIptvDate).toBeNull();
  });

  it("shows the pending change, and leaves a pending internet change alone", async () => {
    const id = await account("tv");
    await database.prisma.account.update({
      where: { id },
      data: { pendingTariffId: tariffIds.net ?? null, pendingTariffDate: new Date("2026-12-01") },
    });
    await scheduleIptvChange(database.prisma, { accountId: id, code: "tv-plus", today });
    expect((await viewTariffs(database.prisma, id)).current).toMatchObject({
      iptv: "tv",
      pending: { code: "net", from: "2026-12-01" },
      pendingIptv: { to: { code: "tv-plus", name: "IPTV Расширенный" }, from: tomorrow },
    });
    await scheduleIptvChange(database.prisma, { accountId: id, code: null, today });
    expect((await viewTariffs(database.prisma, id)).current?.pendingIptv).toEqual({
      to: null,
      from: tomorrow,
    });

    await applyPendingIptvChanges(database.prisma, tomorrow);
    expect(await database.prisma.account.findUniqueOrThrow({ where: { id } })).toMatchObject({
      iptvTariffId: null,
      pendingTariffId: tariffIds.net,
    });
    expect((await viewTariffs(database.prisma, id)).current?.pendingIptv).toBeNull();
  });
});
