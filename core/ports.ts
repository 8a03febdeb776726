// What core needs from outside and cannot do itself. The bot supplies these (bot/app.ts); core
// hands them data, never text: the Telegram layer words it in each recipient's language.
import type { Recipient } from "./accounts/telegram-users.ts";

/** Something the provider tells a subscriber on its own, as data. */
export type Notice =
  | {
      kind: "trust-expiring";
      login: string;
      /** The trust payment that is taken back at `expiresAt`, in kopecks. */
      amount: number;
      expiresAt: Date;
      /** The balance now, and what it will be once the trust payment is taken back. */
      balance: number;
      balanceAfterRepay: number;
    }
  | {
      /** To the staff chat: connection requests still NEW a day after they came in, oldest first. */
      kind: "requests-digest";
      requests: { id: number; name: string; phone: string; createdAt: Date }[];
    };

/**
 * The support desk's upkeep, which acts in the agents' Telegram group (forum topics), so the bot
 * supplies it; jobs only say when.
 */
export interface SupportDesk {
  /** One alert in the General topic for tickets waiting 15 working minutes for an agent. */
  alertUnanswered(now: Date): Promise<{ alerted: number }>;
  /** Closes tickets idle for 48 hours, telling the subscriber and asking for a rating. */
  closeIdleTickets(now: Date): Promise<{ closed: number }>;
}

export interface Notifier {
  /**
   * Sends the notice to one Telegram user. Resolves true when Telegram took the message, false when
   * it did not (the user blocked the bot, a network failure); never rejects.
   */
  send(recipient: Recipient, notice: Notice): Promise<boolean>;
}
