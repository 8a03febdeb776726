// A refund the operator records for a card payment (the money itself goes back through the
// payment provider's dashboard: the bot cannot move it). Once per payment, never more than was
// paid; on the built-in billing a ledger entry takes it off the balance in the same transaction,
// and the contract's users are told through the outbox.
import { z } from "zod";
import { liveLink } from "../accounts/links.ts";
import { billingDayAt } from "../billing/calendar.ts";
import { postInTransaction } from "../billing/ledger.ts";
import type { Db } from "../db.ts";
import { noticeKinds } from "../notify/notice-payload.ts";
import { enqueueNotifications } from "../notify/outbox.ts";

export const refundInput = z.object({
  chargeId: z.string().trim().min(1, { error: "Telegram's charge id of the payment" }).max(256),
  reason: z.string().trim().min(3, { error: "a reason of 3 characters or more" }).max(500),
  /** Kopecks; the whole payment when absent. */
  amount: z.number().int().positive().optional(),
});

export type RefundInput = z.output<typeof refundInput>;

export type RefundResult =
  | {
      outcome: "recorded";
      paymentId: number;
      login: string;
      amount: number;
      /** The balance after it, when the ledger is here; null on an external billing. */
      balance: number | null;
    }
  | { outcome: "unknown-charge" }
  | { outcome: "not-paid"; status: string }
  | { outcome: "already-refunded"; at: Date; amount: number }
  | { outcome: "more-than-paid"; paid: number };

export const refundKey = (chargeId: string) => `refund:${chargeId}`;

export async function recordRefund(
  db: Db,
  input: RefundInput & { ledgerHere: boolean; timeZone: string; now?: Date },
): Promise<RefundResult> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    // The payment's row lock: a second refund of it waits, then sees the first.
    const [locked] = await tx.$queryRaw<{ id: number }[]>`
      SELECT id FROM "Payment" WHERE "telegramChargeId" = ${input.chargeId} FOR UPDATE`;
    if (!locked) return { outcome: "unknown-charge" as const };
    const payment = await tx.payment.findUniqueOrThrow({
      where: { id: locked.id },
      select: {
        id: true,
        accountId: true,
        amount: true,
        status: true,
        refundedAt: true,
        refundAmount: true,
        account: { select: { login: true } },
      },
    });
    if (payment.status !== "PAID") return { outcome: "not-paid" as const, status: payment.status };
    if (payment.refundedAt)
      return {
        outcome: "already-refunded" as const,
        at: payment.refundedAt,
        amount: payment.refundAmount ?? payment.amount,
      };
    const amount = input.amount ?? payment.amount;
    if (amount > payment.amount)
      return { outcome: "more-than-paid" as const, paid: payment.amount };

    await tx.payment.update({
      where: { id: payment.id },
      data: { refundedAt: now, refundAmount: amount, refundReason: input.reason },
    });
    const posted = input.ledgerHere
      ? await postInTransaction(tx, {
          accountId: payment.accountId,
          amount: -amount,
          kind: "CARD_REFUND",
          idempotencyKey: refundKey(input.chargeId),
          reference: input.reason.slice(0, 200),
        })
      : null;
    const login = payment.account.login;
    const links = await tx.accountLink.findMany({
      where: { accountId: payment.accountId, ...liveLink, telegramUser: { reachable: true } },
      select: { telegramUserId: true },
    });
    await enqueueNotifications(
      tx,
      links.map(({ telegramUserId }) => ({
        key: `${noticeKinds.cardRefund}:${input.chargeId}:${telegramUserId}`,
        kind: noticeKinds.cardRefund,
        telegramUserId,
        accountId: payment.accountId,
        day: billingDayAt(now, input.timeZone),
        payload: {
          accountId: payment.accountId,
          login,
          amount,
          balance: posted?.balanceAfter ?? null,
        },
      })),
    );
    return {
      outcome: "recorded" as const,
      paymentId: payment.id,
      login,
      amount,
      balance: posted?.balanceAfter ?? null,
    };
  });
}
