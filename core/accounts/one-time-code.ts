// Six-digit codes sent by mail: random, stored only as a salted hash, valid 15 minutes, 5 tries.
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

export const codePolicy = { ttlMs: 15 * 60_000, maxAttempts: 5 } as const;

export function newCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

const digest = (salt: string, code: string) =>
  createHash("sha256").update(`${salt}:${code}`).digest("hex");

/** `salt:sha256(salt:code)`. */
export function hashCode(code: string): string {
  const salt = randomBytes(8).toString("hex");
  return `${salt}:${digest(salt, code)}`;
}

export function codeMatches(code: string, stored: string): boolean {
  const [salt, hash] = stored.split(":");
  if (!salt || !hash) return false;
  const given = Buffer.from(digest(salt, code.trim()), "hex");
  const expected = Buffer.from(hash, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type CodeCheck = "correct" | "wrong" | "expired" | "exhausted" | "used";

/** What a try of a code means for its record, before the try is counted. */
export function judgeCode(
  record: { codeHash: string | null; expiresAt: Date; attempts: number; usedAt: Date | null },
  code: string,
  now: Date,
): CodeCheck {
  if (record.usedAt) return "used";
  if (record.expiresAt <= now) return "expired";
  if (record.attempts >= codePolicy.maxAttempts) return "exhausted";
  return record.codeHash && codeMatches(code, record.codeHash) ? "correct" : "wrong";
}
