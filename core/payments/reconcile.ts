// One day's card payments as the bot recorded them PAID against what the billing holds for that
// day (in the provider's time zone): the operator's `reconcile --date`. A payment belongs to the
// day the billing got it: the day it was posted (on the built-in billing, the moment it was paid),
// or, still waiting to be posted, the day it was paid; so one paid before midnight and posted
// after, say after an outage, is compared on the day the billing shows it.
// Paired on the reference the billing keeps it under first (the ledger entry's key on the built-in
// billing, the billing's own id on an external one once posted), then on contract and amount
// where either side has no reference to compare (Ubilling shows none), the nearest in time first.
import type { BillingDay } from "../billing/calendar.ts";
import {
  type BillingCardPayment,
  type CardPaymentsOfDay,
  dayBounds,
} from "../billing/card-payments-on.ts";
import type { Billing } from "../billing/port.ts";
import type { Db } from "../db.ts";
import { cardKey } from "./card-payment.ts";

/** Whether the billing has confirmed the payment: done, waiting for its next try, or stopped. */
export type PostingState = "posted" | "waiting" | "stopped";

export type ReconcileDifference =
  /** Recorded PAID by the bot; the billing holds nothing for it on the day. */
  | {
      kind: "bot-only";
      paymentId: number;
      accountId: number;
      login: string;
      amount: number;
      paidAt: Date;
      posting: PostingState;
      /** Why posting stopped, when it did. */
      postError: string | null;
    }
  /** In the billing on the day; the bot never recorded it (on Ubilling, possibly cash). */
  | {
      kind: "billing-only";
      accountId: number;
      login: string;
      amount: number;
      at: Date;
      reference: string | null;
      /** False: the billing does not say it was paid by card. */
      card: boolean;
    }
  /** The same payment by its reference, for another sum. */
  | {
      kind: "amount-differs";
      paymentId: number;
      accountId: number;
      login: string;
      botAmount: number;
      billingAmount: number;
      reference: string;
    }
  /**
   * The billing did not answer for the contract, or could not be asked (no credential) while the
   * bot has payments of the day for it: those are neither found nor missing.
   */
  | {
      kind: "not-checked";
      accountId: number;
      login: string;
      reason: CardPaymentsOfDay["notChecked"][number]["reason"];
      botPayments: number;
    };

export interface Reconciliation {
  day: BillingDay;
  /** The bot's PAID card payments of the day. */
  bot: number;
  /** The payments the billing holds for the day. */
  billing: number;
  matched: number;
  differences: ReconcileDifference[];
  /** Contracts with no credential to ask with and no payment of the day in the bot: not a difference. */
  notAsked: number;
}

export type ReconcilingBilling = Pick<Billing, "capabilities"> &
  Required<Pick<Billing, "cardPaymentsOn">>;

/** Contracts asked about in one call to the billing. */
const accountsPerCall = 500;

interface BotPayment {
  id: number;
  accountId: number;
  login: string;
  amount: number;
  paidAt: Date;
  /** When the billing got it, as the bot knows: posted, or else paid. */
  at: Date;
  posting: PostingState;
  postError: string | null;
  /** What the billing keeps it under, when the bot knows that. */
  reference: string | null;
}

export async function reconcileDay(
  db: Db,
  billing: ReconcilingBilling,
  input: { day: BillingDay; timeZone: string },
): Promise<Reconciliation> {
  const { day, timeZone } = input;
  const bot = await botPaymentsOn(db, billing, day, timeZone);
  const accounts = await db.account.findMany({
    orderBy: { id: "asc" },
    select: { id: true, login: true },
  });
  const loginOf = new Map(accounts.map((account) => [account.id, account.login]));
  const held: CardPaymentsOfDay = { payments: [], notChecked: [] };
  for (let at = 0; at < accounts.length; at += accountsPerCall) {
    const accountIds = accounts.slice(at, at + accountsPerCall).map((account) => account.id);
    const part = await billing.cardPaymentsOn({ accountIds, day });
    held.payments.push(...part.payments);
    held.notChecked.push(...part.notChecked);
  }

  const differences: ReconcileDifference[] = [];
  let notAsked = 0;
  const unchecked = new Set<number>();
  for (const { accountId, reason } of held.notChecked) {
    unchecked.add(accountId);
    const botPayments = bot.filter((payment) => payment.accountId === accountId).length;
    if (reason === "no-credential" && botPayments === 0) {
      notAsked += 1;
      continue;
    }
    const login = loginOf.get(accountId) ?? String(accountId);
    differences.push({ kind: "not-checked", accountId, login, reason, botPayments });
  }

  const checked = bot.filter((payment) => !unchecked.has(payment.accountId));
  const pairing = pair(
    checked,
    held.payments.filter((payment) => !unchecked.has(payment.accountId)),
  );
  for (const { payment, row } of pairing.differing) {
    differences.push({
      kind: "amount-differs",
      paymentId: payment.id,
      accountId: payment.accountId,
      login: payment.login,
      botAmount: payment.amount,
      billingAmount: row.amount,
      reference: row.reference ?? "",
    });
  }
  for (const payment of pairing.botOnly) {
    differences.push({
      kind: "bot-only",
      paymentId: payment.id,
      accountId: payment.accountId,
      login: payment.login,
      amount: payment.amount,
      paidAt: payment.paidAt,
      posting: payment.posting,
      postError: payment.postError,
    });
  }
  for (const row of pairing.billingOnly) {
    differences.push({
      kind: "billing-only",
      accountId: row.accountId,
      login: loginOf.get(row.accountId) ?? String(row.accountId),
      amount: row.amount,
      at: row.at,
      reference: row.reference,
      card: row.card,
    });
  }
  return {
    day,
    bot: bot.length,
    billing: held.payments.length,
    matched: pairing.matched,
    differences,
    notAsked,
  };
}

async function botPaymentsOn(
  db: Db,
  billing: ReconcilingBilling,
  day: BillingDay,
  timeZone: string,
): Promise<BotPayment[]> {
  const within = dayBounds(day, timeZone);
  const inDay = { gte: within.from, lt: within.until };
  const rows = await db.payment.findMany({
    where: {
      status: "PAID",
      OR: [{ postedAt: inDay }, { postedAt: null, paidAt: inDay }],
    },
    orderBy: { id: "asc" },
    select: {
      id: true,
      accountId: true,
      amount: true,
      paidAt: true,
      postedAt: true,
      postError: true,
      telegramChargeId: true,
      billingReference: true,
      account: { select: { login: true } },
    },
  });
  const { ledgerHere } = billing.capabilities;
  return rows.map((row) => {
    const paidAt = row.paidAt ?? row.postedAt ?? within.from;
    const posting: PostingState = row.postedAt ? "posted" : row.postError ? "stopped" : "waiting";
    // The built-in billing keys the ledger entry on Telegram's charge id (card-payment.ts); an
    // external one gives its own id when it confirms the payment.
    const chargeKey = row.telegramChargeId === null ? null : cardKey(row.telegramChargeId);
    return {
      id: row.id,
      accountId: row.accountId,
      login: row.account.login,
      amount: row.amount,
      paidAt,
      at: row.postedAt ?? paidAt,
      posting,
      postError: row.postError,
      reference: ledgerHere ? chargeKey : row.billingReference,
    };
  });
}

interface Pairing {
  matched: number;
  differing: Array<{ payment: BotPayment; row: BillingCardPayment }>;
  botOnly: BotPayment[];
  billingOnly: BillingCardPayment[];
}

function pair(bot: BotPayment[], held: BillingCardPayment[]): Pairing {
  const left = new Set(held);
  const result: Pairing = { matched: 0, differing: [], botOnly: [], billingOnly: [] };
  const byReference = new Map<string, BillingCardPayment>();
  for (const row of held) if (row.reference !== null) byReference.set(row.reference, row);

  const unpaired: BotPayment[] = [];
  for (const payment of bot) {
    const row = payment.reference === null ? undefined : byReference.get(payment.reference);
    if (row === undefined || !left.has(row)) {
      unpaired.push(payment);
      continue;
    }
    left.delete(row);
    if (row.amount === payment.amount) result.matched += 1;
    else result.differing.push({ payment, row });
  }

  for (const payment of unpaired) {
    const distance = (row: BillingCardPayment) => Math.abs(row.at.getTime() - payment.at.getTime());
    const nearest = [...left]
      .filter(
        (row) =>
          row.accountId === payment.accountId &&
          row.amount === payment.amount &&
          (row.reference === null || payment.reference === null),
      )
      .sort((a, b) => distance(a) - distance(b))[0];
    if (nearest === undefined) {
      result.botOnly.push(payment);
      continue;
    }
    left.delete(nearest);
    result.matched += 1;
  }
  result.billingOnly = held.filter((row) => left.has(row));
  return result;
}
