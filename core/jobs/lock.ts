// One runner per job across instances: a Redis lock with an expiry that the holder keeps renewing
// while it works (so a crashed holder frees it soon), released only by its holder. Without Redis
// the process is alone, and an in-memory set keeps a job from overlapping itself.
// A holder that cannot renew (Redis unreachable, or the key expired or taken by another instance)
// no longer knows it is alone: the signal given to its work is aborted, and the work stops
// claiming. Hand-written: standard SET NX PX / compare-and-extend / compare-and-delete.
import { randomUUID } from "node:crypto";
import type { Redis } from "../redis.ts";
import { releaseLease, renewLease, takeLease } from "../redis-lease.ts";

/** The work of a lock holder; `lost` is aborted when the lock can no longer be vouched for. */
export type ExclusiveWork = (lost: AbortSignal) => Promise<void>;

export interface JobLock {
  /** Runs `work` if no one else runs this job now; returns false if someone does. */
  runExclusive(name: string, work: ExclusiveWork): Promise<boolean>;
}

export interface RedisLockTiming {
  /** How long the key lives without a renewal (a crashed holder frees it after this). */
  leaseMs?: number;
  /** How often the holder renews; a third of the lease by default. */
  renewEveryMs?: number;
}

export function redisJobLock(redis: Redis, timing: RedisLockTiming = {}): JobLock {
  const leaseMs = timing.leaseMs ?? 60_000;
  const renewEveryMs = timing.renewEveryMs ?? leaseMs / 3;
  return {
    async runExclusive(name, work) {
      const key = `lock:job:${name}`;
      const token = randomUUID();
      if (!(await takeLease(redis, key, token, leaseMs))) return false;
      const lost = new AbortController();
      const loseLock = (reason: string) => {
        if (!lost.signal.aborted) lost.abort(new Error(`lock ${name} lost: ${reason}`));
      };
      let heldUntil = Date.now() + leaseMs;
      const renewal = setInterval(() => {
        // A renewal that hangs past the lease is as good as a failed one.
        if (Date.now() >= heldUntil) return loseLock("the lease ran out unrenewed");
        const asked = Date.now();
        renewLease(redis, key, token, leaseMs).then(
          (renewed) => {
            if (renewed) heldUntil = asked + leaseMs;
            else loseLock("the key expired or another instance holds it");
          },
          (error: unknown) => loseLock(`the renewal failed (${String(error)})`),
        );
      }, renewEveryMs);
      try {
        await work(lost.signal);
      } finally {
        clearInterval(renewal);
        await releaseLease(redis, key, token);
      }
      return true;
    },
  };
}

export function localJobLock(): JobLock {
  const running = new Set<string>();
  return {
    async runExclusive(name, work) {
      if (running.has(name)) return false;
      running.add(name);
      try {
        await work(new AbortController().signal);
      } finally {
        running.delete(name);
      }
      return true;
    },
  };
}
