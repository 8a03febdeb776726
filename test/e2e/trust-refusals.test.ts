// /trust through the emulator where the last trust payment is too recent: refused from /trust and
// the menu, and at the confirmation of an offer made before; and a trust payment that ends with the
// balance covering it (REPAID, the contract stays active, nobody is told it was blocked), after
// which the next one is too soon.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDateTime, formatMoney } from "../../bot/format.ts";
import { cashTopup } from "../../core/billing/cash-topup.ts";
import { postLedgerEntry } from "../../core/billing/ledger.ts";
import type { ChatMessage, UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { jobRunner } from "../support/jobs.ts";
import { ledgerMismatches } from "../support/ledger.ts";
import { noPostgres } from "../support/require-services.ts";
import { inlineButtons, signedIn } from "../support/sign-in.ts";

const day = 24 * 60 * 60 * 1000;
const rub = (kopecks: number) => formatMoney(kopecks);

describe.skipIf(noPostgres)("trust payment refusals and repayment", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness?.stop());

  const db = () => harness.database.prisma;
  const newUser = (firstName: string) => harness.emulator.user({ firstName, languageCode: "ru" });
  const account = (login: string) => db().account.findUniqueOrThrow({ where: { login } });
  const at = (instant: Date) => formatDateTime(instant, harness.config.timeZone);
  const tooSoon = (login: string, from: Date) =>
    `Доверительный платёж можно брать не чаще 1 раза в 30 дней. По договору ${login} следующий будет доступен с ${at(from)}.`;

  /** A trust payment taken and repaid before the bot knew of it: granted `daysAgo` days ago. */
  async function earlierTrust(login: string, daysAgo: number) {
    const grantedAt = new Date(Date.now() - daysAgo * day);
    const expiresAt = new Date(grantedAt.getTime() + 3 * day);
    return db().trustPayment.create({
      data: {
        accountId: (await account(login)).id,
        amount: 450_00,
        grantedAt,
        expiresAt,
        status: "REPAID",
        closedAt: expiresAt,
      },
    });
  }

  /** Spends the contract down to `balance`, through the ledger. */
  async function spendDownTo(login: string, balance: number, key: string) {
    const contract = await account(login);
    await postLedgerEntry(db(), {
      accountId: contract.id,
      amount: balance - contract.balance,
      kind: "ADJUSTMENT",
      idempotencyKey: key,
    });
  }

  const edited = (user: UserDriver, message: ChatMessage, check: (m: ChatMessage) => boolean) =>
    user.waitFor(() => {
      const current = user.messages().find((m) => m.message_id === message.message_id);
      return current && check(current) ? current : undefined;
    });

  async function expectLedgerConsistent() {
    expect(await ledgerMismatches(db())).toEqual([]);
  }

  it("refuses a contract whose last trust payment was 10 days ago, from /trust and the menu", async () => {
    const earlier = await earlierTrust("10002", 10);
    const patimat = newUser("Патимат");
    const menu = await signedIn(patimat, "10002");
    const from = new Date(earlier.grantedAt.getTime() + 30 * day);

    await patimat.send("/trust");
    const reply = await patimat.nextBotMessage();
    expect(reply.text).toBe(tooSoon("10002", from));
    expect(inlineButtons(reply)).toEqual([]);

    expect(inlineButtons(menu)).toContain("🤝 Доверительный платёж");
    await patimat.press("🤝 Доверительный платёж");
    expect((await patimat.nextBotMessage()).text).toBe(tooSoon("10002", from));

    expect(await db().trustPayment.count({ where: { account: { login: "10002" } } })).toBe(1);
    expect(await account("10002")).toMatchObject({ status: "BLOCKED", balance: -180_00 });
    await expectLedgerConsistent();
  });

  it("refuses at the confirmation an offer that became too soon meanwhile", async () => {
    await spendDownTo("10004", 10_00, "test:spent:10004");
    const aminat = newUser("Аминат");
    await signedIn(aminat, "10004");
    await aminat.send("/trust");
    const offer = await aminat.nextBotMessage();
    expect(offer.text).toContain(`Сумма: ${rub(850_00)}`);
    expect(offer.text).toContain("Доступно за 30 дней: 1 из 1");

    // Taken through another channel (the office) while the offer was on the screen.
    const earlier = await earlierTrust("10004", 2);
    await aminat.press("✅ Взять");
    const refusal = await aminat.nextBotMessage();
    expect(refusal.text).toBe(tooSoon("10004", new Date(earlier.grantedAt.getTime() + 30 * day)));
    await edited(aminat, offer, (m) => inlineButtons(m).length === 0);
    expect(await db().trustPayment.count({ where: { account: { login: "10004" } } })).toBe(1);
    expect((await account("10004")).balance).toBe(10_00);
    expect(
      await db().ledgerEntry.count({
        where: { kind: "TRUST_CREDIT", account: { login: "10004" } },
      }),
    ).toBe(0);
  });

  it("repays a trust payment the balance covers: REPAID, still active; the next one is too soon", async () => {
    await spendDownTo("10003", 10_00, "test:spent:10003");
    const sergey = newUser("Сергей");
    await signedIn(sergey, "10003");
    await sergey.send("/trust");
    const offer = await sergey.nextBotMessage();
    expect(offer.text).toContain(`Сумма: ${rub(600_00)}`);
    await sergey.press("✅ Взять");
    await edited(sergey, offer, (m) => m.text?.startsWith("✅") === true);
    const trust = await db().trustPayment.findFirstOrThrow({
      where: { account: { login: "10003" }, status: "ACTIVE" },
    });
    expect(await account("10003")).toMatchObject({ status: "ACTIVE", balance: 610_00 });

    // Paid at the office before the end: the balance covers the repayment.
    expect(
      await cashTopup(db(), { login: "10003", amount: 700_00, receipt: "KO-2611-7" }),
    ).toMatchObject({ outcome: "posted", balanceAfter: 1310_00 });
    await db().trustPayment.update({
      where: { id: trust.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const runJob = jobRunner(harness);
    expect(await runJob("trust-expiry")).toMatchObject({ expired: 1, repaid: 1, blocked: 0 });
    expect(await runJob("trust-expiry")).toMatchObject({ expired: 0, repaid: 0, blocked: 0 });
    expect(await account("10003")).toMatchObject({ status: "ACTIVE", balance: 710_00 });
    expect(await db().trustPayment.findUniqueOrThrow({ where: { id: trust.id } })).toMatchObject({
      status: "REPAID",
      closedAt: expect.any(Date),
    });
    expect(
      await db().ledgerEntry.findMany({
        where: { reference: `trust:${trust.id}` },
        orderBy: { id: "asc" },
        select: { kind: true, amount: true },
      }),
    ).toEqual([
      { kind: "TRUST_CREDIT", amount: 600_00 },
      { kind: "TRUST_REPAY", amount: -600_00 },
    ]);

    await sergey.send("/balance");
    const card = await sergey.nextBotMessage();
    expect(card.text).toContain("Статус: активен ✅");
    expect(card.text).not.toContain("Доверительный платёж:");
    await sergey.press("📜 История платежей");
    const history = await sergey.nextBotMessage();
    expect(history.text).toContain(`возврат доверительного платежа · −${rub(600_00)}`);
    expect(history.text).toContain(`доверительный платёж · +${rub(600_00)}`);
    // Nothing was blocked, so nothing says it was.
    expect(sergey.messages().some((m) => m.text?.includes("заблокирован"))).toBe(false);

    // Money gone again a few days later: the next trust payment is 30 days after this one.
    await spendDownTo("10003", 5_00, "test:spent-again:10003");
    await sergey.send("/trust");
    expect((await sergey.nextBotMessage()).text).toBe(
      tooSoon("10003", new Date(trust.grantedAt.getTime() + 30 * day)),
    );
    await expectLedgerConsistent();
  });

  it("logged no failure on the way", () => {
    expect(harness.logs.entries().filter((entry) => Number(entry.level) >= 40)).toEqual([]);
  });
});
