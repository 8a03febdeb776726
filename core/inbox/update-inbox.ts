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

export interface StoreOptions {
  /** The chat (or user) key of each update, stored for handling one chat in order. */
  chatKeyOf?: (update: InboundUpdate) => string | undefined;
  /**
   * Whether the storing process is the one handling them (the default). When not, they are stored
   * untaken, for whoever holds their chat to take (claimNextOfChats).
   */
  taken?: boolean;
}

/**
 * Stores a batch in one statement; an update already there (a redelivery) is left as it was.
 * Returns the ids stored now: the others are, or were, handled from the inbox already.
 */
export async function storeUpdates(
  db: Db,
  updates: readonly InboundUpdate[],
  { chatKeyOf, taken = true }: StoreOptions = {},
): Promise<Set<number>> {
  if (updates.length === 0) return new Set();
  const stored = await db.inboundUpdate.createManyAndReturn({
    data: updates.map((update) => ({
      updateId: update.update_id,
      payload: update as unknown as Prisma.InputJsonObject,
      chatKey: chatKeyOf?.(update) ?? null,
      ...(taken ? {} : { attempts: 0 }),
    })),
    skipDuplicates: true,
    select: { updateId: true },
  });
  return new Set(stored.map((row) => row.updateId));
}

/**
 * Takes each chat's oldest update that nobody has taken, or nobody for `staleAfterMs` (its taker
 * died, or left a failed payment for a retry), by chat key; a chat with none is left out. One
 * statement, rows locked with SKIP LOCKED: two takers never get the same row. The keys must
 * differ.
 */
export async function claimNextOfChats<U extends InboundUpdate>(
  db: Db,
  chatKeys: readonly string[],
  staleAfterMs: number,
): Promise<Map<string, ClaimedUpdate<U>>> {
  if (chatKeys.length === 0) return new Map();
  const now = new Date();
  const cutoff = new Date(now.getTime() - staleAfterMs);
  const rows = await db.$queryRaw<{ chatKey: string; payload: U; attempts: number }[]>`
    UPDATE "InboundUpdate" AS taken SET "claimedAt" = ${now}, attempts = taken.attempts + 1
    FROM (
      SELECT next."updateId" FROM unnest(${[...chatKeys]}::text[]) AS chat(key)
      CROSS JOIN LATERAL (
        SELECT "updateId" FROM "InboundUpdate"
        WHERE "chatKey" = chat.key AND "handledAt" IS NULL
          AND (attempts = 0 OR "claimedAt" <= ${cutoff})
        ORDER BY "updateId" LIMIT 1
        FOR UPDATE SKIP LOCKED
      ) AS next
    ) AS picked
    WHERE taken."updateId" = picked."updateId"
    RETURNING taken."chatKey", taken.payload, taken.attempts`;
  return new Map(rows.map((row) => [row.chatKey, { update: row.payload, attempts: row.attempts }]));
}

/** Takes this update if it was stored untaken and nobody has taken it since. */
export async function claimUntaken(db: Db, updateId: number): Promise<boolean> {
  const { count } = await db.inboundUpdate.updateMany({
    where: { updateId, handledAt: null, attempts: 0 },
    data: { claimedAt: new Date(), attempts: 1 },
  });
  return count === 1;
}

/** The chats with an update nobody has taken for `staleAfterMs`, the oldest first. */
export async function chatsWithStaleUpdates(db: Db, staleAfterMs: number): Promise<string[]> {
  const cutoff = new Date(Date.now() - staleAfterMs);
  const rows = await db.$queryRaw<{ chatKey: string }[]>`
    SELECT "chatKey" FROM "InboundUpdate"
    WHERE "handledAt" IS NULL AND "chatKey" IS NOT NULL AND "claimedAt" <= ${cutoff}
    GROUP BY "chatKey" ORDER BY min("updateId")`;
  return rows.map((row) => row.chatKey);
}

/**
 * Gives back updates whose handler a stop cut short: taken again at once by the next start or
 * another instance (not after the lease), and the cut does not count as one of their attempts.
 */
export async function releaseClaims(db: Db, updateIds: readonly number[]): Promise<void> {
  if (updateIds.length === 0) return;
  await db.inboundUpdate.updateMany({
    where: { updateId: { in: [...updateIds] }, handledAt: null },
    data: { claimedAt: new Date(0), attempts: { decrement: 1 } },
  });
}

export async function markHandled(db: Db, updateIds: readonly number[]): Promise<void> {
  if (updateIds.length === 0) return;
  await db.inboundUpdate.updateMany({
    where: { updateId: { in: [...updateIds] }, handledAt: null },
    data: { handledAt: new Date() },
  });
}

/**
 * Marks it handled and stores `redacted` in place of what it held: an update that carried a secret
 * (a password) keeps no copy of it in the inbox.
 */
export async function markHandledRedacted(db: Db, redacted: InboundUpdate): Promise<void> {
  await db.inboundUpdate.updateMany({
    where: { updateId: redacted.update_id },
    data: {
      handledAt: new Date(),
      payload: redacted as unknown as Prisma.InputJsonObject,
    },
  });
}

/**
 * Takes the unhandled updates nobody has taken for `staleAfterMs`, oldest first. Taking is one
 * conditional UPDATE over rows locked with SKIP LOCKED, so two instances never take the same row.
 */
export async function claimUnhandled<U extends InboundUpdate>(
  db: Db,
  staleAfterMs: number,
  { limit = 100, withoutChatOnly = false }: { limit?: number; withoutChatOnly?: boolean } = {},
): Promise<ClaimedUpdate<U>[]> {
  const now = new Date();
  const cutoff = new Date(now.getTime() - staleAfterMs);
  const rows = await db.$queryRaw<{ payload: U; attempts: number }[]>`
    UPDATE "InboundUpdate" SET "claimedAt" = ${now}, attempts = attempts + 1
    WHERE "updateId" IN (
      SELECT "updateId" FROM "InboundUpdate"
      WHERE "handledAt" IS NULL AND "claimedAt" <= ${cutoff}
        AND (${!withoutChatOnly} OR "chatKey" IS NULL)
      ORDER BY "updateId" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING payload, attempts`;
  return rows
    .map((row) => ({ update: row.payload, attempts: row.attempts }))
    .sort((a, b) => a.update.update_id - b.update.update_id);
}

/**
 * The chat's stored updates after one update and before another, oldest first, at most `limit`
 * of them (what they mean is for the caller to tell). Handled ones count too, for a day.
 */
export async function chatUpdatesBetween<U extends InboundUpdate>(
  db: Db,
  {
    chatKey,
    after,
    before,
    limit,
  }: { chatKey: string; after: number; before: number; limit: number },
): Promise<U[]> {
  const rows = await db.inboundUpdate.findMany({
    where: { chatKey, updateId: { gt: after, lt: before } },
    orderBy: { updateId: "asc" },
    take: limit,
    select: { payload: true },
  });
  return rows.map((row) => row.payload as unknown as U);
}

/** Deletes handled rows older than the retention; returns how many. */
export async function pruneHandled(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.inboundUpdate.deleteMany({
    where: { handledAt: { lt: new Date(now.getTime() - inboxRetentionMs) } },
  });
  return count;
}
