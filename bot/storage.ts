// Where sessions and conversation state live: Redis when configured, memory otherwise.
import { RedisAdapter } from "@grammyjs/storage-redis";
import { MemorySessionStorage, type StorageAdapter } from "grammy";
import type { Redis } from "../core/redis.ts";

export function createStorage<T>(redis: Redis | undefined, prefix: string): StorageAdapter<T> {
  if (!redis) return new MemorySessionStorage<T>();
  const adapter = new RedisAdapter<T>({ instance: redis });
  return {
    read: (key) => adapter.read(`${prefix}${key}`),
    write: (key, value) => adapter.write(`${prefix}${key}`, value),
    delete: (key) => adapter.delete(`${prefix}${key}`),
  };
}
