import type { ResponseParameters } from "grammy/types";

/**
 * A Bot API call that failed the way Telegram fails it: the HTTP status equals
 * `error_code`, and `description` is Telegram's text, prefix included.
 */
export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = "BotApiError";
  }
}

export function badRequest(reason: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${reason}`);
}

export function forbidden(reason: string): BotApiError {
  return new BotApiError(403, `Forbidden: ${reason}`);
}

export function notFound(): BotApiError {
  return new BotApiError(404, "Not Found");
}

export function conflict(reason: string): BotApiError {
  return new BotApiError(409, `Conflict: ${reason}`);
}

export function tooManyRequests(retryAfter: number): BotApiError {
  return new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, {
    retry_after: retryAfter,
  });
}

export function internalServerError(status: 500 | 502 = 500): BotApiError {
  return new BotApiError(status, status === 500 ? "Internal Server Error" : "Bad Gateway");
}

/** Throws `error`; lets a missing parameter read as `p.string("x") ?? fail(...)`. */
export function fail(error: BotApiError): never {
  throw error;
}
