// The daily charge and the low-balance reminder on frozen contracts, against real PostgreSQL: no
// charge on a frozen day (a rerun neither), charged again from the day after an unfreeze or
// after a freeze that ran out, a called-off freeze charged as usual; no reminder on a frozen day.
import { describe, expect, it } from "vitest";
import { builtinBilling } from "../../core/billing/builtin-billing.ts";
import { addDays, dailyFee } from "../../core/billing/calendar.ts";
import { chargeKey, runDailyCharge } from "../../core/billing/daily-charge.ts";
import { type FreezeSettings, freezeAccount, unfreezeAccount } from "../../core/billing/freeze.ts";
import { queueLowBalanceReminders } from "../../core/notify/low-balance.ts";
import { builtinSettings } from "../support/builtin-settings.ts";
import { useTestDatabase } from "../support/file-database.ts";
import { ledgerMismatches } from "../support/ledger.ts";
import { noPostgres } from "../support/require-services.ts";

// December: 31 days, 620 ₽ a month is 20 ₽ a day.
const settings: FreezeSettings = {
  freeze: { daysPerYear: 30, minDays: 1, startWithinDays: 30, fee: 0 },
};
const monthlyFee = 620_00;
const perDay = dailyFee(monthlyFee, "2026-12-01");

describe.skipIf(noPostgres)("frozen contracts and the daily jobs", () => {
  let tariffId: number;
  const { database } = useTestDatabase({
    resetEachTest: true,
    async prepare(db) {
      tariffId = (
        await db.tariff.create({
          data: { code: "net", name: "Домашний", kind: "INTERNET", monthlyFee },
        })
      ).id;
    },
  });
  const db = () => database.prisma;
  let telegramUserId = 0;

  /** An active contract with one reachable Telegram user linked. */
  async function contract(login: string, balance: number) {
    const account = await db().account.create({
      data: {
        login,
        passwordHash: "x",
        name: `Абонент ${login}`,
        address: "Каспийск",
        balance,
        internetTariffId: tariffId,
        ledgerEntries: {
          create: {
            amount: balance,
            kind: "ADJUSTMENT",
            idempotencyKey: `open:${login}`,
            balanceAfter: balance,
          },
        },
        links: {
          create: {
            method: "PASSWORD",
            telegramUser: {
              create: { id: BigInt(++telegramUserId), chatId: 1n, firstName: login },
            },
          },
        },
      },
    });
    return account.id;
  }
  const freeze = (accountId: number, today: string, startsOn: string, days: number | null) =>
    freezeAccount(db(), { accountId, today, startsOn, days, settings });
  const chargedDays = async (accountId: number) =>
    (
      await db().ledgerEntry.findMany({
        where: { accountId, kind: "DAILY_CHARGE" },
        orderBy: { id: "asc" },
        select: { reference: true },
      })
    ).map((entry) => entry.reference);
  const chargeDays = async (from: string, count: number) => {
    for (let i = 0; i < count; i += 1) await runDailyCharge(db(), { day: addDays(from, i) });
  };

  it("charges nothing on a frozen day, whatever reruns, and from the day after it again", async () => {
    const frozen = await contract("frozen", 1000_00);
    const other = await contract("other", 1000_00);
    expect(await freeze(frozen, "2026-12-01", "2026-12-02", 3)).toMatchObject({
      outcome: "frozen",
      lastDay: "2026-12-04",
    });

    const first = await runDailyCharge(db(), { day: "2026-12-01" });
    expect(first).toMatchObject({ charged: 2, skipped: 0 });
    const frozenDay = await runDailyCharge(db(), { day: "2026-12-02" });
    expect(frozenDay).toMatchObject({ charged: 1, skipped: 1 });
    // The same day again: nobody charged twice, the frozen one not at all.
    expect(await runDailyCharge(db(), { day: "2026-12-02" })).toMatchObject({
      charged: 0,
      skipped: 2,
    });
    await chargeDays("2026-12-03", 4);

    expect(await chargedDays(frozen)).toEqual(["2026-12-01", "2026-12-05", "2026-12-06"]);
    expect(await chargedDays(other)).toHaveLength(6);
    const balances = await db().account.findMany({ orderBy: { id: "asc" } });
    expect(balances.map((account) => account.balance)).toEqual([
      1000_00 - 3 * perDay,
      1000_00 - 6 * perDay,
    ]);
    expect(
      await db().ledgerEntry.count({ where: { idempotencyKey: chargeKey(frozen, "2026-12-03") } }),
    ).toBe(0);
    expect(await ledgerMismatches(db())).toEqual([]);
  });

  it("charges again from the day after an unfreeze; a called-off freeze charges as usual", async () => {
    const unfrozen = await contract("unfrozen", 1000_00);
    const calledOff = await contract("called-off", 1000_00);
    await freeze(unfrozen, "2026-12-01", "2026-12-01", null);
    await freeze(calledOff, "2026-12-01", "2026-12-03", 5);
    await chargeDays("2026-12-01", 2);
    // Unfrozen on the 2nd, after its charge ran: the 2nd stays free, the 3rd is charged.
    expect(
      await unfreezeAccount(db(), { accountId: unfrozen, today: "2026-12-02", settings }),
    ).toMatchObject({ outcome: "unfrozen", endsOn: "2026-12-02" });
    expect(
      await unfreezeAccount(db(), { accountId: calledOff, today: "2026-12-02", settings }),
    ).toMatchObject({ outcome: "cancelled" });
    await chargeDays("2026-12-03", 3);
    expect(await chargedDays(unfrozen)).toEqual(["2026-12-03", "2026-12-04", "2026-12-05"]);
    expect(await chargedDays(calledOff)).toHaveLength(5);
  });

  it("charges a freeze until unfrozen again once the year's days run out", async () => {
    const id = await contract("long", 1000_00);
    const short: FreezeSettings = { freeze: { ...settings.freeze, daysPerYear: 2 } };
    expect(
      await freezeAccount(db(), {
        accountId: id,
        today: "2026-12-01",
        startsOn: "2026-12-01",
        days: null,
        settings: short,
      }),
    ).toMatchObject({ outcome: "frozen", endsOn: null, lastDay: "2026-12-02" });
    await chargeDays("2026-12-01", 4);
    expect(await chargedDays(id)).toEqual(["2026-12-03", "2026-12-04"]);
  });

  it("sends no low-balance reminder on a frozen day, and one once it is over", async () => {
    // 40 ₽ at 20 ₽ a day: due for a reminder (3 days ahead by default).
    const frozen = await contract("low-frozen", 40_00);
    await contract("low", 40_00);
    const scheduled = await contract("low-later", 40_00);
    await freeze(frozen, "2026-12-01", "2026-12-01", 2);
    await freeze(scheduled, "2026-12-01", "2026-12-05", 2);

    expect(
      await queueLowBalanceReminders(
        db(),
        builtinBilling(db(), { ...builtinSettings, ...settings }),
        { day: "2026-12-01" },
      ),
    ).toEqual({
      checked: 3,
      due: 2,
      queued: 2,
    });
    const reminded = await db().notification.findMany({ select: { accountId: true } });
    expect(reminded.map((notice) => notice.accountId)).not.toContain(frozen);
    expect(
      await queueLowBalanceReminders(
        db(),
        builtinBilling(db(), { ...builtinSettings, ...settings }),
        { day: "2026-12-03" },
      ),
    ).toMatchObject({
      checked: 3,
    });
    expect(await db().notification.count({ where: { accountId: frozen } })).toBe(1);
  });
});
