// One runner per job across instances, on a real Redis.
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localJobLock, redisJobLock } from "../../core/jobs/lock.ts";
import { passedToday } from "../../core/jobs/scheduler.ts";
import { freshRedisUrl } from "../support/redis.ts";
import { noRedis } from "../support/require-services.ts";

describe.skipIf(noRedis)("the job lock", () => {
  let redis: Redis;
  let other: Redis;
  let redisUrl: string;
  beforeAll(async () => {
    const url = await freshRedisUrl();
    redisUrl = url;
    redis = new Redis(url);
    other = new Redis(url);
  });
  afterAll(() => {
    redis.disconnect();
    other.disconnect();
  });

  it("lets one of two instances run a job, then frees it", async () => {
    let runs = 0;
    const work = async () => {
      runs += 1;
      await sleep(200);
    };
    const results = await Promise.all([
      redisJobLock(redis).runExclusive("daily-charge", work),
      redisJobLock(other).runExclusive("daily-charge", work),
    ]);
    expect(results.sort()).toEqual([false, true]);
    expect(runs).toBe(1);
    expect(await redis.exists("lock:job:daily-charge")).toBe(0);
    expect(await redisJobLock(other).runExclusive("daily-charge", work)).toBe(true);
  });

  it("keeps the lock past its lease while the holder works, and frees it when the holder fails", async () => {
    const holding = redisJobLock(redis, { leaseMs: 300 }).runExclusive("long", () => sleep(1000));
    await sleep(700);
    expect(await redisJobLock(other, { leaseMs: 300 }).runExclusive("long", async () => {})).toBe(
      false,
    );
    await holding;
    const failing = redisJobLock(redis, { leaseMs: 300 }).runExclusive("failing", async () => {
      throw new Error("crash");
    });
    await expect(failing).rejects.toThrow("crash");
    expect(
      await redisJobLock(other, { leaseMs: 300 }).runExclusive("failing", async () => {}),
    ).toBe(true);
  });

  it("tells its holder when another instance has taken the lock, and lets that one run", async () => {
    const timing = { leaseMs: 1000, renewEveryMs: 20 };
    let reason: unknown;
    const holding = redisJobLock(redis, timing).runExclusive("taken", async (lost) => {
      await other.set("lock:job:taken", "another instance's token", "PX", 10_000);
      await once(lost, "abort");
      reason = lost.reason;
    });
    expect(await holding).toBe(true);
    expect(String(reason)).toMatch(/lock taken lost: .*another instance/);
    // The holder's release leaves the other instance's lock alone.
    expect(await redis.get("lock:job:taken")).toBe("another instance's token");
    await other.del("lock:job:taken");
    expect(await redisJobLock(other, timing).runExclusive("taken", async () => {})).toBe(true);
  });

  it("tells its holder when the lock has vanished (expired or deleted)", async () => {
    const holding = redisJobLock(redis, { leaseMs: 1000, renewEveryMs: 20 }).runExclusive(
      "vanished",
      async (lost) => {
        await other.del("lock:job:vanished");
        await once(lost, "abort");
      },
    );
    expect(await holding).toBe(true);
  });

  it("tells its holder when a renewal fails", async () => {
    const failing = new Redis(redisUrl, { lazyConnect: true });
    const holding = redisJobLock(failing, { leaseMs: 1000, renewEveryMs: 20 });
    await failing.connect();
    let reason: unknown;
    await holding.runExclusive("unrenewed", async (lost) => {
      failing.disconnect(); // no reconnection: every command from now on fails
      await once(lost, "abort");
      reason = lost.reason;
      await failing.connect();
    });
    expect(String(reason)).toMatch(/renewal failed/);
    failing.disconnect();
  });
});

describe("without Redis", () => {
  it("keeps a job from overlapping itself in the process", async () => {
    const lock = localJobLock();
    const first = lock.runExclusive("job", () => sleep(100));
    expect(await lock.runExclusive("job", async () => {})).toBe(false);
    expect(await first).toBe(true);
    expect(await lock.runExclusive("job", async () => {})).toBe(true);
  });
});

describe("catching up on start", () => {
  it("knows whether today's run time has passed in the provider's time zone", () => {
    const at = (iso: string) => new Date(iso);
    expect(passedToday("5 0 * * *", "Europe/Moscow", at("2026-11-24T21:04:00Z"))).toBe(false);
    expect(passedToday("5 0 * * *", "Europe/Moscow", at("2026-11-24T21:05:00Z"))).toBe(true);
    expect(passedToday("0 10 * * *", "Europe/Moscow", at("2026-11-25T06:59:00Z"))).toBe(false);
    expect(passedToday("*/10 * * * *", "Europe/Moscow")).toBe(false);
  });
});
