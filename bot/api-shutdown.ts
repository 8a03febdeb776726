// Stopping within seconds whatever Telegram does: a send that never gets an answer, auto-retry
// waiting out a long 429, a broadcast in the middle of its sends. At the cut every Bot API call in
// flight is aborted and any later one refused at once, except getUpdates (polling stops its own
// fetch, and confirms the handled offset after the cut). What was cut is told apart by whether
// it may have reached Telegram: the outbox must not send twice what perhaps arrived.
import { setMaxListeners } from "node:events";
import { HttpError, type Transformer } from "grammy";

/** A call the stop ended. `mayHaveArrived`: it was on the wire, Telegram may have done it. */
export class CallCutError extends Error {
  override name = "CallCutError";
  constructor(
    readonly method: string,
    readonly mayHaveArrived: boolean,
    cause?: unknown,
  ) {
    super(`${method} cut by the stop${mayHaveArrived ? " (it may have reached Telegram)" : ""}`, {
      cause,
    });
  }
}

/** Thrown by `refuseIfCut` for a call whose signal was aborted before it went out. */
class NotSentError extends Error {
  override name = "NotSentError";
}

/** How long after the cut a call that has not ended is given up on. */
const givingUpMs = 500;

export class ApiShutdown {
  private readonly cutting = new AbortController();
  /** How each call in flight is given up on. */
  private readonly giveUps = new Set<() => void>();

  constructor() {
    // Every call in flight listens to the cut (grammY's fetch does): often more than Node's 10.
    setMaxListeners(Number.POSITIVE_INFINITY, this.cutting.signal);
    // Auto-retry misses an abort that comes between a 429 and its pause: such a call is given
    // up on shortly after the cut (whatever it does later, refuseIfCut keeps it from going out).
    this.cutting.signal.addEventListener(
      "abort",
      () => {
        setTimeout(() => {
          for (const giveUp of this.giveUps) giveUp();
        }, givingUpMs).unref();
      },
      { once: true },
    );
  }

  /** Aborted at the cut. */
  get signal(): AbortSignal {
    return this.cutting.signal;
  }

  cut(): void {
    this.cutting.abort();
  }

  /** Resolves `ms` after the cut: how long the cut calls are given to unwind. */
  async afterCut(ms: number): Promise<void> {
    const { signal } = this;
    if (!signal.aborted)
      await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
    await new Promise((resolve) => setTimeout(resolve, ms).unref());
  }

  /** The outermost transformer: every call carries the cut's signal. */
  readonly transformer: Transformer = async (prev, method, payload, signal) => {
    if (method === "getUpdates") return prev(method, payload, signal);
    if (this.signal.aborted) throw new CallCutError(method, false);
    // Most calls bring no signal of their own: the cut's is theirs (AbortSignal.any costs more
    // than the rest of this transformer).
    const callSignal = signal ? AbortSignal.any([signal as AbortSignal, this.signal]) : this.signal;
    let giveUp = () => {};
    const givenUp = new Promise<never>((_, reject) => {
      giveUp = () => reject(new CallCutError(method, false));
    });
    this.giveUps.add(giveUp);
    try {
      return await Promise.race([prev(method, payload, callSignal as never), givenUp]);
    } catch (error) {
      if (!this.signal.aborted || error instanceof CallCutError) throw error;
      // Aborted on the wire is an HttpError; in auto-retry's pause or before it went, not sent.
      throw new CallCutError(method, error instanceof HttpError, error);
    } finally {
      this.giveUps.delete(giveUp);
    }
  };
}

/**
 * The innermost transformer: a call that waited (in the throttler's queue) past the cut is not
 * sent at all, rather than failing like one cut on the wire.
 */
export const refuseIfCut: Transformer = (prev, method, payload, signal) => {
  if (signal?.aborted) throw new NotSentError(`${method} not sent: stopping`);
  return prev(method, payload, signal);
};
