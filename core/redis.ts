import { Redis } from "ioredis";

export type { Redis };

/** Connects to Redis when a URL is configured; without one, callers use in-memory fallbacks. */
export async function connectRedis(url: string | undefined): Promise<Redis | undefined> {
  if (!url) return undefined;
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await redis.connect();
  return redis;
}
