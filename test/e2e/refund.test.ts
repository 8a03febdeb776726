// A refund recorded by the operator for a card payment made through the bot: once, never more
// than was paid, off the balance in the ledger, and the subscriber told in their language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminInProcess } from "../support/admin-in-process.ts";
import { rub } from "../support/billing-worlds.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres } from "../support/require-services.ts";
import { signedIn } from "../support/sign-in.ts";

describe.skipIf(noPostgres)("refunds of card payments", () => {
  let harness: Harness;
  let env: Record<string, string>;
  beforeAll(async () => {
    harness = await startHarness({ env: { PAYMENT_PROVIDER_TOKEN: "381764678:TEST:kaspnet" } });
    env = {
      DATABASE_URL: harness.database.url,
      BOT_TOKEN: harness.emulator.token,
      TELEGRAM_API_ROOT: harness.emulator.apiRoot,
    };
  });
  afterAll(() => harness?.stop());
  const db = () => harness.database.prisma;

  async function paid(languageCode: string, login: string) {
    const user = harness.emulator.user({ firstName: "Абонент", languageCode });
    await signedIn(user, login);
    await user.send("/topup");
    await user.nextBotMessage();
    await user.press(rub(500_00));
    const invoice = await user.waitFor(() => user.messages().findLast((m) => m.invoice));
    expect((await user.pay(invoice)).status).toBe("paid");
    const payment = await user.waitFor(() =>
      db().payment.findFirst({ where: { account: { login }, status: "PAID" } }),
    );
    return { user, chargeId: payment.telegramChargeId ?? "" };
  }

  it("records a refund once, takes it off the balance and tells the subscriber", async () => {
    const { user, chargeId } = await paid("ru", "10001");
    const before = (await db().account.findUniqueOrThrow({ where: { login: "10001" } })).balance;
    const run = await adminInProcess(
      ["refund", chargeId, "--reason", "двойная оплата", "--amount", "200"],
      env,
    );
    expect(run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toMatch(new RegExp(`refund of ${rub(200_00)} recorded .*10001`));
    const told = await user.waitFor(() =>
      user.messages().find((m) => m.text?.startsWith("↩️ По договору 10001")),
    );
    expect(told.text).toContain(`возврат оплаты картой: ${rub(200_00)}`);
    expect(told.text).toContain(`Баланс после возврата: ${rub(before - 200_00)}`);
    expect((await db().account.findUniqueOrThrow({ where: { login: "10001" } })).balance).toBe(
      before - 200_00,
    );
    expect(await db().ledgerEntry.count({ where: { kind: "CARD_REFUND" } })).toBe(1);

    const again = await adminInProcess(["refund", chargeId, "--reason", "ещё раз"], env);
    expect(again.code).toBe(2);
    expect(again.stderr.join("\n")).toContain(`already refunded: ${rub(200_00)}`);
    expect(await db().ledgerEntry.count({ where: { kind: "CARD_REFUND" } })).toBe(1);
  });

  it("refuses more than was paid, an unknown charge and no reason, changing nothing", async () => {
    const { user, chargeId } = await paid("en", "10004");
    const cases: [string[], string][] = [
      [["refund", chargeId, "--reason", "ошибка", "--amount", "500,01"], "more than was paid"],
      [
        ["refund", "no-such-charge", "--reason", "ошибка"],
        'no card payment with charge id "no-such-charge"',
      ],
      [["refund", chargeId], "reason: a reason of 3 characters or more"],
      [["refund", chargeId, "--reason", "ошибка", "--amount", "сто"], "--amount"],
    ];
    for (const [args, why] of cases) {
      const run = await adminInProcess(args, env);
      expect(run.code).toBe(2);
      expect(run.stderr.join("\n")).toContain(why);
    }
    const payment = await db().payment.findFirstOrThrow({ where: { telegramChargeId: chargeId } });
    expect(payment.refundedAt).toBeNull();

    const whole = await adminInProcess(["refund", chargeId, "--reason", "отказ от услуги"], env);
    expect(whole.code).toBe(0);
    const told = await user.waitFor(() => user.messages().find((m) => m.text?.startsWith("↩️")));
    expect(told.text).toContain(
      `A refund of a card payment to contract 10004 has been made: ${rub(500_00)}`,
    );
  });

  it("refunds once when two operators record it at the same time", async () => {
    const { chargeId } = await paid("ru", "10003");
    const runs = await Promise.all(
      [1, 2].map(() => adminInProcess(["refund", chargeId, "--reason", "дубль"], env)),
    );
    expect(runs.map((run) => run.code).sort()).toEqual([0, 2]);
    expect(
      await db().ledgerEntry.count({
        where: { kind: "CARD_REFUND", account: { login: "10003" } },
      }),
    ).toBe(1);
  });
});
