// The billing the bot runs on, as the bot needs it: the built-in one on this database
// (builtin-billing.ts) or, through an adapter, the provider's own. What a subscriber or an agent
// sees of a contract's money comes from here, never from billing tables.
import type { ParsedAddress } from "../addresses/address.ts";
import type { BalanceCard } from "./balance.ts";
import type { BillingDay } from "./calendar.ts";
import type { CardPaymentsOfDay } from "./card-payments-on.ts";
import type {
  FreezeCheck,
  FreezeRequest,
  FreezeResult,
  FreezeStatus,
  UnfreezeResult,
} from "./freeze.ts";
import type { HistoryPage, Period } from "./history.ts";
import type { TariffChanges, TariffsView } from "./tariffs.ts";
import type { GrantResult, TrustQuote } from "./trust.ts";

export interface HistoryQuery {
  accountId: number;
  period: Period;
  page: number;
  today: BillingDay;
  timeZone: string;
}

/** A sign-in try: the login and password typed, and the contract's row as this bot holds it. */
export interface PasswordAttempt {
  login: string;
  password: string;
  /** The local row (locked for the try), or null when the bot has never seen the login. */
  local: (ContractIdentity & { passwordHash: string }) | null;
}

/** Who the billing says the contract is: what the bot keeps of it locally. */
export interface ContractIdentity {
  login: string;
  name: string;
  address: string;
  /**
   * The address read into street, house and flat by the billing's adapter, in the billing's own
   * spelling: null when it gave one the adapter could not read (kept as text only); absent when
   * the billing reads none (the built-in one: its rows are filled by the import and
   * `npm run admin -- addresses`).
   */
  structuredAddress?: ParsedAddress | null;
  /** The id an external billing takes card payments for the contract under. */
  billingPaymentId?: string;
}

export type PasswordVerdict =
  | {
      outcome: "correct";
      contract: ContractIdentity;
      /**
       * What an external billing needs on later calls instead of the password (stored sealed,
       * core/accounts/billing-credentials.ts); none for the built-in billing.
       */
      credential?: string;
    }
  | { outcome: "wrong" }
  /** The billing did not answer: nothing is known, so the try is not counted. */
  | { outcome: "unavailable" };

/** A card payment the bot has recorded PAID, to be posted to the billing. */
export interface CardPaymentPost {
  accountId: number;
  login: string;
  /** Kopecks. */
  amount: number;
  /** The billing's idempotency key for it, derived from Telegram's charge id. */
  externalId: string;
  paidAt: Date;
}

export type CardPosting =
  /**
   * Credited in the billing now or before (the same externalId credits once); the new balance,
   * null when the billing could not be asked for it (no receipt then).
   */
  | { outcome: "posted"; reference: string; balance: number | null; unblocked: boolean }
  /** Not answered, or not yet: posted again later. */
  | { outcome: "unavailable"; detail: string }
  /** The billing answered with something that is not this payment (another sum, another's id). */
  | { outcome: "conflict"; detail: string }
  /** The billing will not take it (unknown contract, payments off): staff must look. */
  | { outcome: "refused"; detail: string };

/** A contract whose subscribers want a reminder when its money lasts `daysAhead` days or fewer. */
export interface ReminderCandidate {
  accountId: number;
  daysAhead: number;
}

/** A contract whose service stops within its days ahead: what its low-balance reminder says. */
export interface RunningOut {
  accountId: number;
  login: string;
  balance: number;
  /** The charge of the day it stops on, in kopecks. */
  dailyCharge: number;
  /** Days of service the balance still pays for, today included. */
  daysLeft: number;
  /** The first day the money does not pay for. */
  stopsOn: BillingDay;
}

/**
 * What a billing can do, so the bot hides or explains the rest. An optional member of Billing
 * (tariffChanges, postCardPayment, the freeze) is a capability too: absent, the bot says where
 * the subscriber can do it instead.
 */
export interface BillingCapabilities {
  /**
   * The contracts' money is counted in this database: the bot's daily charge and trust expiry
   * run (an external billing charges and ends its credits itself).
   */
  ledgerHere: boolean;
  /** Email, phone and password are changed, and passwords recovered, in this database. */
  profileHere: boolean;
  /** A shared phone contact signs in (the billing's phone numbers are known here). */
  contactSignIn: boolean;
  /** The operator's cash top-up from the command line. */
  cashTopup: boolean;
}

export interface Billing {
  capabilities: BillingCapabilities;
  /** Whether the login and password are the contract's, as the billing decides. */
  verifyPassword(attempt: PasswordAttempt): Promise<PasswordVerdict>;
  /**
   * Posts a card payment the bot recorded. Absent on the built-in billing, which credits a
   * payment in the very transaction that records it (core/payments/card-payment.ts).
   */
  postCardPayment?(payment: CardPaymentPost): Promise<CardPosting>;
  /** Keeps what a right password's verdict gave to sign the contract's later calls with. */
  keepCredential?(accountId: number, credential: string): Promise<void>;
  /**
   * Who an external billing says the contract is now, to refresh what the bot keeps of it (the
   * operator's `addresses`); absent where the bot's own row is the contract.
   */
  contractIdentity?(accountId: number): Promise<ContractIdentity>;
  /** The contract today: balance, tariffs, today's charge, how long the money lasts, its credit. */
  contractSummary(accountId: number, today: BillingDay): Promise<BalanceCard>;
  /** Of these contracts (a batch), those whose money runs out within their days ahead. */
  runningOut(candidates: ReminderCandidate[], day: BillingDay): Promise<RunningOut[]>;
  /**
   * The contract's tariffs and those it may switch to; with no contract, the provider's offer
   * (the bot's own catalogue, imported by the operator, whatever the billing).
   */
  viewTariffs(accountId: number | null, today: BillingDay): Promise<TariffsView>;
  /** Tariff and IPTV changes, where the billing lets the bot make them. */
  tariffChanges?: TariffChanges;
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
  /**
   * The voluntary freeze (core/billing/freeze.ts): absent on a billing that offers none, and then
   * the bot offers none either. Whether the contract is frozen today or from a later day, and its
   * days left this year.
   */
  freezeStatus?(accountId: number, today: BillingDay): Promise<FreezeStatus>;
  /** Whether the contract may be frozen as asked: the offer (its fee, the days left), or why not. */
  checkFreeze?(input: FreezeRequest): Promise<FreezeCheck>;
  /**
   * Freezes the contract if it still may be, at most once however often it is asked; with
   * `expectedFee` (what the subscriber confirmed), a different fee orders nothing.
   */
  freeze?(input: FreezeRequest & { expectedFee?: number }): Promise<FreezeResult>;
  /** Ends the freeze today, or calls off one not yet started. */
  unfreeze?(input: { accountId: number; today: BillingDay }): Promise<UnfreezeResult>;
  /**
   * The card payments the billing holds for these contracts on the day (in the provider's time
   * zone), and the contracts it could not be asked about: the operator's reconciliation
   * (core/payments/reconcile.ts). Absent: the billing cannot be compared with the bot.
   */
  cardPaymentsOn?(input: { accountIds: number[]; day: BillingDay }): Promise<CardPaymentsOfDay>;
}
