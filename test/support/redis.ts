// A Redis logical database of this test worker's own, emptied before use, so test files that run
// in parallel never see each other's sessions.
import { Redis } from "ioredis";
import { redisUrl } from "./services.ts";

export async function freshRedisUrl(): Promise<string> {
  const index = 1 + (Number(process.env.VITEST_POOL_ID ?? 0) % 15);
  const url = new URL(redisUrl);
  url.pathname = `/${index}`;
  const redis = new Redis(url.toString());
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
  return url.toString();
}
