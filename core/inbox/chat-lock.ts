// One chat's updates are handled by one instance at a time: a Redis lease per chat key, waited for
// (a chat is busy for milliseconds), renewed while its holder works, so a crashed holder frees the
// chat after the lease. The holder calls stillHeld() before it takes each next update; once false
// (the lease ran out unrenewed, or another instance holds it now) it takes nothing more.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "../redis.ts";
import { releaseLease, renewLease, takeLease } from "../redis-lease.ts";

export interface HeldChatLock {
  /** Renews the lease if it is still ours; false once it is not (then take nothing more). */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

export interface ChatLock {
  /**
   * Waits until this instance holds the chat; undefined if `signal` aborts first. Throws when
   * Redis does not answer.
   */
  acquire(chatKey: string, signal: AbortSignal): Promise<HeldChatLock | undefined>;
}

export interface ChatLockTiming {
  leaseMs?: number;
  /** Pause between two tries to take a busy chat (a little jitter is added). */
  retryMs?: number;
}

export function redisChatLock(redis: Redis, timing: ChatLockTiming = {}): ChatLock {
  const leaseMs = timing.leaseMs ?? 30_000;
  const retryMs = timing.retryMs ?? 5;
  return {
    async acquire(chatKey, signal) {
      const key = `lock:chat:${chatKey}`;
      const token = randomUUID();
      while (!(await takeLease(redis, key, token, leaseMs))) {
        if (signal.aborted) return undefined;
        await sleep(retryMs + Math.random() * retryMs);
      }
      let held = true;
      let heldUntil = Date.now() + leaseMs;
      const renew = async () => {
        const asked = Date.now();
        // A renewal that comes back after the lease is as good as a failed one.
        held = held && asked < heldUntil && (await renewLease(redis, key, token, leaseMs));
        if (held) heldUntil = asked + leaseMs;
        return held;
      };
      const renewal = setInterval(() => void renew().catch(() => (held = false)), leaseMs / 3);
      renewal.unref();
      return {
        stillHeld: () => renew().catch(() => (held = false)),
        async release() {
          clearInterval(renewal);
          await releaseLease(redis, key, token).catch(() => {});
        },
      };
    },
  };
}
