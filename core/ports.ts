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

export interface Notifier {
  /**
   * Sends the notice to one Telegram user. Resolves true when Telegram took the message, false when
   * it did not (the user blocked the bot, a network failure); never rejects.
   */
  send(recipient: Recipient, notice: Notice): Promise<boolean>;
}
