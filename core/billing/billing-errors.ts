// What any billing behind the port (core/billing/port.ts) throws when it cannot answer. The
// messages name the failure's kind only: never a URL, a login or a password.

/** The billing is down, timed out or answered something that is not its API. */
export class BillingUnavailableError extends Error {
  override readonly name = "BillingUnavailableError";
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The billing is not answering: ${detail}`, options);
  }
}

/**
 * The billing refused the credential stored for the contract (the password changed there), or
 * none is stored: the subscriber must sign in again.
 */
export class BillingCredentialRejectedError extends Error {
  override readonly name = "BillingCredentialRejectedError";
  constructor(readonly accountId: number) {
    super(`The billing refused the stored credential of account ${accountId}`);
  }
}
