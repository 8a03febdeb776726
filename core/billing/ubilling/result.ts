// What every Ubilling call answers: a value, or one of four failures. `detail` says what went
// wrong for the logs and never holds the URL, its query (credentials, the API key) or a body.

export type UbillingError = "wrong-credentials" | "unavailable" | "disabled" | "unexpected";

export type UbillingResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: UbillingError; detail: string };

export const success = <T>(value: T): UbillingResult<T> => ({ ok: true, value });

export const failure = (
  error: UbillingError,
  detail: string,
): { ok: false; error: UbillingError; detail: string } => ({
  ok: false,
  error,
  detail,
});
