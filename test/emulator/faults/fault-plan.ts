/** Which calls a fault applies to; an absent field matches every call. */
export interface FaultTarget {
  method?: string;
  chatId?: number | string;
  /** How many matching calls fail; Infinity for all of them. Default 1. */
  times?: number;
}

export type Fault =
  | { kind: "rateLimit"; retryAfter: number }
  | { kind: "serverError"; status: 500 | 502 }
  | { kind: "dropConnection" }
  | { kind: "hold"; hold: Hold };

/**
 * Matching calls run as usual, but their responses wait until `release()`: the bot is caught
 * mid-call (its message is already in the chat, it has not heard so yet).
 */
export class Hold {
  private held = 0;
  private released = false;
  private readonly waiting = new Set<() => void>();
  private onReached: (() => void) | undefined;
  /** Resolves once a matching call has run and its response is being held. */
  readonly reached = new Promise<void>((resolve) => {
    this.onReached = resolve;
  });

  /** How many responses have been held so far. */
  get count(): number {
    return this.held;
  }

  /** Sends the held responses; matching calls still to come are not held any more. */
  release(): void {
    this.released = true;
    for (const resume of this.waiting) resume();
    this.waiting.clear();
  }

  /** Used by the dispatcher: resolves when the response may be sent. */
  wait(): Promise<void> {
    if (this.released) return Promise.resolve();
    this.held++;
    this.onReached?.();
    return new Promise((resolve) => this.waiting.add(resolve));
  }
}

interface Rule {
  target: FaultTarget;
  fault: Fault;
  remaining: number;
}

/** Failures scripted by a test, applied to the next matching calls in the order they were added. */
export class FaultPlan {
  private rules: Rule[] = [];

  /** 429 "Too Many Requests: retry after N" with `parameters.retry_after`. */
  rateLimit(options: FaultTarget & { retryAfter: number }): this {
    return this.add(options, { kind: "rateLimit", retryAfter: options.retryAfter });
  }

  /** 500 "Internal Server Error" (or 502 "Bad Gateway"). */
  serverError(options: FaultTarget & { status?: 500 | 502 } = {}): this {
    return this.add(options, { kind: "serverError", status: options.status ?? 500 });
  }

  /** Destroys the socket without an answer, like a network failure. */
  dropConnection(options: FaultTarget = {}): this {
    return this.add(options, { kind: "dropConnection" });
  }

  /** Holds the responses of the matching calls until the returned hold is released. */
  hold(options: FaultTarget = {}): Hold {
    const hold = new Hold();
    this.add(options, { kind: "hold", hold });
    return hold;
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this call, if one is scripted; uses up one of its times. */
  take(method: string, chatId: unknown): Fault | undefined {
    const rule = this.rules.find(
      ({ target }) =>
        (target.method === undefined || target.method.toLowerCase() === method.toLowerCase()) &&
        (target.chatId === undefined || String(target.chatId) === String(chatId)),
    );
    if (rule === undefined) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter((other) => other !== rule);
    return rule.fault;
  }

  private add(target: FaultTarget, fault: Fault): this {
    this.rules.push({ target, fault, remaining: target.times ?? 1 });
    return this;
  }
}
