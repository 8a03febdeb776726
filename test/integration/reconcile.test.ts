// One day's card payments in the bot against the billing's: on the built-in billing (the ledger's
// card top-ups, in this database) and on Ubilling (our emulator, the payments posted through
// OpenPayz by the payment poster), each difference as what it is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadJobConfig } from "../../bot/admin/config.ts";
import { linkTelegramUser } from "../../core/accounts/sign-in.ts";
import { builtinBilling } from "../../core/billing/builtin-billing.ts";
import { createBilling } from "../../core/billing/create-billing.ts";
import { postLedgerEntry } from "../../core/billing/ledger.ts";
import type { Billing } from "../../core/billing/port.ts";
import { passwordMd5 } from "../../core/billing/ubilling/xmlagent-client.ts";
import { createLogger } from "../../core/logger.ts";
import { cardKey, creditPayment } from "../../core/payments/card-payment.ts";
import { postDuePayments } from "../../core/payments/payment-poster.ts";
import { recordPaymentToPost } from "../../core/payments/payment-to-post.ts";
import { type ReconcilingBilling, reconcileDay } from "../../core/payments/reconcile.ts";
import { startTopUp } from "../../core/payments/topup.ts";
import { ubillingEnv } from "../support/billing-worlds.ts";
import { builtinSettings } from "../support/builtin-settings.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { useTestDatabase } from "../support/file-database.ts";
import { noPostgres } from "../support/require-services.ts";
import { UbillingEmulator } from "../ubilling/index.ts";

let nextCharge = 0;
let nextUserId = 730_000;

/** A report of Telegram's for the invoice, as `successful_payment` brings it. */
function report(payload: string, amount: number, telegramUserId: number) {
  nextCharge += 1;
  const telegramChargeId = `reconcile-${nextCharge}`;
  return {
    payload,
    amount,
    currency: "RUB",
    telegramChargeId,
    providerChargeId: `provider-${nextCharge}`,
    telegramUserId,
  };
}

function reconciling(billing: Billing): ReconcilingBilling {
  const { cardPaymentsOn } = billing;
  if (!cardPaymentsOn) throw new Error("the billing lists no card payments");
  return { capabilities: billing.capabilities, cardPaymentsOn };
}

describe.skipIf(noPostgres)("reconcile on the built-in billing", () => {
  const { database } = useDemoDatabase({ resetEachTest: true });
  const db = () => database.prisma;
  const timeZone = builtinSettings.timeZone; // Europe/Moscow, UTC+3
  const reconcile = (day: string) =>
    reconcileDay(db(), reconciling(builtinBilling(db(), builtinSettings)), { day, timeZone });
  const accountOf = (login: string) => db().account.findUniqueOrThrow({ where: { login } });

  /** A card payment credited as the bot credits one, its ledger entry written at `at` too. */
  async function cardPaid(login: string, amount: number, at: Date) {
    const account = await accountOf(login);
    const invoice = await startTopUp(db(), { accountId: account.id, telegramUserId: 1, amount });
    if (invoice.outcome !== "invoice") throw new Error("no invoice");
    const paid = report(invoice.payload, amount, 1);
    const credited = await creditPayment(db(), paid, { now: at, timeZone });
    expect(credited.outcome).toBe("credited");
    await db().ledgerEntry.update({
      where: { idempotencyKey: cardKey(paid.telegramChargeId) },
      data: { createdAt: at },
    });
    return db().payment.findUniqueOrThrow({ where: { telegramChargeId: paid.telegramChargeId } });
  }

  it("finds no difference when every paid payment is in the ledger", async () => {
    await cardPaid("10001", 500_00, new Date("2026-11-20T07:00:00Z"));
    await cardPaid("10003", 300_00, new Date("2026-11-20T12:00:00Z"));
    await cardPaid("10003", 300_00, new Date("2026-11-20T13:00:00Z"));
    expect(await reconcile("2026-11-20")).toEqual({
      day: "2026-11-20",
      bot: 3,
      billing: 3,
      matched: 3,
      differences: [],
      notAsked: 0,
    });
  });

  it("reports a payment recorded PAID that has no ledger entry", async () => {
    await cardPaid("10001", 500_00, new Date("2026-11-20T07:00:00Z"));
    const account = await accountOf("10004");
    const invoice = await startTopUp(db(), {
      accountId: account.id,
      telegramUserId: 1,
      amount: 700_00,
    });
    if (invoice.outcome !== "invoice") throw new Error("no invoice");
    const at = new Date("2026-11-20T09:15:00Z");
    const lost = await db().payment.update({
      where: { invoicePayload: invoice.payload },
      data: { status: "PAID", telegramChargeId: "lost-1", paidAt: at, postedAt: at },
    });
    const result = await reconcile("2026-11-20");
    expect(result).toMatchObject({ bot: 2, billing: 1, matched: 1 });
    expect(result.differences).toEqual([
      {
        kind: "bot-only",
        paymentId: lost.id,
        accountId: account.id,
        login: "10004",
        amount: 700_00,
        paidAt: at,
        posting: "posted",
        postError: null,
      },
    ]);
  });

  it("reports a card top-up in the ledger that the bot has no payment for", async () => {
    await cardPaid("10001", 500_00, new Date("2026-11-20T07:00:00Z"));
    const account = await accountOf("10001");
    const at = new Date("2026-11-20T10:00:00Z");
    const { entryId } = await postLedgerEntry(db(), {
      accountId: account.id,
      amount: 500_00,
      kind: "CARD_TOPUP",
      idempotencyKey: "card:never-recorded",
    });
    await db().ledgerEntry.update({ where: { id: entryId }, data: { createdAt: at } });
    const result = await reconcile("2026-11-20");
    // Same contract, same sum as the real one: the references tell them apart.
    expect(result).toMatchObject({ bot: 1, billing: 2, matched: 1 });
    expect(result.differences).toEqual([
      {
        kind: "billing-only",
        accountId: account.id,
        login: "10001",
        amount: 500_00,
        at,
        reference: "card:never-recorded",
        card: true,
      },
    ]);
  });

  it("reports the same payment for another sum", async () => {
    const payment = await cardPaid("10003", 300_00, new Date("2026-11-20T07:00:00Z"));
    const reference = cardKey(payment.telegramChargeId ?? "");
    await db().ledgerEntry.update({
      where: { idempotencyKey: reference },
      data: { amount: 30_00 },
    });
    expect((await reconcile("2026-11-20")).differences).toEqual([
      {
        kind: "amount-differs",
        paymentId: payment.id,
        accountId: payment.accountId,
        login: "10003",
        botAmount: 300_00,
        billingAmount: 30_00,
        reference,
      },
    ]);
  });

  it("counts each payment on its own day in the provider's time zone", async () => {
    // 23:30 and 00:30 in Moscow: one each side of midnight.
    await cardPaid("10001", 500_00, new Date("2026-11-20T20:30:00Z"));
    await cardPaid("10004", 200_00, new Date("2026-11-20T21:30:00Z"));
    const stray = await postLedgerEntry(db(), {
      accountId: (await accountOf("10004")).id,
      amount: 100_00,
      kind: "CARD_TOPUP",
      idempotencyKey: "card:next-day-stray",
    });
    await db().ledgerEntry.update({
      where: { id: stray.entryId },
      data: { createdAt: new Date("2026-11-21T08:00:00Z") },
    });
    expect(await reconcile("2026-11-20")).toMatchObject({
      bot: 1,
      billing: 1,
      matched: 1,
      differences: [],
    });
    const next = await reconcile("2026-11-21");
    expect(next).toMatchObject({ bot: 1, billing: 2, matched: 1 });
    expect(next.differences).toEqual([
      expect.objectContaining({ kind: "billing-only", reference: "card:next-day-stray" }),
    ]);
    expect(await reconcile("2026-11-19")).toMatchObject({ bot: 0, billing: 0, differences: [] });
  });
});

describe.skipIf(noPostgres)("reconcile on Ubilling", () => {
  const { database } = useTestDatabase();
  const db = () => database.prisma;
  const noon = (day: string) => new Date(`${day}T12:00:00Z`);
  let ub: UbillingEmulator;
  let billing: Billing;

  beforeAll(async () => {
    ub = await UbillingEmulator.start({ now: noon("2026-11-20") });
    ub.addTariff({ name: "Unlim-100", fee: 150 });
    const config = loadJobConfig({
      DATABASE_URL: database.url,
      ...ubillingEnv(ub),
    });
    billing = createBilling(config, db(), createLogger("silent")).billing;
  });
  afterAll(() => ub?.stop());

  const reconcile = (day: string) =>
    reconcileDay(db(), reconciling(billing), { day, timeZone: "UTC" });
  const post = (now: Date) => {
    const { postCardPayment } = billing;
    if (!postCardPayment) throw new Error("Ubilling posts card payments");
    return postDuePayments(
      db(),
      { postCardPayment },
      { now, timeZone: "UTC", alert: async () => {} },
    );
  };

  /** A Ubilling subscriber signed in to the bot (its credential kept, unless `signedOut`). */
  async function subscriber(login: string, options: { signedOut?: boolean } = {}) {
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
    if (!options.signedOut) await billing.keepCredential?.(account.id, passwordMd5("secret"));
    return account;
  }

  /** A card payment of the contract reported paid to the bot at `now`, not yet posted. */
  async function paidInBot(accountId: number, amount: number, now: Date) {
    nextUserId += 1;
    const telegram = { id: nextUserId, chatId: nextUserId, firstName: "Тест", languageCode: "ru" };
    await linkTelegramUser(db(), telegram, accountId, "PASSWORD");
    const invoice = await startTopUp(db(), { accountId, telegramUserId: telegram.id, amount });
    if (invoice.outcome !== "invoice") throw new Error("no invoice");
    const recorded = await recordPaymentToPost(db(), report(invoice.payload, amount, telegram.id), {
      now,
    });
    if (recorded.outcome !== "recorded") throw new Error(`not recorded: ${recorded.outcome}`);
    return recorded;
  }

  it("matches a payment posted through OpenPayz", async () => {
    const day = "2026-11-20";
    ub.setNow(noon(day));
    const account = await subscriber("rec_posted");
    await paidInBot(account.id, 500_00, noon(day));
    expect(await post(noon(day))).toMatchObject({ posted: 1 });
    expect(ub.state.payments.at(-1)).toMatchObject({ login: "rec_posted", note: "OP:OSMP" });
    expect(await reconcile(day)).toEqual({
      day,
      bot: 1,
      billing: 1,
      matched: 1,
      differences: [],
      notAsked: 0,
    });
  });

  it("reports a payment still waiting to be posted as paid in the bot only", async () => {
    const day = "2026-11-21";
    ub.setNow(noon(day));
    const account = await subscriber("rec_waiting");
    const recorded = await paidInBot(account.id, 300_00, noon(day));
    expect(await reconcile(day)).toMatchObject({
      bot: 1,
      billing: 0,
      matched: 0,
      differences: [
        {
          kind: "bot-only",
          paymentId: recorded.paymentId,
          login: "rec_waiting",
          amount: 300_00,
          paidAt: noon(day),
          posting: "waiting",
          postError: null,
        },
      ],
    });
    // Posted the day after, it belongs to that day, where it matches.
    const nextDay = "2026-11-22";
    ub.setNow(noon(nextDay));
    expect(await post(noon(nextDay))).toMatchObject({ posted: 1 });
    expect(await reconcile(day)).toMatchObject({ bot: 0, billing: 0, differences: [] });
    expect(await reconcile(nextDay)).toMatchObject({
      bot: 1,
      billing: 1,
      matched: 1,
      differences: [],
    });
  });

  it("reports a payment in Ubilling that the bot never recorded", async () => {
    const day = "2026-11-23";
    ub.setNow(noon(day));
    const account = await subscriber("rec_stranger");
    ub.addPayment("rec_stranger", 250, "OP:OSMP");
    expect(await reconcile(day)).toEqual({
      day,
      bot: 0,
      billing: 1,
      matched: 0,
      differences: [
        {
          kind: "billing-only",
          accountId: account.id,
          login: "rec_stranger",
          amount: 250_00,
          at: noon(day),
          reference: null,
          card: false,
        },
      ],
      notAsked: 0,
    });
  });

  it("reports contracts it could not ask about as not checked", async () => {
    const day = "2026-11-24";
    ub.setNow(noon(day));
    const signedOut = await subscriber("rec_signed_out", { signedOut: true });
    await paidInBot(signedOut.id, 400_00, noon(day));
    await subscriber("rec_quiet", { signedOut: true });
    const result = await reconcile(day);
    expect(result).toMatchObject({ bot: 1, billing: 0, matched: 0, notAsked: 1 });
    expect(result.differences).toEqual([
      {
        kind: "not-checked",
        accountId: signedOut.id,
        login: "rec_signed_out",
        reason: "no-credential",
        botPayments: 1,
      },
    ]);

    ub.setDown("unavailable");
    try {
      const down = await reconcile(day);
      const signedIn = await db().account.count({ where: { billingCredential: { not: null } } });
      expect(down.differences.filter((d) => d.kind === "not-checked")).toHaveLength(signedIn + 1);
      expect(down.differences).toContainEqual(
        expect.objectContaining({
          kind: "not-checked",
          login: "rec_posted",
          reason: "unavailable",
        }),
      );
    } finally {
      ub.setDown(false);
    }
  });
});
