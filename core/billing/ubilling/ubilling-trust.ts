// The creditor's outcomes (docs/ubilling-api.md §2) as the port's trust quote. The reply names no
// amount: the offer estimates it as Ubilling computes it, the tariff's monthly price plus the
// service fee (SC_PRICE), which is what it opens on the default settings (no SC_VSCREDIT or
// SC_DAILY_FIX). The term is not known before granting either: on success Ubilling puts SC_MAXDAY
// where the term should be, so the offer names none and the grant reads both from the profile.
import type { BalanceCard } from "../balance.ts";
import type { CreditLineOffer, TrustRefusal } from "../trust.ts";
import type { GrantableOutcome } from "./xmlagent-client.ts";

type Refused = Exclude<GrantableOutcome, { kind: "ok" }>;

/** What a refusal needs from the contract: the credit it has or the balance (both from the card). */
export const refusalNeedsCard = (outcome: Refused) =>
  outcome.kind === "already-has-credit" || outcome.kind === "balance-fine";

export function trustRefusal(outcome: Refused, card: BalanceCard | null): TrustRefusal {
  switch (outcome.kind) {
    case "disabled":
      return { outcome: "refused", reason: "disabled" };
    case "wrong-day":
      return {
        outcome: "refused",
        reason: "wrong-day",
        minDay: outcome.minDay,
        maxDay: outcome.maxDay,
      };
    case "already-has-credit":
      return {
        outcome: "refused",
        reason: "active",
        amount: card?.trust?.amount ?? null,
        expiresAt: card?.trust?.expiresAt ?? null,
      };
    case "frozen":
      return { outcome: "refused", reason: "frozen" };
    // Ubilling refuses a balance of zero or more: it does not weigh the next charge.
    case "balance-fine":
      return {
        outcome: "refused",
        reason: "balance-fine",
        balance: card?.balance ?? 0,
        nextCharge: null,
      };
    case "debt-too-deep":
      return { outcome: "refused", reason: "debt-too-deep" };
    case "tariff-not-allowed":
      return { outcome: "refused", reason: "tariff-not-allowed" };
    case "used-this-month":
      return { outcome: "refused", reason: "used-this-month" };
    case "previous-not-paid":
      return { outcome: "refused", reason: "previous-not-paid" };
  }
}

export function creditLineOffer(
  priceKopecks: number | null,
  tariffMonthlyFee: number,
): CreditLineOffer {
  const fee = priceKopecks ?? 0;
  return { outcome: "offer", kind: "credit-line", estimatedAmount: tariffMonthlyFee + fee, fee };
}
