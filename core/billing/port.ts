// The billing the bot runs on, as the bot needs it: the built-in one on this database
// (builtin-billing.ts) or, through an adapter, the provider's own. What a subscriber or an agent
// sees of a contract's money comes from here, never from billing tables.
import type { BalanceCard } from "./balance.ts";
import type { BillingDay } from "./calendar.ts";
import type { HistoryPage, Period } from "./history.ts";
import type { GrantResult, TrustQuote } from "./trust.ts";

export interface HistoryQuery {
  accountId: number;
  period: Period;
  page: number;
  today: BillingDay;
  timeZone: string;
}

export interface Billing {
  /** The contract today: balance, tariffs, today's charge, how long the money lasts, its credit. */
  contractSummary(accountId: number, today: BillingDay): Promise<BalanceCard>;
  /** Payments and charges of a period, a page at a time. */
  paymentHistory(query: HistoryQuery): Promise<HistoryPage>;
  /** Whether the contract may take a trust payment now: the offer, or why not. */
  quoteTrust(input: { accountId: number; now: Date }): Promise<TrustQuote>;
  /**
   * Takes the trust payment if it is still allowed, at most once however often it is asked; with
   * `expectedAmount` (what the subscriber confirmed), a different amount due grants nothing.
   */
  grantTrust(input: {
    accountId: number;
    now: Date;
    expectedAmount?: number;
  }): Promise<GrantResult>;
}
