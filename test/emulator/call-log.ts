import type { ResponseParameters } from "grammy/types";
import type { ChangeFeed } from "./state/changes.ts";

/** A Bot API response as Telegram sends it. */
export type ApiResponse =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: ResponseParameters };

/** One Bot API call the bot made. */
export interface ApiCall {
  /** The method's documented name, e.g. "sendMessage", whatever case the bot used. */
  readonly method: string;
  /** The parameters, typed as the method read them (forms send everything as strings). */
  readonly params: Readonly<Record<string, unknown>>;
  /** The answer, or null when a fault dropped the connection instead. */
  readonly response: ApiResponse | null;
  /** When the call arrived, in ms since the epoch. */
  readonly time: number;
}

export interface WaitForCallOptions {
  timeoutMs?: number;
}

/**
 * Every call in arrival order. `waitFor` consumes: each call is returned by
 * at most one `waitFor`, so waiting twice for "sendMessage" yields two calls.
 */
export class CallLog {
  readonly calls: ApiCall[] = [];
  private readonly consumed = new WeakSet<ApiCall>();
  private readonly listeners = new Set<(call: ApiCall) => void>();

  constructor(
    private readonly changes: ChangeFeed,
    private readonly defaultTimeoutMs: () => number,
  ) {}

  record(call: ApiCall): void {
    this.calls.push(call);
    for (const listener of this.listeners) listener(call);
    this.changes.notify();
  }

  /** Calls `listener` with every call from now on, as it is logged; returns the unsubscribe. */
  onCall(listener: (call: ApiCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The earliest matching call no earlier `waitFor` returned, waiting for it if needed. */
  async waitFor(
    method: string,
    predicate: (call: ApiCall) => boolean = () => true,
    { timeoutMs = this.defaultTimeoutMs() }: WaitForCallOptions = {},
  ): Promise<ApiCall> {
    const call = await this.changes.until(
      () =>
        this.calls.find(
          (candidate) =>
            candidate.method === method && !this.consumed.has(candidate) && predicate(candidate),
        ),
      {
        timeoutMs,
        describe: () =>
          `waiting for a ${method} call; calls so far: ${
            this.calls.map((c) => c.method).join(", ") || "none"
          }`,
      },
    );
    this.consumed.add(call);
    return call;
  }
}
