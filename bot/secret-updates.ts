// The updates whose message was a secret (a password, a mailed code) that the bot deleted from the
// chat: the inbox keeps no copy of it either. Their stored JSON is replaced, when they are marked
// handled, by a copy without the text (between storing and handling it is there: the price of
// storing every update before Telegram is told it arrived).
import type { Update } from "grammy/types";

const secrets = new WeakSet<Update>();

export function rememberSecret(update: Update): void {
  secrets.add(update);
}

/** The update to store in place of a secret one, or undefined when it held none. */
export function redactedSecret(update: Update): Update | undefined {
  if (!secrets.has(update) || update.message === undefined) return undefined;
  return { ...update, message: { ...update.message, text: "" } } as Update;
}
