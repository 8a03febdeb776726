// A card payment into Ubilling through OpenPayz (docs/ubilling-api.md §3): the OSMP frontend's
// check and pay under the payment's external id (OpenPayz keeps one transaction per id, so a
// repeat credits nothing more), then RemoteAPI's opprocessing for a billing in highload mode,
// then the balance from the subscriber's profile for the receipt.
import type { CardPaymentPost, CardPosting } from "../port.ts";
import type { OpenPayzClient } from "./openpayz-client.ts";
import type { UbillingError } from "./result.ts";

export interface CardPostingDeps {
  openpayz: OpenPayzClient;
  /** RemoteAPI, to apply the queue at once when the billing runs OpenPayz in highload mode. */
  core: { coreUrl: string; apiKey: string };
  /** The contract's OpenPayz id (Ubilling's payid), kept when its subscriber signed in. */
  paymentIdOf(accountId: number): Promise<string | null>;
  /** The balance once posted, or null when the billing cannot be asked for it now. */
  balanceOf(accountId: number): Promise<{ balance: number; unblocked: boolean } | null>;
}

/**
 * Only a billing that did not answer is tried again; any other failure (an OSMP result code, a
 * reply that is not one, a refused request) will not pass by itself: staff are told.
 */
function failed(step: string, result: { error: UbillingError; detail: string }): CardPosting {
  const detail = `${step}: ${result.detail}`;
  return result.error === "unavailable"
    ? { outcome: "unavailable", detail }
    : { outcome: "refused", detail };
}

export function openPayzCardPosting(deps: CardPostingDeps) {
  return async function postCardPayment(post: CardPaymentPost): Promise<CardPosting> {
    const payid = await deps.paymentIdOf(post.accountId);
    if (!payid) return { outcome: "refused", detail: "the contract has no OpenPayz id" };
    const check = await deps.openpayz.check({ payid, sum: post.amount });
    if (!check.ok) return failed("check", check);
    if (check.value.kind === "not-found")
      return { outcome: "refused", detail: `OpenPayz knows no customer ${payid}` };

    const paid = await deps.openpayz.pay({ txnId: post.externalId, payid, sum: post.amount });
    if (!paid.ok) return failed("pay", paid);
    if (paid.value.kind === "not-found")
      return { outcome: "refused", detail: `OpenPayz knows no customer ${payid}` };
    const { prvTxn, sumKopecks } = paid.value;
    if (sumKopecks !== null && sumKopecks !== post.amount)
      return {
        outcome: "conflict",
        detail: `transaction ${prvTxn} holds ${sumKopecks} kopecks, not ${post.amount}`,
      };

    // Normal mode applied it already (the call then answers "highload disabled"); in highload
    // mode a run already under way, or the provider's own cron, applies it.
    const processed = await deps.openpayz.processPayments(deps.core);
    // Not applied yet (busy, or RemoteAPI refused): a balance now would be the one before it.
    const applied = processed.ok || processed.error === "disabled";
    const after = applied ? await deps.balanceOf(post.accountId) : null;
    return {
      outcome: "posted",
      reference: `OSMP_${prvTxn}`,
      balance: after?.balance ?? null,
      unblocked: after?.unblocked ?? false,
    };
  };
}
