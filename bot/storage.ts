// Where sessions and conversation state live: Redis when configured, memory otherwise. Most users
// have nothing to keep (a session is `{}` until they pick a language or wait for a new password),
// and grammY writes a session back after every update that touched it, so: an unchanged value is
// not written back, an empty one is not kept at all (its key is deleted), and what is kept expires
// 30 days after its user was last seen (every read renews it, in the same command: GETEX).
import { MemorySessionStorage, type StorageAdapter } from "grammy";
import type { Redis } from "../core/redis.ts";

export const keptForSeconds = 30 * 24 * 60 * 60;

const emptyJson = "{}";

/**
 * `absent` is what a key with nothing stored reads as (a session's initial value): given here, not
 * as grammY's `initial`, so that a session left as it started is known to be unchanged.
 */
export function createStorage<T>(
  redis: Redis | undefined,
  prefix: string,
  absent?: () => T,
): StorageAdapter<T> {
  const store = redis ? redisStorage<T>(redis) : new MemorySessionStorage<T>(keptForSeconds * 1000);
  // What each value looked like when read, by the object grammY is handed and writes back.
  const asRead = new WeakMap<object, string>();
  const remember = (value: T) => {
    if (typeof value === "object" && value !== null) asRead.set(value, JSON.stringify(value));
    return value;
  };
  return {
    async read(key) {
      const stored = await store.read(`${prefix}${key}`);
      if (stored !== undefined) return remember(stored);
      return absent ? remember(absent()) : undefined;
    },
    async write(key, value) {
      const json = JSON.stringify(value);
      if (typeof value === "object" && value !== null && asRead.get(value) === json) return;
      if (json === emptyJson) await store.delete(`${prefix}${key}`);
      else await store.write(`${prefix}${key}`, value);
      remember(value);
    },
    delete: (key) => store.delete(`${prefix}${key}`),
  };
}

function redisStorage<T>(redis: Redis): StorageAdapter<T> {
  return {
    async read(key) {
      const json = await redis.getex(key, "EX", keptForSeconds);
      return json === null ? undefined : (JSON.parse(json) as T);
    },
    async write(key, value) {
      await redis.set(key, JSON.stringify(value), "EX", keptForSeconds);
    },
    async delete(key) {
      await redis.del(key);
    },
  };
}
