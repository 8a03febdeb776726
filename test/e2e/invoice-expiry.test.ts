// Card invoices nobody paid: the invoice-expiry job marks those past INVOICE_LIFETIME_HOURS
// EXPIRED, the pending figure counts only live ones, a checkout of an expired one is refused in the
// payer's language with a fresh invoice, and a payment Telegram reports for one the job expired
// after its checkout was approved is still credited, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "../../bot/format.ts";
import { statusFigures } from "../../core/ops/status.ts";
import type { UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { jobRunner } from "../support/jobs.ts";
import { noPostgres } from "../support/require-services.ts";
import { signedIn } from "../support/sign-in.ts";

const rub = (kopecks: number) => formatMoney(kopecks);
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 60 * 60_000);

describe.skipIf(noPostgres)("invoice expiry", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { PAYMENT_PROVIDER_TOKEN: "381764678:TEST:kaspnet" } });
  });
  afterAll(() => harness?.stop());

  const db = () => harness.database.prisma;
  const runJob = () => jobRunner(harness)("invoice-expiry");
  const balanceOf = async (login: string) =>
    (await db().account.findUniqueOrThrow({ where: { login } })).balance;
  /** A 500 ₽ invoice through /topup, and its payment's row. */
  async function invoiceFor(user: UserDriver) {
    const sent = user.messages().filter((m) => m.invoice).length;
    await user.send("/topup");
    await user.nextBotMessage();
    await user.press(rub(500_00));
    const invoice = await user.waitFor(
      () => user.messages().filter((m) => m.invoice)[sent] ?? undefined,
    );
    const payment = await db().payment.findFirstOrThrow({
      where: { telegramUserId: BigInt(user.id) },
      orderBy: { id: "desc" },
    });
    return { invoice, payment };
  }
  const sentAgo = (paymentId: number, hours: number) =>
    db().payment.update({ where: { id: paymentId }, data: { createdAt: hoursAgo(hours) } });
  const statusOf = async (paymentId: number) =>
    (await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status;

  it("marks invoices unpaid past their lifetime EXPIRED, once, and counts only live ones as pending", async () => {
    const user = harness.emulator.user({ firstName: "Забывчивый", languageCode: "ru" });
    await signedIn(user, "10001");
    const old = await invoiceFor(user);
    const live = await invoiceFor(user);
    const paidLongAgo = await invoiceFor(user);
    expect((await user.pay(paidLongAgo.invoice)).status).toBe("paid");
    await user.waitFor(() => user.messages().find((m) => m.text?.startsWith("✅ Оплата получена")));
    await sentAgo(old.payment.id, 25);
    await sentAgo(live.payment.id, 23);
    await sentAgo(paidLongAgo.payment.id, 25);
    const figures = () => statusFigures(db(), harness.config);
    // Past its lifetime it is no longer counted, whether or not the job has marked it yet.
    expect((await figures()).paymentsPending).toBe(1);

    expect(await runJob()).toEqual({ expired: 1 });
    expect(await runJob()).toEqual({ expired: 0 });
    expect(
      await Promise.all([old, live, paidLongAgo].map(({ payment }) => statusOf(payment.id))),
    ).toEqual(["EXPIRED", "PENDING", "PAID"]);
    expect((await figures()).paymentsPending).toBe(1);
  });

  it.each([
    [
      "ru",
      "10003",
      "Счёт устарел. Запросите новый: /topup",
      "Тот счёт устарел: счёт действует сутки.",
    ],
    [
      "en",
      "10004",
      "The invoice is out of date. Ask for a new one: /topup",
      "That invoice was out of date: an invoice is valid for a day.",
    ],
  ])(
    "refuses the checkout of an invoice the job expired (%s) and sends a fresh one that pays",
    async (languageCode, login, refusal, explanation) => {
      const user = harness.emulator.user({ firstName: `Поздний ${languageCode}`, languageCode });
      await signedIn(user, login);
      const stale = await invoiceFor(user);
      await sentAgo(stale.payment.id, 25);
      expect(await runJob()).toEqual({ expired: 1 });

      const outcome = await user.pay(stale.invoice, { email: "late@example.ru" });
      expect(outcome).toEqual({ status: "declined", errorMessage: refusal });
      await user.waitFor(() => user.messages().find((m) => m.text?.startsWith(explanation)));
      const fresh = await user.waitFor(() =>
        user.messages().find((m) => m.invoice && m.message_id > stale.invoice.message_id),
      );
      expect(fresh.invoice?.total_amount).toBe(500_00);
      const before = await balanceOf(login);
      expect((await user.pay(fresh, { email: "late@example.ru" })).status).toBe("paid");
      await expect.poll(() => balanceOf(login)).toBe(before + 500_00);
      expect(await statusOf(stale.payment.id)).toBe("EXPIRED");
    },
  );

  it("credits once a payment reported after the job expired its invoice, approved at checkout just before", async () => {
    const user = harness.emulator.user({ firstName: "На грани", languageCode: "ru" });
    await signedIn(user, "10001");
    const { invoice, payment } = await invoiceFor(user);
    const before = await balanceOf("10001");
    // The bot approves the checkout; its answer's response is held, so the successful payment
    // waits behind it (one chat's updates in order) while the job runs.
    const answering = harness.emulator.faults.hold({ method: "answerPreCheckoutQuery" });
    const paying = user.pay(invoice);
    await answering.reached;
    expect((await paying).status).toBe("paid");
    await sentAgo(payment.id, 25);
    expect(await runJob()).toEqual({ expired: 1 });
    expect(await statusOf(payment.id)).toBe("EXPIRED");
    answering.release();

    const receipts = () => user.messages().filter((m) => m.text?.startsWith("✅ Оплата получена"));
    await user.waitFor(() => receipts().length === 1);
    const update = harness.emulator.updates.findLast(
      (u) => u.message?.successful_payment && u.message.chat.id === user.id,
    );
    if (!update) throw new Error("no successful_payment update");
    for (let i = 0; i < 2; i++) harness.emulator.redeliver(update);
    await user.waitFor(() => receipts().length === 3);
    expect(await balanceOf("10001")).toBe(before + 500_00);
    const charge = update.message?.successful_payment?.telegram_payment_charge_id ?? "";
    expect(await db().ledgerEntry.count({ where: { idempotencyKey: `card:${charge}` } })).toBe(1);
    // The invoice's own record is PAID: no second record of the same payment.
    expect(
      await db().payment.findUniqueOrThrow({
        where: { id: payment.id },
        select: { status: true, telegramChargeId: true },
      }),
    ).toEqual({ status: "PAID", telegramChargeId: charge });
    expect(await db().payment.count({ where: { telegramChargeId: charge } })).toBe(1);
  });
});
