// Compare-and-extend and compare-and-delete of a lease key in Redis: only the holder's token
// renews or frees it. Shared by the job lock and the per-chat lock of the inbox.
import type { Redis } from "./redis.ts";

const renewScript = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const releaseScript = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/** Takes the key for `leaseMs` if nobody holds it; true when taken. */
export async function takeLease(
  redis: Redis,
  key: string,
  token: string,
  leaseMs: number,
): Promise<boolean> {
  return (await redis.set(key, token, "PX", leaseMs, "NX")) === "OK";
}

/** Extends the lease if `token` still holds it; false when it expired or another holds it. */
export async function renewLease(
  redis: Redis,
  key: string,
  token: string,
  leaseMs: number,
): Promise<boolean> {
  return (await redis.eval(renewScript, 1, key, token, String(leaseMs))) === 1;
}

/** Frees the key if `token` holds it. */
export async function releaseLease(redis: Redis, key: string, token: string): Promise<void> {
  await redis.eval(releaseScript, 1, key, token);
}
