// What core needs from outside and cannot do itself. The bot supplies these (bot/app.ts); core
// hands them data, never text: the Telegram layer words it in each recipient's language.

import type { Recipient } from "./accounts/telegram-users.ts";
import type { RunningOut } from "./billing/port.ts";

/** Something the provider tells a subscriber on its own, as data. */
export type Notice =
  | {
      kind: "trust-expiring";
      accountId: number;
      login: string;
      /** The trust payment that is taken back at `expiresAt`, in kopecks. */
      amount: number;
      expiresAt: Date;
      /** The balance now, and what it will be once the trust payment is taken back. */
      balance: number;
      balanceAfterRepay: number;
    }
  /** The money runs out soon: the service stops on `stopsOn` unless the balance is topped up. */
  | ({ kind: "low-balance" } & RunningOut)
  | {
      /** The contract was blocked today: the balance went below zero. */
      kind: "service-blocked";
      accountId: number;
      login: string;
      balance: number;
    }
  | {
      /** A card payment to the contract by someone not linked to it (a forwarded invoice). */
      kind: "card-payment";
      accountId: number;
      login: string;
      amount: number;
      /** The balance right after the payment. */
      balance: number;
      /** The payment lifted the contract's block. */
      unblocked: boolean;
    }
  | {
      /** The operator recorded a refund of a card payment to the contract. */
      kind: "card-refund";
      accountId: number;
      login: string;
      amount: number;
      /** The balance after it, where the ledger is the bot's; null on an external billing. */
      balance: number | null;
    }
  | {
      /** A mass outage reaches the subscriber's contract: what, since when, until when. */
      kind: "incident-opened";
      incidentId: number;
      text: string;
      since: Date;
      eta: Date;
    }
  | { kind: "incident-eta"; incidentId: number; text: string; eta: Date }
  | { kind: "incident-restored"; incidentId: number; text: string }
  /** An operator's answer to everyone attached to the incident. */
  | { kind: "incident-reply"; incidentId: number; text: string }
  | {
      kind: "announcement";
      text: string;
      /** Telegram's formatting of the text, passed through as it came. */
      entities: unknown[] | null;
    }
  | {
      /**
       * To the agents' chat: a card payment the billing would not take as it is (another sum,
       * another payment's id, an unknown contract); it waits for staff, not posted again.
       */
      kind: "payment-unposted";
      paymentId: number;
      login: string;
      amount: number;
      outcome: "conflict" | "refused";
      detail: string;
    }
  | {
      /** To the staff chat: connection requests still NEW a day after they came in, oldest first. */
      kind: "requests-digest";
      requests: { id: number; name: string; phone: string; createdAt: Date }[];
    };

/** What became of one message to one chat. */
export type DeliveryOutcome =
  | { outcome: "sent" }
  /** The user blocked the bot (403): nothing more goes to them until they write again. */
  | { outcome: "blocked" }
  /** Telegram refused the message for good (a bad request, a chat that is gone). */
  | { outcome: "rejected"; error: string }
  /** It may go later: a network failure, Telegram down, limits past the retries. */
  | { outcome: "failed"; error: string }
  /** Cut by the process stopping while on its way: it may have arrived, so it is not sent again. */
  | { outcome: "unconfirmed"; error: string };

/**
 * The support desk's upkeep, which acts in the agents' Telegram group (forum topics), so the bot
 * supplies it; jobs only say when.
 */
export interface SupportDesk {
  /** One alert in the General topic for tickets waiting 15 working minutes for an agent. */
  alertUnanswered(now: Date): Promise<{ alerted: number }>;
  /** Closes tickets idle for 48 hours, telling the subscriber and asking for a rating. */
  closeIdleTickets(now: Date): Promise<{ closed: number }>;
  /** Posts what subscribers attached to incidents wrote into each incident's topic. */
  postIncidentDigests(): Promise<{ digests: number; messages: number }>;
  /** The closing post and close of the topics of resolved incidents, once each. */
  closeIncidentTopics(): Promise<{ topicsClosed: number }>;
}

export interface Notifier {
  /** Sends the notice to one chat, in the recipient's language; never rejects. */
  send(recipient: Recipient, notice: Notice): Promise<DeliveryOutcome>;
}
