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
  | { kind: "dropConnection" };

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
