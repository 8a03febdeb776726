// The trust payment (доверительный платёж): money on credit for a few days when the balance does not
// cover the next charge (DESIGN §4). Its amount is the internet tariff's monthly fee, at least the
// debt; it lasts `trust.days`; a contract takes at most `trust.perPeriod` of them in any
// `trust.cooldownDays`, none while one is active, none when it is closed, and only when its balance
// is below the next day's charge. A refusal names its reason.
//
// Granting is one transaction: the account row is locked, every rule is checked again, the
// TrustPayment is inserted ACTIVE and the TRUST_CREDIT entry posted (which unblocks a BLOCKED
// contract it brings to zero or above). The entry's key names the contract's previous trust payment,
// so two grants that saw the same state (two taps, two instances) cannot both post: the second waits
// for the lock and finds the first one active, and the key stops it if it ever got that far.
// trust-expiry.ts takes the money back at the end; trust-reminder.ts warns a day before.
import type { Config } from "../config.ts";
import type { Db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { AccountStatus } from "../generated/prisma/enums.ts";
import { addDays, billingDayAt, dailyFee } from "./calendar.ts";
import { isUniqueViolation, postInTransaction } from "./ledger.ts";

export type TrustSettings = Pick<Config, "trust" | "timeZone">;

const dayMs = 24 * 60 * 60 * 1000;

export interface TrustOffer {
  outcome: "offer";
  /** Absent on this database's own trust payment; see CreditLineOffer. */
  kind?: "ledger";
  amount: number;
  days: number;
  expiresAt: Date;
  /** Trust payments the contract may still take in the period, this one included. */
  remaining: number;
  perPeriod: number;
  periodDays: number;
  balance: number;
  /** The balance once this one is credited. */
  balanceAfter: number;
}

/**
 * The billing's own trust payment where it is a credit line, as Ubilling's self-credit is: the
 * billing opens it under its own rules and names the amount and the term only once granted, so
 * the offer says "about" and the confirmed amount is checked against the same estimate again.
 */
export interface CreditLineOffer {
  outcome: "offer";
  kind: "credit-line";
  /** What the billing is expected to open: its rules' amount (the tariff's fee plus the fee below). */
  estimatedAmount: number;
  /** Charged from the balance at once when granted. */
  fee: number;
}

export type TrustRefusal =
  | { outcome: "refused"; reason: "closed" }
  /** `amount`/`expiresAt` are null when the billing shows a credit without them. */
  | { outcome: "refused"; reason: "active"; amount: number | null; expiresAt: Date | null }
  /** `nextCharge` is null when the billing only says the balance needs no trust payment. */
  | { outcome: "refused"; reason: "balance-fine"; balance: number; nextCharge: number | null }
  | {
      outcome: "refused";
      reason: "too-soon";
      availableFrom: Date;
      perPeriod: number;
      periodDays: number;
    }
  /** The billing offers no trust payments at all. */
  | { outcome: "refused"; reason: "disabled" }
  /** Only between these days of the month (null when the billing does not say). */
  | { outcome: "refused"; reason: "wrong-day"; minDay: number | null; maxDay: number | null }
  | { outcome: "refused"; reason: "frozen" }
  /** The debt is larger than what a trust payment would cover. */
  | { outcome: "refused"; reason: "debt-too-deep" }
  | { outcome: "refused"; reason: "tariff-not-allowed" }
  | { outcome: "refused"; reason: "used-this-month" }
  /** No payment since the previous trust payment. */
  | { outcome: "refused"; reason: "previous-not-paid" };

export type TrustRefusalReason = TrustRefusal["reason"];

export type TrustQuote = TrustOffer | CreditLineOffer | TrustRefusal;

/** What this database's own rules answer. */
export type LedgerTrustQuote = TrustOffer | TrustRefusal;

export type GrantResult =
  | {
      outcome: "granted";
      /** null when the billing keeps no id the bot can see. */
      trustId: number | null;
      amount: number;
      expiresAt: Date;
      balance: number;
      status: AccountStatus;
      /** The contract was BLOCKED and the credit brought it back. */
      unblocked: boolean;
      /** Trust payments still available in the period after this one; null when not known. */
      remaining: number | null;
    }
  | TrustRefusal
  /** The amount the subscriber confirmed is no longer the amount due (the balance moved). */
  | { outcome: "changed"; offer: TrustOffer | CreditLineOffer };

/** What the rules look at, as one contract's state at one moment. */
export interface TrustFacts {
  status: AccountStatus;
  balance: number;
  internetFee: number;
  /** Internet and IPTV together: what the daily charge takes a month. */
  monthlyFee: number;
  active: { amount: number; expiresAt: Date } | null;
  /** When the trust payments of the last `cooldownDays` were granted, oldest first. */
  recentGrants: Date[];
  /** The contract's latest trust payment of all time, or null before its first. */
  lastTrustId: number | null;
}

/** The rules of DESIGN §4 on one contract's state: an offer, or the first reason to refuse. */
export function decideTrust(
  facts: TrustFacts,
  settings: TrustSettings,
  now: Date,
): LedgerTrustQuote {
  const { days, cooldownDays, perPeriod } = settings.trust;
  if (facts.status === "CLOSED") return { outcome: "refused", reason: "closed" };
  if (facts.active) return { outcome: "refused", reason: "active", ...facts.active };

  const tomorrow = addDays(billingDayAt(now, settings.timeZone), 1);
  const nextCharge = dailyFee(facts.monthlyFee, tomorrow);
  if (facts.balance >= nextCharge) {
    return { outcome: "refused", reason: "balance-fine", balance: facts.balance, nextCharge };
  }

  const taken = facts.recentGrants.length;
  const oldestCounted = facts.recentGrants[taken - perPeriod];
  if (taken >= perPeriod && oldestCounted) {
    return {
      outcome: "refused",
      reason: "too-soon",
      availableFrom: new Date(oldestCounted.getTime() + cooldownDays * dayMs),
      perPeriod,
      periodDays: cooldownDays,
    };
  }

  // A contract without an internet tariff (IPTV only) gets what it pays a month.
  const fee = facts.internetFee > 0 ? facts.internetFee : facts.monthlyFee;
  const amount = Math.max(fee, -facts.balance);
  return {
    outcome: "offer",
    amount,
    days,
    expiresAt: new Date(now.getTime() + days * dayMs),
    remaining: perPeriod - taken,
    perPeriod,
    periodDays: cooldownDays,
    balance: facts.balance,
    balanceAfter: facts.balance + amount,
  };
}

type Reader = Prisma.TransactionClient;

async function loadFacts(
  client: Reader,
  accountId: number,
  now: Date,
  settings: TrustSettings,
): Promise<TrustFacts> {
  const since = new Date(now.getTime() - settings.trust.cooldownDays * dayMs);
  const account = await client.account.findUniqueOrThrow({
    where: { id: accountId },
    select: {
      status: true,
      balance: true,
      internetTariff: { select: { monthlyFee: true } },
      iptvTariff: { select: { monthlyFee: true } },
      trustPayments: {
        where: { OR: [{ status: "ACTIVE" }, { grantedAt: { gt: since } }] },
        orderBy: [{ grantedAt: "asc" }, { id: "asc" }],
        select: { amount: true, grantedAt: true, expiresAt: true, status: true },
      },
    },
  });
  const last = await client.trustPayment.findFirst({
    where: { accountId },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  const internetFee = account.internetTariff?.monthlyFee ?? 0;
  const active = account.trustPayments.find((trust) => trust.status === "ACTIVE");
  return {
    status: account.status,
    balance: account.balance,
    internetFee,
    monthlyFee: internetFee + (account.iptvTariff?.monthlyFee ?? 0),
    active: active ? { amount: active.amount, expiresAt: active.expiresAt } : null,
    recentGrants: account.trustPayments
      .filter((trust) => trust.grantedAt > since)
      .map((trust) => trust.grantedAt),
    lastTrustId: last?.id ?? null,
  };
}

/** The TRUST_CREDIT's key: the trust payment that follows the contract's previous one. */
export const trustGrantKey = (accountId: number, previousTrustId: number | null) =>
  `trust:${accountId}:after:${previousTrustId ?? 0}`;

/** What the subscriber would get if they asked now, or why they would not. */
export async function quoteTrust(
  db: Db,
  input: { accountId: number; now: Date; config: TrustSettings },
): Promise<LedgerTrustQuote> {
  const facts = await loadFacts(db, input.accountId, input.now, input.config);
  return decideTrust(facts, input.config, input.now);
}

/**
 * Grants the trust payment if every rule still allows it, at most once however often or
 * concurrently it is asked. With `expectedAmount` (what the subscriber confirmed), a different
 * amount due grants nothing and returns the new offer.
 */
export async function grantTrust(
  db: Db,
  input: { accountId: number; now: Date; config: TrustSettings; expectedAmount?: number },
): Promise<GrantResult> {
  const { accountId, now, config } = input;
  try {
    return await db.$transaction(async (tx): Promise<GrantResult> => {
      // The lock every balance change of the contract takes; later reads see what a holder committed.
      await tx.$queryRaw`SELECT id FROM "Account" WHERE id = ${accountId} FOR UPDATE`;
      const facts = await loadFacts(tx, accountId, now, config);
      const quote = decideTrust(facts, config, now);
      if (quote.outcome !== "offer") return quote;
      if (input.expectedAmount !== undefined && input.expectedAmount !== quote.amount) {
        return { outcome: "changed", offer: quote };
      }
      const trust = await tx.trustPayment.create({
        data: { accountId, amount: quote.amount, grantedAt: now, expiresAt: quote.expiresAt },
        select: { id: true },
      });
      const posted = await postInTransaction(tx, {
        accountId,
        amount: quote.amount,
        kind: "TRUST_CREDIT",
        idempotencyKey: trustGrantKey(accountId, facts.lastTrustId),
        reference: `trust:${trust.id}`,
      });
      return {
        outcome: "granted",
        trustId: trust.id,
        amount: quote.amount,
        expiresAt: quote.expiresAt,
        balance: posted.balanceAfter,
        status: posted.unblocked ? "ACTIVE" : facts.status,
        unblocked: posted.unblocked,
        remaining: quote.remaining - 1,
      };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Someone granted the very same trust payment first: say why there is none for this request.
    const quote = await quoteTrust(db, { accountId, now, config });
    if (quote.outcome === "refused") return quote;
    throw error;
  }
}
