// The trust payment against real PostgreSQL, on the demo contracts and a controlled clock: every
// rule and refusal, granting once under racing taps and instances, taking it back once at the end
// (blocking when that leaves a debt), the reminder once per user, and the ledger matching the
// balances through random sequences of grants, charges, top-ups and expiries.
import { beforeEach, describe, expect, it } from "vitest";
import type { Recipient } from "../../core/accounts/telegram-users.ts";
import { addDays, billingDayAt, dailyFee } from "../../core/billing/calendar.ts";
import { runDailyCharge } from "../../core/billing/daily-charge.ts";
import { postLedgerEntry } from "../../core/billing/ledger.ts";
import {
  type GrantResult,
  grantTrust,
  quoteTrust,
  type TrustSettings,
  trustGrantKey,
} from "../../core/billing/trust.ts";
import { expireTrusts, trustRepayKey } from "../../core/billing/trust-expiry.ts";
import { queueTrustReminders, trustReminderKind } from "../../core/billing/trust-reminder.ts";
import type { Database } from "../../core/db.ts";
import { deliverNotifications } from "../../core/notify/outbox-delivery.ts";
import type { Notice, Notifier } from "../../core/ports.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { ledgerMismatches } from "../support/ledger.ts";
import { seededRandom } from "../support/random.ts";
import { noPostgres } from "../support/require-services.ts";
import { config, day, hour, later, start, timeZone } from "../support/trust-clock.ts";

describe.skipIf(noPostgres)("trust payment", () => {
  const { database, secondInstance } = useDemoDatabase({
    secondInstance: true,
    resetEachTest: true,
  });
  const db = () => database.prisma;

  const account = (login: string) => db().account.findUniqueOrThrow({ where: { login } });
  const idOf = async (login: string) => (await account(login)).id;
  const quote = async (login: string, now = start) =>
    quoteTrust(db(), { accountId: await idOf(login), now, config });
  const grant = async (login: string, now = start, instance: Database = database) =>
    grantTrust(instance.prisma, { accountId: await idOf(login), now, config });
  const adjust = async (login: string, amount: number, key: string) =>
    postLedgerEntry(db(), {
      accountId: await idOf(login),
      amount,
      kind: "ADJUSTMENT",
      idempotencyKey: key,
    });
  const entries = async (login: string, kind: "TRUST_CREDIT" | "TRUST_REPAY") =>
    db().ledgerEntry.findMany({ where: { accountId: await idOf(login), kind } });

  async function expectLedgerConsistent() {
    expect(await ledgerMismatches(db())).toEqual([]);
  }

  describe("rules and refusals", () => {
    it("refuses a contract whose balance covers the next day's charge, naming both", async () => {
      // 10001: Домашний 100 + IPTV Базовый, 750 ₽ a month: 25 ₽ on 26 November.
      expect(await quote("10001")).toEqual({
        outcome: "refused",
        reason: "balance-fine",
        balance: 1250_00,
        nextCharge: dailyFee(750_00, "2026-11-26"),
      });
      // 10003 has 40 ₽ against 20 ₽ a day: still enough for tomorrow.
      expect(await quote("10003")).toMatchObject({ outcome: "refused", reason: "balance-fine" });
      await adjust("10003", -20_01, "test:low");
      expect(await quote("10003")).toMatchObject({ outcome: "offer", amount: 600_00 });
    });

    it("refuses a closed contract", async () => {
      expect(await quote("10005")).toEqual({ outcome: "refused", reason: "closed" });
      expect(await grant("10005")).toEqual({ outcome: "refused", reason: "closed" });
      expect(await db().trustPayment.count()).toBe(0);
    });

    it("offers the internet fee, for three days, one of one in the period", async () => {
      expect(await quote("10002")).toEqual({
        outcome: "offer",
        amount: 450_00,
        days: 3,
        expiresAt: later(start, 3 * day),
        remaining: 1,
        perPeriod: 1,
        periodDays: 30,
        balance: -180_00,
        balanceAfter: 270_00,
      });
    });

    it("offers at least the debt, so that the contract comes back to zero", async () => {
      await adjust("10002", -520_00, "test:debt");
      expect(await quote("10002")).toMatchObject({
        outcome: "offer",
        amount: 700_00,
        balanceAfter: 0,
      });
      const granted = await grant("10002");
      expect(granted).toMatchObject({ outcome: "granted", amount: 700_00, balance: 0 });
      expect(granted).toMatchObject({ status: "ACTIVE", unblocked: true });
    });

    it("refuses while one is active, then for the rest of the period, then offers again", async () => {
      expect(await grant("10002")).toMatchObject({ outcome: "granted" });
      const active = await quote("10002", later(start, hour));
      expect(active).toEqual({
        outcome: "refused",
        reason: "active",
        amount: 450_00,
        expiresAt: later(start, 3 * day),
      });
      // Over the end: repaid (and blocked again, 270 ₽ - 450 ₽ being below zero).
      await expireTrusts(db(), { now: later(start, 3 * day), timeZone });
      const tooSoon = await quote("10002", later(start, 4 * day));
      expect(tooSoon).toEqual({
        outcome: "refused",
        reason: "too-soon",
        availableFrom: later(start, 30 * day),
        perPeriod: 1,
        periodDays: 30,
      });
      expect(await quote("10002", later(start, 30 * day - 1))).toMatchObject({
        reason: "too-soon",
      });
      expect(await quote("10002", later(start, 30 * day))).toMatchObject({ outcome: "offer" });
    });

    it("counts TRUST_PER_PERIOD trust payments within the period", async () => {
      const twice: TrustSettings = { ...config, trust: { ...config.trust, perPeriod: 2 } };
      const id = await idOf("10002");
      const first = await quoteTrust(db(), { accountId: id, now: start, config: twice });
      expect(first).toMatchObject({ outcome: "offer", remaining: 2, perPeriod: 2 });
      expect(await grantTrust(db(), { accountId: id, now: start, config: twice })).toMatchObject({
        outcome: "granted",
        remaining: 1,
      });
      await expireTrusts(db(), { now: later(start, 3 * day), timeZone });
      const second = later(start, 5 * day);
      expect(await quoteTrust(db(), { accountId: id, now: second, config: twice })).toMatchObject({
        outcome: "offer",
        remaining: 1,
      });
      await grantTrust(db(), { accountId: id, now: second, config: twice });
      await expireTrusts(db(), { now: later(second, 3 * day), timeZone });
      expect(
        await quoteTrust(db(), { accountId: id, now: later(start, 10 * day), config: twice }),
      ).toMatchObject({ reason: "too-soon", availableFrom: later(start, 30 * day) });
    });

    it("grants nothing when the amount confirmed is no longer the amount due", async () => {
      const id = await idOf("10002");
      await adjust("10002", -300_00, "test:more-debt");
      const result = await grantTrust(db(), {
        accountId: id,
        now: start,
        config,
        expectedAmount: 450_00,
      });
      expect(result).toMatchObject({ outcome: "changed", offer: { amount: 480_00 } });
      expect(await db().trustPayment.count()).toBe(0);
    });
  });

  describe("granting", () => {
    it("credits TRUST_CREDIT once, records the trust payment and unblocks the contract", async () => {
      const before = await account("10002");
      expect(before.status).toBe("BLOCKED");
      const granted = await grant("10002");
      expect(granted).toMatchObject({
        outcome: "granted",
        amount: 450_00,
        expiresAt: later(start, 3 * day),
        balance: 270_00,
        status: "ACTIVE",
        unblocked: true,
        remaining: 0,
      });
      const after = await account("10002");
      expect(after).toMatchObject({ status: "ACTIVE", balance: 270_00 });
      const trust = await db().trustPayment.findFirstOrThrow({ where: { accountId: after.id } });
      expect(trust).toMatchObject({
        amount: 450_00,
        status: "ACTIVE",
        grantedAt: start,
        expiresAt: later(start, 3 * day),
        closedAt: null,
      });
      expect(await entries("10002", "TRUST_CREDIT")).toEqual([
        expect.objectContaining({
          amount: 450_00,
          balanceAfter: 270_00,
          idempotencyKey: trustGrantKey(after.id, null),
          reference: `trust:${trust.id}`,
        }),
      ]);
      await expectLedgerConsistent();
    });

    it("keeps an active contract active", async () => {
      await adjust("10003", -30_00, "test:low");
      expect(await grant("10003")).toMatchObject({
        outcome: "granted",
        amount: 600_00,
        balance: 610_00,
        status: "ACTIVE",
        unblocked: false,
      });
    });

    it("grants once when taps and instances race", async () => {
      const results: GrantResult[] = await Promise.all([
        grant("10002"),
        grant("10002"),
        grant("10002", start, secondInstance),
        grant("10002", later(start, 1000), secondInstance),
        grant("10002", later(start, 2000)),
      ]);
      const outcomes = results.map((result) =>
        result.outcome === "refused" ? result.reason : result.outcome,
      );
      expect(outcomes.filter((outcome) => outcome === "granted")).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome !== "granted")).toEqual([
        "active",
        "active",
        "active",
        "active",
      ]);
      expect(await db().trustPayment.count()).toBe(1);
      expect(await entries("10002", "TRUST_CREDIT")).toHaveLength(1);
      expect(await account("10002")).toMatchObject({ balance: 270_00, status: "ACTIVE" });
      await expectLedgerConsistent();
    });

    it("keeps the daily charge from blocking while it is active", async () => {
      await grant("10002");
      await adjust("10002", -260_00, "test:spent");
      await runDailyCharge(db(), { day: "2026-11-26" });
      expect(await account("10002")).toMatchObject({ balance: -5_00, status: "ACTIVE" });
    });
  });

  describe("expiry", () => {
    it("does nothing before the end, then takes the amount back once and blocks a debt", async () => {
      await grant("10002");
      expect(await expireTrusts(db(), { now: later(start, 3 * day - 1), timeZone })).toEqual({
        expired: 0,
        repaid: 0,
        blocked: 0,
      });
      const end = later(start, 3 * day);
      expect(await expireTrusts(db(), { now: end, timeZone })).toEqual({
        expired: 1,
        repaid: 0,
        blocked: 1,
      });
      expect(await expireTrusts(db(), { now: later(end, hour), timeZone })).toEqual({
        expired: 0,
        repaid: 0,
        blocked: 0,
      });
      const after = await account("10002");
      expect(after).toMatchObject({ balance: -180_00, status: "BLOCKED" });
      const trust = await db().trustPayment.findFirstOrThrow({ where: { accountId: after.id } });
      expect(trust).toMatchObject({ status: "EXPIRED", closedAt: end });
      expect(await entries("10002", "TRUST_REPAY")).toEqual([
        expect.objectContaining({
          amount: -450_00,
          balanceAfter: -180_00,
          idempotencyKey: trustRepayKey(trust.id),
        }),
      ]);
      await expectLedgerConsistent();
    });

    it("marks it REPAID and leaves the contract active when the balance covers it", async () => {
      await grant("10002");
      await postLedgerEntry(db(), {
        accountId: await idOf("10002"),
        amount: 500_00,
        kind: "CASH_TOPUP",
        idempotencyKey: "test:cash",
      });
      expect(await expireTrusts(db(), { now: later(start, 3 * day), timeZone })).toEqual({
        expired: 1,
        repaid: 1,
        blocked: 0,
      });
      expect(await account("10002")).toMatchObject({ balance: 320_00, status: "ACTIVE" });
      expect(await db().trustPayment.findFirstOrThrow()).toMatchObject({ status: "REPAID" });
    });

    it("counts the days charged during the trust payment", async () => {
      await grant("10002");
      for (const charged of ["2026-11-26", "2026-11-27", "2026-11-28"]) {
        await runDailyCharge(db(), { day: charged });
      }
      await expireTrusts(db(), { now: later(start, 3 * day), timeZone });
      expect(await account("10002")).toMatchObject({ balance: -225_00, status: "BLOCKED" });
    });

    it("never blocks a contract closed in the meantime", async () => {
      await grant("10002");
      await db().account.update({ where: { login: "10002" }, data: { status: "CLOSED" } });
      expect(await expireTrusts(db(), { now: later(start, 3 * day), timeZone })).toMatchObject({
        expired: 1,
        blocked: 0,
      });
      expect(await account("10002")).toMatchObject({ balance: -180_00, status: "CLOSED" });
    });

    it("takes each one back once when runs race", async () => {
      await grant("10002");
      await adjust("10003", -30_00, "test:low");
      await grant("10003");
      const end = later(start, 3 * day);
      const reports = await Promise.all([
        expireTrusts(db(), { now: end, timeZone }),
        expireTrusts(secondInstance.prisma, { now: end, timeZone }),
        expireTrusts(db(), { now: later(end, 1), timeZone }),
      ]);
      expect(reports.reduce((sum, report) => sum + report.expired, 0)).toBe(2);
      expect(await db().ledgerEntry.count({ where: { kind: "TRUST_REPAY" } })).toBe(2);
      expect(await db().trustPayment.count({ where: { status: "ACTIVE" } })).toBe(0);
      await expectLedgerConsistent();
    });
  });

  describe("the reminder", () => {
    const sent: { recipient: Recipient; notice: Notice }[] = [];
    let failing = new Set<number>();
    const notifier: Notifier = {
      async send(recipient, notice) {
        if (failing.has(recipient.id)) return { outcome: "failed", error: "network" };
        sent.push({ recipient, notice });
        return { outcome: "sent" };
      },
    };
    beforeEach(() => {
      sent.length = 0;
      failing = new Set();
    });

    async function link(login: string, telegramId: number, extra: { reachable?: boolean } = {}) {
      await db().telegramUser.create({
        data: {
          id: BigInt(telegramId),
          chatId: BigInt(telegramId),
          firstName: `user ${telegramId}`,
          languageCode: "ru",
          reachable: extra.reachable ?? true,
          links: { create: { accountId: await idOf(login), method: "PASSWORD" } },
        },
      });
    }
    const remind = async (now: Date) => ({
      ...(await queueTrustReminders(db(), { now, config })),
      ...(await deliverNotifications(db(), {
        notifier,
        now: () => now,
        retryDelayMs: 60_000,
        waitForRetriesMs: 0,
      })),
    });

    it("goes once to every reachable linked user, within the last 24 hours only", async () => {
      await link("10002", 501);
      await link("10002", 502);
      await link("10002", 503, { reachable: false });
      await link("10001", 504);
      await grant("10002");
      expect(await remind(later(start, 2 * day - hour))).toMatchObject({ due: 0, sent: 0 });

      const inWindow = later(start, 2 * day + hour);
      expect(await remind(inWindow)).toMatchObject({ due: 1, queued: 2, sent: 2, failed: 0 });
      expect(await remind(later(inWindow, hour))).toMatchObject({ due: 1, queued: 0, sent: 0 });
      expect(sent.map((message) => message.recipient.id).sort()).toEqual([501, 502]);
      expect(sent[0]?.notice).toEqual({
        kind: "trust-expiring",
        accountId: await idOf("10002"),
        login: "10002",
        amount: 450_00,
        expiresAt: later(start, 3 * day),
        balance: 270_00,
        balanceAfterRepay: -180_00,
      });
      const rows = await db().notification.findMany({ where: { kind: trustReminderKind } });
      expect(rows).toHaveLength(2);
      expect(rows.every((row) => row.status === "SENT" && row.sentAt !== null)).toBe(true);
      expect(rows[0]?.day.toISOString().slice(0, 10)).toBe(
        billingDayAt(later(start, 3 * day), "Europe/Moscow"),
      );

      // Ended (not yet taken back by the expiry job): no reminder any more.
      expect(await remind(later(start, 3 * day))).toMatchObject({ due: 0 });
    });

    it("tries again later when a message did not go; a claim a crash left is never resent", async () => {
      await link("10002", 601);
      await link("10002", 602);
      await grant("10002");
      failing = new Set([601]);
      const inWindow = later(start, 2 * day + hour);
      expect(await remind(inWindow)).toMatchObject({ sent: 1, retried: 1, left: 1 });
      failing = new Set();
      expect(await remind(later(inWindow, hour))).toMatchObject({ sent: 1, failed: 0, left: 0 });
      expect(sent.map((message) => message.recipient.id)).toEqual([602, 601]);

      // A sender that claimed a reminder and died before Telegram answered: it may have gone.
      await link("10002", 603);
      await queueTrustReminders(db(), { now: later(inWindow, hour), config });
      await db().notification.updateMany({
        where: { telegramUserId: 603n },
        data: { status: "SENDING", claimedAt: later(inWindow, hour) },
      });
      expect(await remind(later(inWindow, hour + 5 * 60 * 1000))).toMatchObject({
        sent: 0,
        unconfirmed: 0,
        left: 1,
      });
      expect(await remind(later(inWindow, 2 * hour))).toMatchObject({ sent: 0, unconfirmed: 1 });
      expect(sent.map((message) => message.recipient.id)).toEqual([602, 601]);
    });
  });

  describe("random sequences on a controlled clock", () => {
    async function expectInvariants(now: Date) {
      await expectLedgerConsistent();
      const accounts = await db().account.findMany({
        include: { trustPayments: { orderBy: { grantedAt: "asc" } } },
      });
      const ledger = await db().ledgerEntry.findMany({
        where: { kind: { in: ["TRUST_CREDIT", "TRUST_REPAY"] } },
      });
      for (const contract of accounts) {
        const trusts = contract.trustPayments;
        if (contract.login === "10005") expect(trusts).toEqual([]);
        expect(trusts.filter((trust) => trust.status === "ACTIVE").length).toBeLessThanOrEqual(1);
        for (let i = 1; i < trusts.length; i++) {
          const gap =
            (trusts[i]?.grantedAt.getTime() ?? 0) - (trusts[i - 1]?.grantedAt.getTime() ?? 0);
          expect(gap).toBeGreaterThanOrEqual(30 * day);
        }
        for (const trust of trusts) {
          const reference = `trust:${trust.id}`;
          const credits = ledger.filter(
            (e) => e.kind === "TRUST_CREDIT" && e.reference === reference,
          );
          const repays = ledger.filter(
            (e) => e.kind === "TRUST_REPAY" && e.reference === reference,
          );
          expect(credits.map((entry) => entry.amount)).toEqual([trust.amount]);
          if (trust.status === "ACTIVE") {
            expect(repays).toEqual([]);
          } else {
            expect(repays.map((entry) => entry.amount)).toEqual([-trust.amount]);
            expect(trust.status).toBe((repays[0]?.balanceAfter ?? 0) >= 0 ? "REPAID" : "EXPIRED");
            expect(trust.expiresAt.getTime()).toBeLessThanOrEqual(now.getTime());
          }
        }
        if (contract.status === "BLOCKED") expect(contract.balance).toBeLessThan(0);
        if (contract.status === "ACTIVE" && contract.balance < 0) {
          expect(trusts.some((trust) => trust.status === "ACTIVE")).toBe(true);
        }
      }
    }

    it.each([1, 2, 3])(
      "keeps balance == sum(ledger) and every rule (seed %i)",
      async (seed) => {
        const next = seededRandom(seed).next;
        const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
        const logins = ["10001", "10002", "10003", "10004", "10005"] as const;
        const internetFee = {
          "10001": 600_00,
          "10002": 450_00,
          "10003": 600_00,
          "10004": 850_00,
          "10005": 450_00,
        };
        // Little money everywhere, so that trust payments are wanted and debts happen.
        await adjust("10001", -1220_00, "prop:low:10001");
        await adjust("10004", -2290_00, "prop:low:10004");
        let now = start;
        let today = billingDayAt(now, config.timeZone);
        let topUps = 0;
        for (let step = 0; step < 160; step++) {
          const roll = next();
          if (roll < 0.3) {
            now = later(now, Math.floor(next() * 60 + 1) * hour);
            const current = billingDayAt(now, config.timeZone);
            while (today < current) {
              today = addDays(today, 1);
              await runDailyCharge(db(), { day: today });
            }
          } else if (roll < 0.55) {
            const login = pick(logins);
            const before = await account(login);
            const offered = await quote(login, now);
            const result = await grant(login, now, next() < 0.5 ? database : secondInstance);
            expect(result.outcome).toBe(offered.outcome === "offer" ? "granted" : "refused");
            if (result.outcome === "granted") {
              expect(result.amount).toBe(Math.max(internetFee[login], -before.balance));
              expect(result.balance).toBeGreaterThanOrEqual(0);
              expect(result.status).toBe("ACTIVE");
            }
          } else if (roll < 0.62) {
            const login = pick(logins);
            const results = await Promise.all([
              grant(login, now),
              grant(login, now, secondInstance),
            ]);
            expect(results.filter((r) => r.outcome === "granted").length).toBeLessThanOrEqual(1);
          } else if (roll < 0.8) {
            const login = pick(logins.filter((login) => login !== "10005"));
            topUps += 1;
            await postLedgerEntry(db(), {
              accountId: await idOf(login),
              amount: Math.floor(next() * 300 + 20) * 100,
              kind: "CASH_TOPUP",
              idempotencyKey: `prop:cash:${seed}:${topUps}`,
            });
          } else {
            await Promise.all([
              expireTrusts(db(), { now, timeZone }),
              expireTrusts(secondInstance.prisma, { now, timeZone }),
            ]);
          }
          await expectInvariants(now);
        }
        expect(await db().trustPayment.count()).toBeGreaterThan(1);
      },
      120_000,
    );
  });
});
