// Reminders, notices and announcements against real PostgreSQL: who gets one and who does not,
// once per contract, user and day whatever reruns and instances there are; the delivery engine's
// retries, refusals, blocked users and crashed senders.
import { beforeEach, describe, expect, it } from "vitest";
import type { Recipient } from "../../core/accounts/telegram-users.ts";
import { builtinBilling } from "../../core/billing/builtin-billing.ts";
import { chargeKey, runDailyCharge } from "../../core/billing/daily-charge.ts";
import { connectPostgres } from "../../core/db.ts";
import { announce, countAudiences, progressOf } from "../../core/notify/announcements.ts";
import { queueLowBalanceReminders } from "../../core/notify/low-balance.ts";
import { type DeliveryOptions, deliverNotifications } from "../../core/notify/outbox-delivery.ts";
import type { DeliveryOutcome, Notice, Notifier } from "../../core/ports.ts";
import { builtinSettings } from "../support/builtin-settings.ts";
import { useTestDatabase } from "../support/file-database.ts";
import { noPostgres } from "../support/require-services.ts";

const day = "2026-12-01"; // 31 days: 600 ₽ a month is 19,35 ₽ a day
const timeZone = "Europe/Moscow";

/** Records what it sent; a script of outcomes per Telegram user id comes first. */
function recordingNotifier() {
  const sent: { recipient: Recipient; notice: Notice }[] = [];
  const script = new Map<number, DeliveryOutcome[]>();
  const notifier: Notifier = {
    async send(recipient, notice) {
      const scripted = script.get(recipient.id)?.shift();
      if (scripted && scripted.outcome !== "sent") return scripted;
      sent.push({ recipient, notice });
      return { outcome: "sent" };
    },
  };
  return { notifier, sent, script };
}

describe.skipIf(noPostgres)("notifications", () => {
  let internetId: number;
  const { database } = useTestDatabase({
    resetEachTest: true,
    async prepare(db) {
      internetId = (
        await db.tariff.create({
          data: { code: "net", name: "Домашний 100", kind: "INTERNET", monthlyFee: 600_00 },
        })
      ).id;
    },
  });
  const db = () => database.prisma;
  const billing = () => builtinBilling(db(), builtinSettings);

  async function contract(
    login: string,
    balance: number,
    extra: {
      status?: "ACTIVE" | "BLOCKED" | "CLOSED";
      remindersEnabled?: boolean;
      reminderDaysAhead?: number;
      newsOptIn?: boolean;
    } = {},
  ) {
    const account = await db().account.create({
      data: {
        login,
        passwordHash: "x",
        name: `Абонент ${login}`,
        address: "Каспийск",
        balance,
        internetTariffId: internetId,
        ...extra,
        ledgerEntries: {
          create: {
            amount: balance,
            kind: "ADJUSTMENT",
            idempotencyKey: `open:${login}`,
            balanceAfter: balance,
          },
        },
      },
    });
    return account.id;
  }

  async function user(
    id: number,
    accountIds: number[],
    extra: { reachable?: boolean; languageCode?: string } = {},
  ) {
    await db().telegramUser.create({
      data: {
        id: BigInt(id),
        chatId: BigInt(id),
        firstName: `user ${id}`,
        languageCode: extra.languageCode ?? "ru",
        reachable: extra.reachable ?? true,
        links: {
          create: accountIds.map((accountId) => ({ accountId, method: "PASSWORD" as const })),
        },
      },
    });
  }

  const deliver = (notifier: Notifier, options: Partial<DeliveryOptions> = {}) =>
    deliverNotifications(db(), { notifier, retryDelayMs: 20, waitForRetriesMs: 1000, ...options });

  describe("the low-balance reminder", () => {
    it("goes to the linked users of active contracts whose money runs out within their days ahead", async () => {
      const low = await contract("low", 40_00);
      await user(1, [low]);
      await user(2, [await contract("plenty", 1000_00)]);
      await user(3, [await contract("off", 40_00, { remindersEnabled: false })]);
      await user(4, [await contract("blocked", -100_00, { status: "BLOCKED" })]);
      await user(5, [await contract("closed", 40_00, { status: "CLOSED" })]);
      const trusted = await contract("trusted", 40_00);
      await db().trustPayment.create({
        data: { accountId: trusted, amount: 600_00, expiresAt: new Date("2026-12-03T09:00:00Z") },
      });
      await user(6, [trusted]);
      await user(7, [await contract("unreachable", 40_00)], { reachable: false });
      const shared = await contract("shared", 40_00);
      await user(8, [shared, low]);
      await user(9, [shared], { reachable: false });
      await user(10, [await contract("ahead1", 40_00, { reminderDaysAhead: 1 })]);
      const charged = await contract("charged", 59_35);
      await db().ledgerEntry.create({
        data: {
          accountId: charged,
          amount: -19_35,
          kind: "DAILY_CHARGE",
          idempotencyKey: chargeKey(charged, day),
          balanceAfter: 40_00,
        },
      });
      await db().account.update({ where: { id: charged }, data: { balance: 40_00 } });
      await user(11, [charged]);

      // Checked: every contract with reminders on and someone reachable (8); the billing leaves
      // out the blocked, the closed and the trusted.
      expect(await queueLowBalanceReminders(db(), billing(), { day })).toEqual({
        checked: 8,
        due: 3,
        queued: 4,
      });
      const { notifier, sent } = recordingNotifier();
      expect(await deliver(notifier)).toMatchObject({ sent: 4, failed: 0, left: 0 });
      const got = sent.map(({ recipient, notice }) => [recipient.id, notice]);
      expect(got).toEqual(
        expect.arrayContaining([
          [
            1,
            {
              kind: "low-balance",
              accountId: low,
              login: "low",
              balance: 40_00,
              dailyCharge: 19_35,
              daysLeft: 2,
              stopsOn: "2026-12-03",
            },
          ],
          [8, expect.objectContaining({ login: "low" })],
          [8, expect.objectContaining({ login: "shared" })],
          // Today's charge is taken already: the balance pays for today and two days more.
          [11, expect.objectContaining({ login: "charged", daysLeft: 3, stopsOn: "2026-12-04" })],
        ]),
      );
      expect(got).toHaveLength(4);
    });

    it("is written and sent once a day, however often and on how many instances it runs", async () => {
      const ids = [];
      for (let i = 0; i < 30; i++) ids.push(await contract(`c${i}`, 10_00));
      for (let i = 0; i < 30; i++) await user(100 + i, [ids[i] as number]);
      const second = connectPostgres(database.url);
      try {
        const queued = await Promise.all([
          queueLowBalanceReminders(db(), billing(), { day, batchSize: 7 }),
          queueLowBalanceReminders(second.prisma, builtinBilling(second.prisma, builtinSettings), {
            day,
            batchSize: 7,
          }),
          queueLowBalanceReminders(db(), billing(), { day }),
        ]);
        expect(queued.reduce((sum, report) => sum + report.queued, 0)).toBe(30);
        const { notifier, sent } = recordingNotifier();
        const reports = await Promise.all([
          deliver(notifier, { concurrency: 3 }),
          deliverNotifications(second.prisma, { notifier, concurrency: 3 }),
        ]);
        expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(30);
        expect(new Set(sent.map(({ recipient }) => recipient.id)).size).toBe(30);
        expect(sent).toHaveLength(30);

        expect(await queueLowBalanceReminders(db(), billing(), { day })).toMatchObject({
          due: 30,
          queued: 0,
        });
        expect(await deliver(notifier)).toMatchObject({ sent: 0 });
        expect(sent).toHaveLength(30);
        // The next day is another day.
        expect(
          await queueLowBalanceReminders(db(), billing(), { day: "2026-12-02" }),
        ).toMatchObject({
          queued: 30,
        });
      } finally {
        await second.close();
      }
    });
  });

  describe("the service-blocked notice", () => {
    it("is written with the block, in its transaction, once whatever reruns there are", async () => {
      const short = await contract("short", 10_00);
      await user(71, [short]);
      await user(72, [short], { languageCode: "en" });
      await user(73, [await contract("fine", 1000_00)]);
      expect(await runDailyCharge(db(), { day })).toMatchObject({ charged: 2, blocked: 1 });
      expect(await runDailyCharge(db(), { day })).toMatchObject({ charged: 0, blocked: 0 });
      const { notifier, sent } = recordingNotifier();
      expect(await deliver(notifier)).toMatchObject({ sent: 2, left: 0 });
      // Sent side by side (the delivery's concurrency): in either order.
      const byRecipient = sent.map(({ recipient, notice }) => [recipient.id, notice] as const);
      expect(byRecipient.sort(([a], [b]) => a - b)).toEqual([
        [71, { kind: "service-blocked", accountId: short, login: "short", balance: 10_00 - 19_35 }],
        [72, { kind: "service-blocked", accountId: short, login: "short", balance: 10_00 - 19_35 }],
      ]);
      expect(await db().account.findUniqueOrThrow({ where: { id: short } })).toMatchObject({
        status: "BLOCKED",
      });
    });
  });

  describe("the delivery engine", () => {
    async function queueFor(...telegramIds: number[]) {
      const low = await contract(`low${telegramIds.join("-")}`, 10_00);
      for (const id of telegramIds) await user(id, [low]);
      await queueLowBalanceReminders(db(), billing(), { day });
    }

    it("marks a user who blocked the bot unreachable, fails their message and skips the rest", async () => {
      await queueFor(21, 22);
      const other = await contract("other", 10_00);
      await db().accountLink.create({
        data: { telegramUserId: 21n, accountId: other, method: "PASSWORD" },
      });
      await queueLowBalanceReminders(db(), billing(), { day });
      const { notifier, sent, script } = recordingNotifier();
      script.set(21, [{ outcome: "blocked" }]);
      expect(await deliver(notifier, { concurrency: 1 })).toMatchObject({
        sent: 1,
        failed: 2,
        left: 0,
      });
      expect(sent.map(({ recipient }) => recipient.id)).toEqual([22]);
      expect(await db().telegramUser.findUnique({ where: { id: 21n } })).toMatchObject({
        reachable: false,
      });
      const failed = await db().notification.findMany({ where: { status: "FAILED" } });
      expect(failed.map((row) => [Number(row.telegramUserId), row.error])).toEqual([
        [21, "the user blocked the bot"],
        [21, "the user blocked the bot"],
      ]);
      // Unreachable now: tomorrow's reminder is not even written for them.
      await queueLowBalanceReminders(db(), billing(), { day: "2026-12-02" });
      expect(
        await db().notification.count({ where: { telegramUserId: 21n, status: "PENDING" } }),
      ).toBe(0);
    });

    it("retries a failure that may pass with a growing pause, then gives up; a refusal is final", async () => {
      await queueFor(31, 32, 33);
      const { notifier, sent, script } = recordingNotifier();
      const network = { outcome: "failed", error: "socket hang up" } as const;
      script.set(31, [network, network]);
      script.set(32, [network, network, network]);
      script.set(33, [{ outcome: "rejected", error: "Bad Request: chat not found" }]);
      const report = await deliver(notifier, { maxAttempts: 3, retryDelayMs: 20 });
      expect(report).toMatchObject({ sent: 1, failed: 2, retried: 4, left: 0 });
      expect(sent.map(({ recipient }) => recipient.id)).toEqual([31]);
      const rows = await db().notification.findMany({ orderBy: { telegramUserId: "asc" } });
      expect(rows.map((row) => [row.status, row.attempts, row.error])).toEqual([
        ["SENT", 3, null],
        ["FAILED", 3, "socket hang up"],
        ["FAILED", 1, "Bad Request: chat not found"],
      ]);
    });

    it("leaves retries due later to the next run, and a stopped run leaves the rest", async () => {
      await queueFor(41, 42, 43);
      const { notifier, sent, script } = recordingNotifier();
      script.set(41, [{ outcome: "failed", error: "502 Bad Gateway" }]);
      expect(await deliver(notifier, { retryDelayMs: 60_000, waitForRetriesMs: 0 })).toMatchObject({
        sent: 2,
        retried: 1,
        left: 1,
      });
      const stopped = new AbortController();
      stopped.abort();
      expect(await deliver(notifier, { signal: stopped.signal })).toMatchObject({
        sent: 0,
        left: 1,
      });
      const later = new Date(Date.now() + 61_000);
      expect(await deliver(notifier, { now: () => later })).toMatchObject({ sent: 1, left: 0 });
      expect(sent.map(({ recipient }) => recipient.id).sort()).toEqual([41, 42, 43]);
    });

    it("never sends again what a dead sender had claimed: it may have arrived", async () => {
      await queueFor(51, 52);
      const claimedAt = new Date(Date.now() - 20 * 60_000);
      await db().notification.updateMany({
        where: { telegramUserId: 51n },
        data: { status: "SENDING", claimedAt, attempts: 1 },
      });
      const { notifier, sent } = recordingNotifier();
      expect(await deliver(notifier)).toMatchObject({ sent: 1, unconfirmed: 1, left: 0 });
      expect(sent.map(({ recipient }) => recipient.id)).toEqual([52]);
      expect(await db().notification.findFirst({ where: { telegramUserId: 51n } })).toMatchObject({
        status: "UNCONFIRMED",
      });
    });
  });

  describe("announcements", () => {
    beforeEach(async () => {
      const news = await contract("news", 500_00, { newsOptIn: true });
      const quiet = await contract("quiet", 500_00);
      const closed = await contract("closed", 0, { status: "CLOSED", newsOptIn: true });
      await user(61, [news, quiet]); // one message, though two contracts
      await user(62, [quiet]);
      await user(63, [closed]);
      await user(64, [news], { reachable: false });
      await db().telegramUser.create({ data: { id: 65n, chatId: 65n, firstName: "prospect" } });
    });

    it("reaches those with news on, or every subscriber, once each; never closed contracts or the unreachable", async () => {
      expect(await countAudiences(db())).toEqual({ NEWS_OPT_IN: 1, ALL: 2 });
      const news = await announce(db(), {
        text: "Плановые работы 3 декабря с 2:00 до 4:00.",
        audience: "NEWS_OPT_IN",
        createdBy: "operator",
        timeZone,
      });
      expect(news).toMatchObject({ outcome: "confirmed", progress: { recipients: 1, left: 1 } });
      const all = await announce(db(), {
        text: "Офис 4 декабря не работает.",
        audience: "ALL",
        createdBy: "operator",
        timeZone,
      });
      expect(all).toMatchObject({ outcome: "confirmed", progress: { recipients: 2 } });

      const { notifier, sent } = recordingNotifier();
      expect(await deliver(notifier)).toMatchObject({ sent: 3, left: 0 });
      expect(sent.map(({ recipient, notice }) => [recipient.id, notice])).toEqual(
        expect.arrayContaining([
          [
            61,
            {
              kind: "announcement",
              text: "Плановые работы 3 декабря с 2:00 до 4:00.",
              entities: null,
            },
          ],
          [61, { kind: "announcement", text: "Офис 4 декабря не работает.", entities: null }],
          [62, { kind: "announcement", text: "Офис 4 декабря не работает.", entities: null }],
        ]),
      );
      if (all.outcome !== "confirmed") throw new Error("not confirmed");
      expect(await progressOf(db(), all.progress.id)).toEqual({
        id: all.progress.id,
        audience: "ALL",
        recipients: 2,
        sent: 2,
        failed: 0,
        unconfirmed: 0,
        left: 0,
      });
    });

    it("resumes the same text while it goes out, refuses it once it went, and sends it again when asked", async () => {
      const input = {
        text: "Новый тариф «Гига 500».",
        audience: "ALL" as const,
        createdBy: "operator",
        timeZone,
      };
      const first = await announce(db(), input);
      expect(first.outcome).toBe("confirmed");
      const rerun = await announce(db(), input);
      expect(rerun).toMatchObject({
        outcome: "resumed",
        progress: { id: first.outcome === "confirmed" ? first.progress.id : 0, left: 2 },
      });
      const { notifier, sent } = recordingNotifier();
      await deliver(notifier);
      expect(await announce(db(), input)).toMatchObject({ outcome: "already-sent" });
      expect(await announce(db(), { ...input, audience: "NEWS_OPT_IN" })).toMatchObject({
        outcome: "confirmed",
      });
      expect(await announce(db(), { ...input, again: true })).toMatchObject({
        outcome: "confirmed",
        progress: { recipients: 2 },
      });
      await deliver(notifier);
      expect(sent).toHaveLength(2 + 1 + 2);
      expect(await db().announcement.count()).toBe(3);
    });
  });
});
