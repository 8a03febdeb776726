// Card payments on Ubilling: recorded PAID locally, then posted through OpenPayz by the payment
// poster, exactly once however often or from however many instances; kept and posted later while
// the billing is down; an answer that is not this payment is an alert, never a success.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { linkTelegramUser } from "../../core/accounts/sign-in.ts";
import type { Billing } from "../../core/billing/port.ts";
import { openPayzCardPosting } from "../../core/billing/ubilling/card-posting.ts";
import { createOpenPayzClient } from "../../core/billing/ubilling/openpayz-client.ts";
import { createXmlAgentClient, passwordMd5 } from "../../core/billing/ubilling/xmlagent-client.ts";
import { expireInvoices } from "../../core/payments/invoice-expiry.ts";
import {
  cardExternalId,
  type PostingAlert,
  postDuePayments,
} from "../../core/payments/payment-poster.ts";
import { recordPaymentToPost } from "../../core/payments/payment-to-post.ts";
import { startTopUp } from "../../core/payments/topup.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { noPostgres } from "../support/require-services.ts";
import { UbillingEmulator } from "../ubilling/index.ts";

const start = new Date("2026-03-02T10:00:00Z");
const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
let nextUserId = 720_000;
let nextCharge = 1;

describe.skipIf(noPostgres)("posting card payments to Ubilling", () => {
  const { database } = useDemoDatabase();
  const db = () => database.prisma;
  let ub: UbillingEmulator;
  let billing: Required<Pick<Billing, "postCardPayment">>;
  let alerts: PostingAlert[];

  beforeAll(async () => {
    ub = await UbillingEmulator.start({ now: start });
    ub.addTariff({ name: "Unlim-100", fee: 150 });
    const openpayz = createOpenPayzClient({ osmpUrl: ub.osmpUrl, timeoutMs: 2000 });
    const agent = createXmlAgentClient({ userstatsUrl: ub.userstatsUrl, timeoutMs: 2000 });
    billing = {
      postCardPayment: openPayzCardPosting({
        openpayz,
        core: { coreUrl: ub.coreUrl, apiKey: ub.config.serial },
        paymentIdOf: async (accountId) =>
          (await db().account.findUniqueOrThrow({ where: { id: accountId } })).billingPaymentId,
        balanceOf: async (accountId) => {
          const { login } = await db().account.findUniqueOrThrow({ where: { id: accountId } });
          const profile = await agent.profile({ login, passwordMd5: passwordMd5("secret") });
          return profile.ok ? { balance: profile.value.balanceKopecks, unblocked: false } : null;
        },
      }),
    };
  });
  afterAll(() => ub?.stop());
  beforeEach(() => {
    alerts = [];
    ub.setDown(false);
    ub.state.osmpRepeatSum = "sent";
  });
  const alert = async (raised: PostingAlert) => {
    alerts.push(raised);
  };
  const post = (now: Date) => postDuePayments(db(), billing, { now, timeZone: "UTC", alert });

  /** A Ubilling subscriber signed in to the bot, and a card payment of `amount` reported paid. */
  async function paidCard(login: string, amount: number) {
    ub.addSubscriber({ login, password: "secret", tariff: "Unlim-100", cash: 0 });
    const account = await db().account.create({
      data: {
        login,
        name: login,
        address: "",
        passwordHash: "",
        billingPaymentId: ub.payid(login),
      },
    });
    nextUserId += 1;
    const telegram = { id: nextUserId, chatId: nextUserId, firstName: "Тест", languageCode: "ru" };
    await linkTelegramUser(db(), telegram, account.id, "PASSWORD");
    const invoice = await startTopUp(db(), {
      accountId: account.id,
      telegramUserId: telegram.id,
      amount,
    });
    if (invoice.outcome !== "invoice") throw new Error("no invoice");
    const telegramChargeId = `charge-${nextCharge++}`;
    const report = {
      payload: invoice.payload,
      amount,
      currency: "RUB",
      telegramChargeId,
      providerChargeId: `provider-${telegramChargeId}`,
      telegramUserId: telegram.id,
    };
    return { account, telegram, report, telegramChargeId };
  }

  const paymentOf = (telegramChargeId: string) =>
    db().payment.findUniqueOrThrow({ where: { telegramChargeId } });
  const opRowsFor = (telegramChargeId: string) =>
    ub.state.opTransactions.filter(
      (row) => row.hash === `OSMP_${cardExternalId(telegramChargeId)}`,
    );

  it("records the payment, posts it once and tells the contract's users the new balance", async () => {
    const { report, telegramChargeId, telegram } = await paidCard("post_1", 500_00);
    const recorded = await recordPaymentToPost(db(), report, { now: start });
    expect(recorded).toMatchObject({ outcome: "recorded", amount: 500_00, posted: false });
    expect((await paymentOf(telegramChargeId)).status).toBe("PAID");
    expect(ub.subscriber("post_1").cash).toBe(0);

    expect(await post(start)).toEqual({ posted: 1, waiting: 0, failed: 0 });
    expect(ub.subscriber("post_1").cash).toBe(500);
    const payment = await paymentOf(telegramChargeId);
    expect(payment.postedAt).toEqual(start);
    expect(payment.billingReference).toMatch(/^OSMP_\d+$/);
    const receipt = await db().notification.findFirstOrThrow({
      where: { telegramUserId: BigInt(telegram.id), kind: "card-payment" },
    });
    expect(receipt.payload).toMatchObject({ amount: 500_00, balance: 500_00 });
    expect(await post(later(1))).toEqual({ posted: 0, waiting: 0, failed: 0 });
  });

  it("records a report Telegram sends again once, and credits it once", async () => {
    const { report, telegramChargeId } = await paidCard("post_2", 300_00);
    const outcomes = [];
    for (let i = 0; i < 5; i += 1)
      outcomes.push((await recordPaymentToPost(db(), report, { now: later(i) })).outcome);
    expect(outcomes).toEqual(["recorded", ...Array(4).fill("already-recorded")]);
    await post(later(5));
    expect(await recordPaymentToPost(db(), report, { now: later(6) })).toMatchObject({
      outcome: "already-recorded",
      posted: true,
    });
    expect(ub.subscriber("post_2").cash).toBe(300);
    expect(opRowsFor(telegramChargeId)).toHaveLength(1);
  });

  it("records and posts once a payment reported for an invoice invoice-expiry marked EXPIRED", async () => {
    const { report, telegramChargeId } = await paidCard("post_expired", 400_00);
    const day = 24 * 60 * 60_000;
    await db().payment.update({
      where: { invoicePayload: report.payload },
      data: { createdAt: new Date(Date.now() - day - 60_000) },
    });
    expect(await expireInvoices(db(), { now: new Date(), lifetimeMs: day })).toEqual({
      expired: 1,
    });
    expect(
      (await db().payment.findUniqueOrThrow({ where: { invoicePayload: report.payload } })).status,
    ).toBe("EXPIRED");
    for (let i = 0; i < 3; i += 1) await recordPaymentToPost(db(), report, { now: later(i) });
    const payment = await paymentOf(telegramChargeId);
    expect(payment.status).toBe("PAID");
    expect(payment.invoicePayload).toBe(report.payload);
    expect(await post(later(3))).toEqual({ posted: 1, waiting: 0, failed: 0 });
    expect(ub.subscriber("post_expired").cash).toBe(400);
    expect(opRowsFor(telegramChargeId)).toHaveLength(1);
  });

  it("posts the same payment five times and from two instances at once, credited once", async () => {
    const { report, telegramChargeId } = await paidCard("post_3", 200_00);
    await recordPaymentToPost(db(), report, { now: start });
    const runs = await Promise.all([post(start), post(start)]);
    expect(runs.map((run) => run.posted).sort()).toEqual([0, 1]);
    // Posted again as if the record of the first posting were lost: OpenPayz keeps one.
    for (let i = 0; i < 5; i += 1) {
      await db().payment.update({
        where: { telegramChargeId },
        data: { postedAt: null, billingReference: null, nextPostAt: start },
      });
      await Promise.all([post(later(i)), post(later(i))]);
    }
    expect(opRowsFor(telegramChargeId)).toHaveLength(1);
    expect(ub.subscriber("post_3").cash).toBe(200);
    expect(alerts).toEqual([]);
  });

  it("keeps a payment while the billing is down and posts it when it returns", async () => {
    const { report, telegramChargeId } = await paidCard("post_4", 150_00);
    await recordPaymentToPost(db(), report, { now: start });
    ub.setDown("unavailable");
    expect(await post(start)).toEqual({ posted: 0, waiting: 1, failed: 0 });
    expect(await post(later(0.25))).toEqual({ posted: 0, waiting: 0, failed: 0 });
    let minute = 1;
    for (; minute < 60; minute += 5) await post(later(minute));
    const waiting = await paymentOf(telegramChargeId);
    expect(waiting.postedAt).toBeNull();
    expect(waiting.postAttempts).toBeGreaterThan(3);
    expect(ub.subscriber("post_4").cash).toBe(0);

    ub.setDown(false);
    expect(await post(later(minute + 15))).toMatchObject({ posted: 1 });
    expect(ub.subscriber("post_4").cash).toBe(150);
    expect(alerts).toEqual([]);
  });

  it("stops with an alert when the billing answers the payment's id with another sum", async () => {
    const { report, telegramChargeId, account } = await paidCard("post_5", 400_00);
    await recordPaymentToPost(db(), report, { now: start });
    // The billing already holds a transaction under this payment's id, for another sum.
    ub.state.osmpRepeatSum = "stored";
    ub.state.opTransactions.push({
      id: ub.state.opTransactions.length + 1,
      hash: `OSMP_${cardExternalId(telegramChargeId)}`,
      summ: "40",
      customerid: ub.payid("post_5"),
      paysys: "OSMP",
      date: "2026-03-02 09:00:00",
      processed: true,
      note: "",
    });
    expect(await post(start)).toEqual({ posted: 0, waiting: 0, failed: 1 });
    expect(alerts).toEqual([
      expect.objectContaining({ login: "post_5", amount: 400_00, outcome: "conflict" }),
    ]);
    const payment = await paymentOf(telegramChargeId);
    expect(payment.postedAt).toBeNull();
    expect(payment.postError).toContain("conflict");
    expect(ub.subscriber("post_5").cash).toBe(0);
    expect(await post(later(30))).toEqual({ posted: 0, waiting: 0, failed: 0 });
    expect(
      await db().notification.count({ where: { accountId: account.id, kind: "card-payment" } }),
    ).toBe(0);
  });

  it("stops with an alert on an answer that will not pass by itself (an OSMP error code)", async () => {
    const { report, telegramChargeId } = await paidCard("post_8", 300_00);
    await recordPaymentToPost(db(), report, { now: start });
    ub.state.osmpResult = "300";
    try {
      expect(await post(start)).toEqual({ posted: 0, waiting: 0, failed: 1 });
    } finally {
      ub.state.osmpResult = undefined;
    }
    expect(alerts).toEqual([
      expect.objectContaining({ login: "post_8", amount: 300_00, outcome: "refused" }),
    ]);
    expect((await paymentOf(telegramChargeId)).postError).toContain("OSMP result 300");
    expect(ub.subscriber("post_8").cash).toBe(0);
  });

  it("stops with an alert when the billing answers with another payment's transaction", async () => {
    const first = await paidCard("post_6", 100_00);
    await recordPaymentToPost(db(), first.report, { now: start });
    await post(start);
    const second = await paidCard("post_7", 100_00);
    await recordPaymentToPost(db(), second.report, { now: start });
    // The second payment's id made to collide with the first's row in the billing.
    const firstRow = opRowsFor(first.telegramChargeId)[0];
    if (!firstRow) throw new Error("first payment not in the billing");
    ub.state.opTransactions.push({
      ...firstRow,
      hash: `OSMP_${cardExternalId(second.telegramChargeId)}`,
    });
    expect(await post(later(1))).toEqual({ posted: 0, waiting: 0, failed: 1 });
    expect(alerts[0]).toMatchObject({ login: "post_7", outcome: "conflict" });
    expect((await paymentOf(second.telegramChargeId)).postError).toContain("another payment");
  });
});
