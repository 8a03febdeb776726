import { Redis } from "ioredis";
import type { Outages } from "./outages.ts";

export type { Redis };

/**
 * Connects to Redis when a URL is configured; without one, callers use in-memory fallbacks.
 * Once connected, a lost connection is retried every second at most, and a command waits for at
 * most two attempts, so that an update during an outage fails fast enough to be apologized for.
 */
export async function connectRedis(
  url: string | undefined,
  outages?: Outages,
): Promise<Redis | undefined> {
  if (!url) return undefined;
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  // Without a listener ioredis prints every failed reconnection to stderr.
  redis.on("error", (error: unknown) => outages?.markDown("redis", error));
  redis.on("ready", () => outages?.markUp("redis"));
  await redis.connect();
  return redis;
}
