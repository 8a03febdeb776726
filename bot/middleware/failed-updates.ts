// Which updates the error boundary caught, so the inbox can keep a failed payment for a retry
// (and, while stopping, any update whose Telegram calls the stop cut).
import type { Update } from "grammy/types";

const failed = new WeakSet<Update>();

export function rememberFailed(update: Update): void {
  failed.add(update);
}

export function hasFailed(update: Update): boolean {
  return failed.has(update);
}

/** A `successful_payment` whose handler failed: its credit may not be posted yet. */
export function isFailedPayment(update: Update): boolean {
  return failed.has(update) && update.message?.successful_payment !== undefined;
}
