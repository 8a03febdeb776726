// One GET to Ubilling with a timeout. Network errors, timeouts and 5xx answers become
// "unavailable" with a detail free of the URL: the query carries credentials or the API key.
import { failure, type UbillingResult } from "./result.ts";

export interface HttpOptions {
  timeoutMs: number;
  fetch?: typeof fetch;
}

export interface HttpAnswer {
  status: number;
  text: string;
}

/** `${root}/index.php?<query>`; a trailing slash on the root is dropped. */
export function endpoint(root: string, query: Record<string, string>): string {
  return `${root.replace(/\/+$/, "")}/index.php?${new URLSearchParams(query)}`;
}

export async function httpGet(
  url: string,
  options: HttpOptions,
): Promise<UbillingResult<HttpAnswer>> {
  const doFetch = options.fetch ?? fetch;
  try {
    const response = await doFetch(url, {
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: { accept: "application/json, text/xml, text/plain" },
    });
    const text = await response.text();
    if (response.status >= 500) return failure("unavailable", `HTTP ${response.status}`);
    return { ok: true, value: { status: response.status, text } };
  } catch (error) {
    return failure("unavailable", describeFailure(error));
  }
}

/** The kind of failure only: fetch errors may quote the URL in their message or cause. */
function describeFailure(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return "timed out";
  }
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === "string" && /^[A-Z0-9_]+$/.test(cause.code) ? cause.code : "";
  return code === "" ? "network error" : `network error ${code}`;
}
