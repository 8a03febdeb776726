// Where the adapter gets a contract's Ubilling login and password md5, and how it reports that
// Ubilling refused them (so the link can be suspended until the subscriber signs in again).
import { BillingCredentialRejectedError, BillingUnavailableError } from "../billing-errors.ts";
import type { UbillingResult } from "./result.ts";
import type { UbillingCredentials } from "./xmlagent-client.ts";

export interface CredentialSource {
  find(accountId: number): Promise<UbillingCredentials | null>;
  rejected(accountId: number): Promise<void>;
}

/** Calls made as one contract's subscriber, each result unwrapped or turned into a billing error. */
export type SubscriberCalls = (<T>(
  call: (credentials: UbillingCredentials) => Promise<UbillingResult<T>>,
) => Promise<T>) & {
  /** The contract's Ubilling login the calls are made as. */
  login: string;
};

/**
 * The contract's credential, read once; a refusal calls `rejected` before it throws. No stored
 * credential is the same as a refused one: the subscriber signs in again either way.
 */
export async function asSubscriber(
  source: CredentialSource,
  accountId: number,
): Promise<SubscriberCalls> {
  const credentials = await source.find(accountId);
  if (credentials === null) throw new BillingCredentialRejectedError(accountId);
  const calls = async <T>(
    call: (credentials: UbillingCredentials) => Promise<UbillingResult<T>>,
  ): Promise<T> => {
    const result = await call(credentials);
    if (result.ok) return result.value;
    if (result.error === "wrong-credentials") {
      await source.rejected(accountId);
      throw new BillingCredentialRejectedError(accountId);
    }
    throw new BillingUnavailableError(`${result.error} (${result.detail})`);
  };
  return Object.assign(calls, { login: credentials.login });
}
