/** Telegram's documented limits for sending messages. */
export interface RateLimits {
  /** Messages per second in one private chat (Telegram: about 1). */
  perChatPerSecond: number;
  /** How many messages a private chat takes in a burst before the per-second rate applies. */
  perChatBurst: number;
  /** Messages per minute in one group (Telegram: 20). */
  perGroupPerMinute: number;
  /** Messages per second overall (Telegram: about 30). */
  globalPerSecond: number;
}

export const TELEGRAM_RATE_LIMITS: RateLimits = {
  perChatPerSecond: 1,
  perChatBurst: 3,
  perGroupPerMinute: 20,
  globalPerSecond: 30,
};

/** Calls that send a message count against the limits; chat actions and edits do not. */
const COUNTED = /^(send(?!chataction)|copymessages?$|forwardmessages?$)/i;

class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /** Milliseconds until a token is available; 0 if one is. */
  waitMs(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs);
    this.updatedAt = now;
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.perMs;
  }

  take(): void {
    this.tokens -= 1;
  }
}

/** Token buckets per chat and overall; answers how long a sender must wait. */
export class RateLimiter {
  private readonly chats = new Map<number | string, TokenBucket>();
  private readonly global: TokenBucket;

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number,
  ) {
    this.global = new TokenBucket(limits.globalPerSecond, limits.globalPerSecond / 1000, now());
  }

  /** Seconds to wait before this call may be made, or undefined when it may go now (and counts). */
  retryAfter(method: string, chatId: unknown): number | undefined {
    if (!COUNTED.test(method)) return undefined;
    const now = this.now();
    const buckets = [this.global];
    if (typeof chatId === "number" || typeof chatId === "string")
      buckets.push(this.chatBucket(chatId, now));
    const waitMs = Math.max(...buckets.map((bucket) => bucket.waitMs(now)));
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    for (const bucket of buckets) bucket.take();
    return undefined;
  }

  private chatBucket(chatId: number | string, now: number): TokenBucket {
    let bucket = this.chats.get(chatId);
    if (bucket === undefined) {
      const isGroup = Number(chatId) < 0 || String(chatId).startsWith("@");
      bucket = isGroup
        ? new TokenBucket(
            this.limits.perGroupPerMinute,
            this.limits.perGroupPerMinute / 60_000,
            now,
          )
        : new TokenBucket(this.limits.perChatBurst, this.limits.perChatPerSecond / 1000, now);
      this.chats.set(chatId, bucket);
    }
    return bucket;
  }
}
