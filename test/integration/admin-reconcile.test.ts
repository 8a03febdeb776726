// `npm run admin -- reconcile --date`: the day's card payments in the bot against the billing's
// (here the built-in one): a summary and exit code 0 when they agree, a line per difference and
// 1 when not, 2 for a day that is missing, not a date or still to come.
import { describe, expect, it } from "vitest";
import { postLedgerEntry } from "../../core/billing/ledger.ts";
import { creditPayment } from "../../core/payments/card-payment.ts";
import { startTopUp } from "../../core/payments/topup.ts";
import { adminInProcess } from "../support/admin-in-process.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { noPostgres } from "../support/require-services.ts";

describe.skipIf(noPostgres)("reconcile --date", () => {
  const { database } = useDemoDatabase();
  const db = () => database.prisma;
  const env = () => ({ DATABASE_URL: database.url, TZ_NAME: "Europe/Moscow" });
  let charge = 0;

  /** A card payment credited at `at`, its ledger entry written then too. */
  async function cardPaid(login: string, amount: number, at: Date) {
    const account = await db().account.findUniqueOrThrow({ where: { login } });
    const invoice = await startTopUp(db(), { accountId: account.id, telegramUserId: 1, amount });
    if (invoice.outcome !== "invoice") throw new Error("no invoice");
    charge += 1;
    const telegramChargeId = `admin-reconcile-${charge}`;
    await creditPayment(
      db(),
      {
        payload: invoice.payload,
        amount,
        currency: "RUB",
        telegramChargeId,
        providerChargeId: `provider-${charge}`,
        telegramUserId: 1,
      },
      { now: at, timeZone: "Europe/Moscow" },
    );
    await db().ledgerEntry.update({
      where: { idempotencyKey: `card:${telegramChargeId}` },
      data: { createdAt: at },
    });
  }

  it("says the day agrees and exits 0", async () => {
    await cardPaid("10001", 500_00, new Date("2026-11-10T09:00:00Z"));
    const run = await adminInProcess(["reconcile", "--date", "2026-11-10"], env());
    expect(run).toEqual({
      code: 0,
      stdout: ["2026-11-10: 1 paid in the bot, 1 in the billing, 1 matched, they agree"],
      stderr: [],
    });
  });

  it("prints each difference and exits 1", async () => {
    await cardPaid("10003", 300_00, new Date("2026-11-11T09:00:00Z"));
    const account = await db().account.findUniqueOrThrow({ where: { login: "10004" } });
    const invoice = await startTopUp(db(), {
      accountId: account.id,
      telegramUserId: 1,
      amount: 700_00,
    });
    if (invoice.outcome !== "invoice") throw new Error("no invoice");
    const lost = await db().payment.update({
      where: { invoicePayload: invoice.payload },
      data: {
        status: "PAID",
        telegramChargeId: "admin-reconcile-lost",
        paidAt: new Date("2026-11-11T10:00:00Z"),
        postedAt: new Date("2026-11-11T10:00:00Z"),
      },
    });
    const stray = await postLedgerEntry(db(), {
      accountId: account.id,
      amount: 1250_50,
      kind: "CARD_TOPUP",
      idempotencyKey: "card:admin-reconcile-stray",
    });
    await db().ledgerEntry.update({
      where: { id: stray.entryId },
      data: { createdAt: new Date("2026-11-11T11:30:00Z") },
    });
    const run = await adminInProcess(["reconcile", "--date", "2026-11-11"], env());
    expect(run.code).toBe(1);
    expect(run.stdout).toEqual([
      `paid in bot, not in billing: #${lost.id}  10004  700,00\u00a0₽  paid 2026-11-11 13:00`,
      "in billing, not in bot: 10004  1\u00a0250,50\u00a0₽  at 2026-11-11 14:30  card:admin-reconcile-stray",
      "2026-11-11: 2 paid in the bot, 2 in the billing, 1 matched, 2 differences",
    ]);
    expect(run.stderr).toEqual([]);
  });

  it("refuses a day that is missing, not a date, or still to come", async () => {
    const missing = await adminInProcess(["reconcile"], env());
    expect(missing).toMatchObject({ code: 2, stdout: [] });
    expect(missing.stderr).toEqual([
      "reconcile: which day? usage: npm run admin -- reconcile --date YYYY-MM-DD",
    ]);
    const wrong = await adminInProcess(["reconcile", "--date", "2026-02-30"], env());
    expect(wrong).toMatchObject({
      code: 2,
      stderr: ['--date: "2026-02-30" is not a date YYYY-MM-DD, e.g. 2026-12-01'],
    });
    const future = await adminInProcess(["reconcile", "--date", "2999-01-01"], env());
    expect(future.code).toBe(2);
    expect(future.stderr).toEqual([
      expect.stringMatching(
        /^--date: 2999-01-01 has not come yet \(today is \d{4}-\d\d-\d\d in Europe\/Moscow\)$/,
      ),
    ]);
  });

  it("is listed by help", async () => {
    const run = await adminInProcess(["help"], env());
    expect(run.stdout).toContainEqual(
      expect.stringMatching(/^ {2}reconcile --date YYYY-MM-DD +compares/),
    );
  });
});
