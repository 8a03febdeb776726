// The self-credit's status codes (docs/ubilling-api.md §2) as a typed outcome. The reply carries
// no amount: after a grant the caller reads the profile for the credit and its expiry.
import { toKopecks } from "./money.ts";
import type { CreditorReply } from "./xmlagent-schemas.ts";

export type CreditOutcome =
  /** Granted (or, with justcheck, would be). The price is SC_PRICE; on success Ubilling puts
   * SC_MAXDAY in "creditterm", so no term is reported. */
  | { kind: "ok"; priceKopecks: number | null; currency: string | null }
  | { kind: "disabled" }
  | { kind: "wrong-day"; minDay: number | null; maxDay: number | null }
  | { kind: "already-has-credit" }
  | { kind: "frozen" }
  | { kind: "balance-fine" }
  | { kind: "debt-too-deep" }
  | { kind: "tariff-not-allowed" }
  | { kind: "used-this-month" }
  | { kind: "previous-not-paid" }
  /** Status 7 (the web form's "unexpected error"), not reachable through agentcredit. */
  | { kind: "unexpected"; status: number };

const day = (text: string | undefined) => {
  const value = Number(text);
  return text !== undefined && Number.isInteger(value) ? value : null;
};

const SIMPLE: Record<number, CreditOutcome> = {
  1: { kind: "disabled" },
  3: { kind: "already-has-credit" },
  4: { kind: "frozen" },
  5: { kind: "balance-fine" },
  6: { kind: "debt-too-deep" },
  8: { kind: "tariff-not-allowed" },
  9: { kind: "used-this-month" },
  10: { kind: "previous-not-paid" },
};

export function creditOutcome(reply: CreditorReply): CreditOutcome {
  if (reply.status === 0) {
    const price = reply.creditprice === undefined ? null : toKopecks(reply.creditprice);
    return { kind: "ok", priceKopecks: price, currency: reply.currency ?? null };
  }
  if (reply.status === 2) {
    return { kind: "wrong-day", minDay: day(reply.minday), maxDay: day(reply.maxday) };
  }
  return SIMPLE[reply.status] ?? { kind: "unexpected", status: reply.status };
}
