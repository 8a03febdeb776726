// A successful_payment whose credit failed stays in the inbox and is credited on the next try.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "../../bot/format.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres } from "../support/require-services.ts";
import { signedIn } from "../support/sign-in.ts";

/** Prisma's default for an interactive transaction, which the credit runs in. */
const creditTimeLimitMs = 5_000;

describe.skipIf(noPostgres)("a payment whose credit failed", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { PAYMENT_PROVIDER_TOKEN: "381764678:TEST:kaspnet" } });
  });
  afterAll(() => harness?.stop());

  it("is kept in the inbox and credited once when handled again", async () => {
    const user = harness.emulator.user({ firstName: "Зарема", languageCode: "ru" });
    await signedIn(user, "10001");
    const before = await harness.database.prisma.account.findUniqueOrThrow({
      where: { login: "10001" },
    });
    await user.send("/topup");
    await user.nextBotMessage();
    await user.press(formatMoney(500_00));
    const invoice = await user.waitFor(() => user.messages().findLast((m) => m.invoice));

    // The contract's row stays locked past the credit transaction's time limit: the credit fails.
    const blocker = new pg.Client({ connectionString: harness.database.url });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query(`SELECT id FROM "Account" WHERE login = '10001' FOR UPDATE`);
    expect((await user.pay(invoice)).status).toBe("paid");
    await user.waitFor(async () => {
      const { rows } = await blocker.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return rows.length > 0 || undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, creditTimeLimitMs + 500));
    await blocker.query("COMMIT");
    await blocker.end();
    const apology = await user.waitFor(() =>
      user.messages().find((m) => m.text?.startsWith("Извините, что-то пошло не так")),
    );
    expect(apology).toBeDefined();
    const kept = await harness.database.prisma.inboundUpdate.findMany({
      where: { handledAt: null },
    });
    expect(kept.map((row) => row.payload)).toEqual([
      expect.objectContaining({
        message: expect.objectContaining({ successful_payment: expect.anything() }),
      }),
    ]);

    await harness.restart();
    const receipt = await user.waitFor(() =>
      user.messages().find((m) => m.text?.startsWith("✅ Оплата получена")),
    );
    expect(receipt.text).toContain("зачислено на договор 10001");
    const account = await harness.database.prisma.account.findUniqueOrThrow({
      where: { login: "10001" },
    });
    expect(account.balance).toBe(before.balance + 500_00);
    expect(
      await harness.database.prisma.ledgerEntry.count({
        where: { accountId: account.id, kind: "CARD_TOPUP" },
      }),
    ).toBe(1);
    expect(
      await harness.database.prisma.payment.findFirstOrThrow({
        where: { accountId: account.id },
        orderBy: { id: "desc" },
      }),
    ).toMatchObject({ status: "PAID" });
  });
});
