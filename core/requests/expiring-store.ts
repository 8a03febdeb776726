// Small JSON values that expire: in Redis when configured (shared by instances, kept across
// restarts), in this process's memory otherwise.
import type { Redis } from "../redis.ts";

export interface ExpiringStore<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export function expiringStore<T>(redis: Redis | undefined, prefix: string): ExpiringStore<T> {
  return redis ? redisStore(redis, prefix) : memoryStore();
}

function redisStore<T>(redis: Redis, prefix: string): ExpiringStore<T> {
  return {
    async get(key) {
      const text = await redis.get(`${prefix}${key}`);
      return text === null ? undefined : (JSON.parse(text) as T);
    },
    async set(key, value, ttlSeconds) {
      await redis.set(`${prefix}${key}`, JSON.stringify(value), "EX", ttlSeconds);
    },
    async delete(key) {
      await redis.del(`${prefix}${key}`);
    },
  };
}

function memoryStore<T>(now = Date.now): ExpiringStore<T> {
  const entries = new Map<string, { text: string; expiresAt: number }>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return JSON.parse(entry.text) as T;
    },
    async set(key, value, ttlSeconds) {
      entries.set(key, { text: JSON.stringify(value), expiresAt: now() + ttlSeconds * 1000 });
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}
