// How many wrong passwords the provider tolerates, as its web personal account does.
export const loginPolicy = {
  /** Wrong passwords for one login within `failureWindowMs` that lock it. */
  maxFailures: 5,
  failureWindowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  /** Passwords one Telegram user may try in an hour, whatever the logins. */
  maxTriesPerHour: 10,
} as const;

/** What a contract login looks like (the billing's own logins are contract numbers). */
export const loginFormat = /^[A-Za-z0-9._-]{1,32}$/;
