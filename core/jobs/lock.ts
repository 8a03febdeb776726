// One runner per job across instances: a Redis lock with an expiry that the holder keeps renewing
// while it works (so a crashed holder frees it soon), released only by its holder. Without Redis
// the process is alone, and an in-memory set keeps a job from overlapping itself.
// Hand-written: ~40 lines of standard SET NX PX / compare-and-delete, smaller than a dependency.
import { randomUUID } from "node:crypto";
import type { Redis } from "../redis.ts";

export interface JobLock {
  /** Runs `work` if no one else runs this job now; returns false if someone does. */
  runExclusive(name: string, work: () => Promise<void>): Promise<boolean>;
}

const renewScript = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const releaseScript = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export function redisJobLock(redis: Redis, leaseMs = 60_000): JobLock {
  return {
    async runExclusive(name, work) {
      const key = `lock:job:${name}`;
      const token = randomUUID();
      if ((await redis.set(key, token, "PX", leaseMs, "NX")) !== "OK") return false;
      const renewal = setInterval(() => {
        redis.eval(renewScript, 1, key, token, String(leaseMs)).catch(() => {});
      }, leaseMs / 3);
      try {
        await work();
      } finally {
        clearInterval(renewal);
        await redis.eval(releaseScript, 1, key, token);
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
        await work();
      } finally {
        running.delete(name);
      }
      return true;
    },
  };
}
