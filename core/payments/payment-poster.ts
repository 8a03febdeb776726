// Posts the card payments recorded PAID on an external billing (payment-to-post.ts) to it, each
// claimed by one instance at a time and idempotent in the billing by an id derived from
// Telegram's charge id, so however many tries or instances, the billing credits it once. A billing
// that does not answer is tried again with a growing pause, for as long as it takes; an answer
// that is not this payment (another sum, another payment's id) or a refusal stops the tries and
// is an alert to staff, never a success. Once posted, the contract's users get the receipt with
// the balance the billing gives.
import { createHash } from "node:crypto";
import { billingDayAt } from "../billing/calendar.ts";
import { isUniqueViolation } from "../billing/ledger.ts";
import type { Billing, CardPaymentPost, CardPosting } from "../billing/port.ts";
import type { Db } from "../db.ts";
import { tellLinkedUsers } from "./card-payment.ts";

export const postingPolicy = {
  /** How long a claimed payment is left to the instance posting it. */
  claimMs: 2 * 60_000,
  firstPauseMs: 30_000,
  longestPauseMs: 15 * 60_000,
} as const;

/** The pause before try `attempts + 1`: 30 s, 1 min, 2 min… up to 15 min. */
export const pauseAfter = (attempts: number) =>
  Math.min(
    postingPolicy.firstPauseMs * 2 ** Math.max(0, attempts - 1),
    postingPolicy.longestPauseMs,
  );

/** The billing's idempotency key for a card payment: the same charge id, the same key. */
export const cardExternalId = (telegramChargeId: string) =>
  `tg${createHash("sha256").update(telegramChargeId).digest("hex").slice(0, 30)}`;

export interface PostingAlert {
  paymentId: number;
  login: string;
  amount: number;
  outcome: "conflict" | "refused";
  detail: string;
}

export interface PostingReport {
  posted: number;
  /** Not answered this time: tried again later. */
  waiting: number;
  /** Stopped with an alert. */
  failed: number;
}

export interface PostingOptions {
  now?: Date;
  timeZone: string;
  /** Payments looked at in one run. */
  limit?: number;
  alert(alert: PostingAlert): Promise<void>;
}

type Poster = Required<Pick<Billing, "postCardPayment">>;

export async function postDuePayments(
  db: Db,
  billing: Poster,
  options: PostingOptions,
): Promise<PostingReport> {
  const now = options.now ?? new Date();
  const report: PostingReport = { posted: 0, waiting: 0, failed: 0 };
  const due = await db.payment.findMany({
    where: { status: "PAID", postedAt: null, postError: null, nextPostAt: { lte: now } },
    orderBy: { id: "asc" },
    take: options.limit ?? 100,
    select: {
      id: true,
      accountId: true,
      amount: true,
      telegramChargeId: true,
      paidAt: true,
      postAttempts: true,
      account: { select: { login: true } },
    },
  });
  for (const payment of due) {
    const { telegramChargeId, paidAt } = payment;
    if (!telegramChargeId || !paidAt) continue;
    const claimed = await db.payment.updateMany({
      where: { id: payment.id, postedAt: null, postError: null, nextPostAt: { lte: now } },
      data: { nextPostAt: new Date(now.getTime() + postingPolicy.claimMs) },
    });
    if (claimed.count === 0) continue;
    const post: CardPaymentPost = {
      accountId: payment.accountId,
      login: payment.account.login,
      amount: payment.amount,
      externalId: cardExternalId(telegramChargeId),
      paidAt,
    };
    const posting = await billing
      .postCardPayment(post)
      .catch((error: unknown): CardPosting => ({ outcome: "unavailable", detail: String(error) }));
    const attempts = payment.postAttempts + 1;
    const settled = await settle(db, { ...payment, telegramChargeId, attempts }, posting, {
      now,
      timeZone: options.timeZone,
    });
    if (settled.outcome === "posted") report.posted += 1;
    else if (settled.outcome === "unavailable") report.waiting += 1;
    else {
      report.failed += 1;
      await options.alert({
        paymentId: payment.id,
        login: post.login,
        amount: post.amount,
        outcome: settled.outcome,
        detail: settled.detail,
      });
    }
  }
  return report;
}

async function settle(
  db: Db,
  payment: {
    id: number;
    accountId: number;
    amount: number;
    telegramChargeId: string;
    attempts: number;
    account: { login: string };
  },
  posting: CardPosting,
  { now, timeZone }: { now: Date; timeZone: string },
): Promise<CardPosting> {
  const { id, attempts } = payment;
  if (posting.outcome === "unavailable") {
    await db.payment.update({
      where: { id },
      data: { postAttempts: attempts, nextPostAt: new Date(now.getTime() + pauseAfter(attempts)) },
    });
    return posting;
  }
  if (posting.outcome !== "posted") {
    await stop(db, id, attempts, `${posting.outcome}: ${posting.detail}`);
    return posting;
  }
  try {
    await db.$transaction(async (tx) => {
      await tx.payment.update({
        where: { id },
        data: {
          postedAt: now,
          billingReference: posting.reference,
          postAttempts: attempts,
          nextPostAt: null,
        },
      });
      if (posting.balance === null) return;
      await tellLinkedUsers(
        tx,
        {
          accountId: payment.accountId,
          login: payment.account.login,
          amount: payment.amount,
          balanceAfter: posting.balance,
          unblocked: posting.unblocked,
        },
        payment.telegramChargeId,
        billingDayAt(now, timeZone),
      );
    });
    return posting;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The billing's id of another payment: this one is not in the billing as itself.
    const detail = `the billing answered with payment ${posting.reference}, another payment's`;
    await stop(db, id, attempts, `conflict: ${detail}`);
    return { outcome: "conflict", detail };
  }
}

async function stop(db: Db, id: number, attempts: number, postError: string) {
  await db.payment.update({
    where: { id },
    data: { postAttempts: attempts, nextPostAt: null, postError: postError.slice(0, 500) },
  });
}
