// The ledger under random sequences of everything that moves money, on real PostgreSQL and two
// database clients (two bot instances): card top-ups through the real crediting path (a fresh
// invoice, a redelivered successful_payment, two instances on one update, the same invoice paid
// again with a new charge id, also twice at once), cash receipts (some entered twice), daily charges
// on a controlled clock, trust payments and their expiry. After every step: every account's balance
// is the sum of its ledger, each entry's balance_after is the running sum, every charge id and
// receipt is credited exactly once with what was paid, and blocking follows the balance.
import { describe, expect, it } from "vitest";
import { addDays, billingDayAt } from "../../core/billing/calendar.ts";
import { cashTopup } from "../../core/billing/cash-topup.ts";
import { runDailyCharge } from "../../core/billing/daily-charge.ts";
import { postLedgerEntry } from "../../core/billing/ledger.ts";
import { grantTrust } from "../../core/billing/trust.ts";
import { expireTrusts } from "../../core/billing/trust-expiry.ts";
import {
  type Crediting,
  cardKey,
  checkCheckout,
  creditPayment,
} from "../../core/payments/card-payment.ts";
import { startTopUp } from "../../core/payments/topup.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { ledgerMismatches } from "../support/ledger.ts";
import { seededRandom } from "../support/random.ts";
import { noPostgres } from "../support/require-services.ts";
import { config, hour, later, start, timeZone } from "../support/trust-clock.ts";

const logins = ["10001", "10002", "10003", "10004", "10005"] as const;
type Login = (typeof logins)[number];

/** A successful_payment as Telegram sends it, for an invoice's payload. */
interface Charge {
  payload: string;
  amount: number;
  currency: string;
  telegramChargeId: string;
  providerChargeId: string;
  telegramUserId: number;
}

describe.skipIf(noPostgres)("ledger under random sequences of money movements", () => {
  const { database, secondInstance } = useDemoDatabase({
    secondInstance: true,
    resetEachTest: true,
  });
  const db = () => database.prisma;

  const instance = (second: boolean) => (second ? secondInstance.prisma : db());

  it.each([1, 2, 3, 4])(
    "keeps balance == sum(ledger) and credits each charge id once (seed %i)",
    async (seed) => {
      const next = seededRandom(seed).next;
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      const ids = new Map<Login, number>();
      for (const login of logins) {
        const { id } = await db().account.findUniqueOrThrow({ where: { login } });
        ids.set(login, id);
      }
      const idOf = (login: Login) => ids.get(login) ?? 0;

      // Little money everywhere, so that trust payments are wanted and debts happen.
      for (const [login, amount] of [
        ["10001", -1220_00],
        ["10004", -2290_00],
      ] as const) {
        await postLedgerEntry(db(), {
          accountId: idOf(login),
          amount,
          kind: "ADJUSTMENT",
          idempotencyKey: `prop:low:${login}`,
        });
      }

      // What the sequence did, as the model the database must agree with.
      const charges = new Map<string, { accountId: number; amount: number; provider: string }>();
      const receipts = new Map<string, { accountId: number; amount: number }>();
      const delivered: Charge[] = [];
      const invoices: { payload: string; amount: number; accountId: number }[] = [];
      const seen = { fresh: 0, redelivered: 0, raced: 0, paidAgain: 0, cashRepeated: 0 };
      let chargeCount = 0;
      const newCharge = (invoice: { payload: string; amount: number }): Charge => {
        chargeCount += 1;
        const id = `${seed}_${chargeCount}_${Math.floor(next() * 1e9).toString(36)}`;
        return {
          payload: invoice.payload,
          amount: invoice.amount,
          currency: "RUB",
          telegramChargeId: `tg_${id}`,
          providerChargeId: `prov_${id}`,
          telegramUserId: 7000 + chargeCount,
        };
      };
      /** Credits a charge the model has not seen: exactly one crediting among `results`. */
      const expectCreditedOnce = (charge: Charge, accountId: number, results: Crediting[]) => {
        const outcomes = results.map((result) => result.outcome).sort();
        expect(outcomes).toEqual(
          ["credited", ...results.slice(1).map(() => "already-credited")].sort(),
        );
        for (const result of results)
          expect(result).toMatchObject({ accountId, amount: charge.amount });
        charges.set(charge.telegramChargeId, {
          accountId,
          amount: charge.amount,
          provider: charge.providerChargeId,
        });
        delivered.push(charge);
      };

      let now = start;
      let today = billingDayAt(now, timeZone);
      for (let step = 0; step < 150; step++) {
        const roll = next();
        if (roll < 0.18) {
          // A new invoice, approved at checkout and paid; the update may reach both instances.
          const login = pick(logins);
          const amount = Math.floor(next() * 1500 + 100) * 100;
          const started = await startTopUp(db(), {
            accountId: idOf(login),
            telegramUserId: 42,
            amount,
          });
          if (login === "10005") {
            expect(started).toEqual({ outcome: "closed" });
          } else {
            if (started.outcome !== "invoice") throw new Error(started.outcome);
            expect(
              await checkCheckout(instance(next() < 0.5), {
                payload: started.payload,
                amount,
                currency: "RUB",
                lifetimeMs: 24 * hour,
              }),
            ).toEqual({ ok: true });
            invoices.push({ payload: started.payload, amount, accountId: idOf(login) });
            const charge = newCharge(started);
            if (next() < 0.3) {
              seen.raced += 1;
              expectCreditedOnce(
                charge,
                idOf(login),
                await Promise.all([
                  creditPayment(db(), charge),
                  creditPayment(secondInstance.prisma, charge),
                ]),
              );
            } else {
              seen.fresh += 1;
              expectCreditedOnce(charge, idOf(login), [
                await creditPayment(instance(next() < 0.5), charge),
              ]);
            }
          }
        } else if (roll < 0.3 && delivered.length > 0) {
          // Telegram delivers an old successful_payment again (possibly several times at once).
          seen.redelivered += 1;
          const charge = pick(delivered);
          const copies = Math.floor(next() * 3) + 1;
          const results = await Promise.all(
            Array.from({ length: copies }, (_, i) => creditPayment(instance(i % 2 === 1), charge)),
          );
          const credited = charges.get(charge.telegramChargeId);
          for (const result of results)
            expect(result).toMatchObject({
              outcome: "already-credited",
              accountId: credited?.accountId,
              amount: charge.amount,
            });
        } else if (roll < 0.38 && invoices.length > 0) {
          // The same invoice paid again: a second real payment, with its own charge id (or two at once).
          const invoice = pick(invoices);
          const again = [newCharge(invoice)];
          if (next() < 0.3) again.push(newCharge(invoice));
          seen.paidAgain += again.length;
          const results = await Promise.all(
            again.map((charge, i) => creditPayment(instance(i === 1), charge)),
          );
          results.forEach((result, i) => {
            const charge = again[i] as Charge;
            expect(result).toMatchObject({ outcome: "credited", accountId: invoice.accountId });
            charges.set(charge.telegramChargeId, {
              accountId: invoice.accountId,
              amount: charge.amount,
              provider: charge.providerChargeId,
            });
            delivered.push(charge);
          });
        } else if (roll < 0.5) {
          // Cash at the office; now and then the same receipt is entered again.
          const repeat = receipts.size > 0 && next() < 0.25;
          const login = pick(logins.filter((login) => login !== "10005"));
          const receipt = repeat ? pick([...receipts.keys()]) : `R-${seed}-${receipts.size + 1}`;
          const earlier = receipts.get(receipt);
          const amount = earlier?.amount ?? Math.floor(next() * 300 + 20) * 100;
          const result = await cashTopup(instance(next() < 0.5), { login, amount, receipt });
          if (earlier) {
            seen.cashRepeated += 1;
            expect(result.outcome).toBe(
              earlier.accountId === idOf(login) ? "already-posted" : "receipt-used",
            );
          } else {
            expect(result).toMatchObject({ outcome: "posted", amount });
            receipts.set(receipt, { accountId: idOf(login), amount });
          }
        } else if (roll < 0.72) {
          // Time passes: every day on the way is charged (on one instance or the other, or both).
          now = later(now, Math.floor(next() * 40 + 1) * hour);
          const current = billingDayAt(now, timeZone);
          while (today < current) {
            today = addDays(today, 1);
            const day = today;
            await Promise.all([
              runDailyCharge(db(), { day }),
              ...(next() < 0.3 ? [runDailyCharge(secondInstance.prisma, { day })] : []),
            ]);
          }
        } else if (roll < 0.88) {
          const login = pick(logins);
          await grantTrust(instance(next() < 0.5), { accountId: idOf(login), now, config });
        } else {
          await Promise.all([
            expireTrusts(db(), { now, timeZone }),
            expireTrusts(secondInstance.prisma, { now, timeZone }),
          ]);
        }
        await expectInvariants();
      }
      // The sequence went through every kind of card delivery.
      expect(seen.fresh + seen.raced).toBeGreaterThan(5);
      expect(seen.redelivered).toBeGreaterThan(3);
      expect(seen.paidAgain).toBeGreaterThan(3);
      expect(await db().trustPayment.count()).toBeGreaterThan(0);

      async function expectInvariants() {
        expect(await ledgerMismatches(db())).toEqual([]);

        const entries = await db().ledgerEntry.findMany({ orderBy: { id: "asc" } });
        const running = new Map<number, number>();
        for (const entry of entries) {
          const balance = (running.get(entry.accountId) ?? 0) + entry.amount;
          running.set(entry.accountId, balance);
          expect(entry.balanceAfter).toBe(balance);
        }

        // Each charge id: one CARD_TOPUP entry with what was paid, one PAID payment with both ids.
        const cards = entries.filter((entry) => entry.kind === "CARD_TOPUP");
        expect(cards).toHaveLength(charges.size);
        const paid = await db().payment.findMany({ where: { status: "PAID" } });
        expect(paid).toHaveLength(charges.size);
        for (const [chargeId, charge] of charges) {
          expect(cards.filter((entry) => entry.idempotencyKey === cardKey(chargeId))).toEqual([
            expect.objectContaining({
              accountId: charge.accountId,
              amount: charge.amount,
              reference: charge.provider,
            }),
          ]);
          expect(paid.filter((payment) => payment.telegramChargeId === chargeId)).toEqual([
            expect.objectContaining({
              accountId: charge.accountId,
              amount: charge.amount,
              providerChargeId: charge.provider,
            }),
          ]);
        }
        const cashEntries = entries.filter((entry) => entry.kind === "CASH_TOPUP");
        expect(cashEntries).toHaveLength(receipts.size);
        for (const [receipt, cash] of receipts) {
          expect(cashEntries.filter((entry) => entry.idempotencyKey === `cash:${receipt}`)).toEqual(
            [expect.objectContaining({ accountId: cash.accountId, amount: cash.amount })],
          );
        }

        const accounts = await db().account.findMany({
          select: {
            login: true,
            status: true,
            balance: true,
            trustPayments: { where: { status: "ACTIVE" }, select: { id: true } },
          },
        });
        for (const account of accounts) {
          // Per account, the card money credited is what the model says was paid.
          const id = idOf(account.login as Login);
          const cardTotal = cards
            .filter((e) => e.accountId === id)
            .reduce((s, e) => s + e.amount, 0);
          const modelTotal = [...charges.values()]
            .filter((c) => c.accountId === id)
            .reduce((s, c) => s + c.amount, 0);
          expect(cardTotal).toBe(modelTotal);
          if (account.status === "BLOCKED") expect(account.balance).toBeLessThan(0);
          if (account.status === "ACTIVE" && account.balance < 0)
            expect(account.trustPayments).toHaveLength(1);
          if (account.login === "10005") expect(account.status).toBe("CLOSED");
        }
      }
    },
    180_000,
  );
});
