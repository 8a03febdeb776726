// The inbox of updates received from Telegram (DESIGN §4 "Durable before confirmed"). Updates are
// stored before Telegram is told they arrived and marked handled when their handler has finished,
// so a crash in between leaves a row the next start handles again. Core sees an update only as
// JSON with an id; what it means is the bot's business.
import type { Db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export interface InboundUpdate {
  update_id: number;
}

export interface ClaimedUpdate<U extends InboundUpdate> {
  update: U;
  /** How many times it has been taken, this time included. */
  attempts: number;
}

/** Handled rows are kept this long, then pruned. */
const inboxRetentionMs = 24 * 60 * 60 * 1000;

/**
 * Stores a batch in one statement; an update already there (a redelivery) is left as it was.
 * Returns the ids stored now: the others are, or were, handled from the inbox already.
 */
export async function storeUpdates(
  db: Db,
  updates: readonly InboundUpdate[],
): Promise<Set<number>> {
  if (updates.length === 0) return new Set();
  const stored = await db.inboundUpdate.createManyAndReturn({
    data: updates.map((update) => ({
      updateId: update.update_id,
      payload: update as unknown as Prisma.InputJsonObject,
    })),
    skipDuplicates: true,
    select: { updateId: true },
  });
  return new Set(stored.map((row) => row.updateId));
}

export async function markHandled(db: Db, updateId: number): Promise<void> {
  await db.inboundUpdate.updateMany({
    where: { updateId, handledAt: null },
    data: { handledAt: new Date() },
  });
}

/**
 * Takes the unhandled updates nobody has taken for `staleAfterMs`, oldest first. Taking is one
 * conditional UPDATE over rows locked with SKIP LOCKED, so two instances never take the same row.
 */
export async function claimUnhandled<U extends InboundUpdate>(
  db: Db,
  staleAfterMs: number,
  limit = 100,
): Promise<ClaimedUpdate<U>[]> {
  const now = new Date();
  const cutoff = new Date(now.getTime() - staleAfterMs);
  const rows = await db.$queryRaw<{ payload: U; attempts: number }[]>`
    UPDATE "InboundUpdate" SET "claimedAt" = ${now}, attempts = attempts + 1
    WHERE "updateId" IN (
      SELECT "updateId" FROM "InboundUpdate"
      WHERE "handledAt" IS NULL AND "claimedAt" <= ${cutoff}
      ORDER BY "updateId" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING payload, attempts`;
  return rows
    .map((row) => ({ update: row.payload, attempts: row.attempts }))
    .sort((a, b) => a.update.update_id - b.update.update_id);
}

/** Deletes handled rows older than the retention; returns how many. */
export async function pruneHandled(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.inboundUpdate.deleteMany({
    where: { handledAt: { lt: new Date(now.getTime() - inboxRetentionMs) } },
  });
  return count;
}
