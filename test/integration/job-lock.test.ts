// One runner per job across instances, on a real Redis.
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
  beforeAll(async () => {
    const url = await freshRedisUrl();
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
    const holding = redisJobLock(redis, 300).runExclusive("long", () => sleep(1000));
    await sleep(700);
    expect(await redisJobLock(other, 300).runExclusive("long", async () => {})).toBe(false);
    await holding;
    const failing = redisJobLock(redis, 300).runExclusive("failing", async () => {
      throw new Error("crash");
    });
    await expect(failing).rejects.toThrow("crash");
    expect(await redisJobLock(other, 300).runExclusive("failing", async () => {})).toBe(true);
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
