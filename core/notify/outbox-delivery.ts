// The delivery engine: sends the notifications outbox through the Notifier, a few at a time (the
// Telegram layer's throttler paces them to Telegram's limits and waits out 429s).
//
// Each notification is claimed (SENDING, `FOR UPDATE SKIP LOCKED`, so any number of senders share
// the outbox without sending one twice), sent, and settled: SENT; FAILED when Telegram refused it
// for good or the user blocked the bot (who is then marked unreachable and skipped from then on);
// PENDING again with a growing delay after a failure that may pass, until the attempts run out.
// A sender that dies between claim and settle leaves its claims SENDING: they may or may not have
// reached the user, and Telegram cannot be asked, so after `claimTimeoutMs` they become
// UNCONFIRMED and are never sent again. No one gets a message twice; a crash costs at most the
// messages that were in flight (`concurrency`), which the report counts. A send the stop cut on
// the wire is UNCONFIRMED at once for the same reason; one cut before it went waits as PENDING.
import { setTimeout as sleep } from "node:timers/promises";
import { setReachable } from "../accounts/telegram-users.ts";
import type { Db } from "../db.ts";
import type { DeliveryOutcome, Notifier } from "../ports.ts";
import { noticeOf } from "./notice-payload.ts";

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** Failed for now, to be tried again. */
  retried: number;
  /** Found claimed by a sender that died, or cut on the wire by a stop: not sent again. */
  unconfirmed: number;
  /** Still to send when the run ended (retries due later, or stopped early). */
  left: number;
}

export interface DeliveryOptions {
  notifier: Notifier;
  /** Messages in flight at once. */
  concurrency?: number;
  maxAttempts?: number;
  /** The pause before the first retry; it doubles with each further one. */
  retryDelayMs?: number;
  /** How long a claim may stay unsettled before its sender is taken for dead. */
  claimTimeoutMs?: number;
  /** Retries due within this long are waited for; later ones are left to the next run. */
  waitForRetriesMs?: number;
  /** Stops claiming (those in flight are settled) when aborted: a graceful stop. */
  signal?: AbortSignal;
  now?: () => Date;
  onProgress?(report: DeliveryReport): void;
}

const deliveryDefaults = {
  concurrency: 8,
  maxAttempts: 5,
  retryDelayMs: 5_000,
  claimTimeoutMs: 15 * 60_000,
  waitForRetriesMs: 2 * 60_000,
};

interface Claimed {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  telegramUserId: bigint;
  chatId: bigint;
  languageCode: string | null;
  reachable: boolean;
  announcementText: string | null;
  announcementEntities: unknown;
}

async function claimNext(db: Db, now: Date): Promise<Claimed | undefined> {
  const rows = await db.$queryRaw<Claimed[]>`
    WITH next AS (
      SELECT id FROM "Notification"
      WHERE status = 'PENDING' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now})
      ORDER BY id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE "Notification" n
      SET status = 'SENDING', "claimedAt" = ${now}, attempts = n.attempts + 1
      FROM next WHERE n.id = next.id
      RETURNING n.id, n.kind, n.payload, n.attempts, n."telegramUserId", n."announcementId"
    )
    SELECT c.id, c.kind, c.payload, c.attempts, c."telegramUserId",
           u."chatId", u."languageCode", u.reachable,
           a.text AS "announcementText", a.entities AS "announcementEntities"
    FROM claimed c
    JOIN "TelegramUser" u ON u.id = c."telegramUserId"
    LEFT JOIN "Announcement" a ON a.id = c."announcementId"`;
  return rows[0];
}

/** Claims whose sender died: they may have gone, so they are never sent again. */
async function markUnconfirmed(db: Db, before: Date): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { status: "SENDING", claimedAt: { lt: before } },
    data: { status: "UNCONFIRMED" },
  });
  return count;
}

async function nextRetryAt(db: Db): Promise<Date | undefined> {
  const next = await db.notification.findFirst({
    where: { status: "PENDING" },
    orderBy: { nextAttemptAt: { sort: "asc", nulls: "first" } },
    select: { nextAttemptAt: true },
  });
  return next ? (next.nextAttemptAt ?? new Date(0)) : undefined;
}

async function send(notifier: Notifier, row: Claimed): Promise<DeliveryOutcome> {
  if (!row.reachable) return { outcome: "blocked" };
  const notice = noticeOf({
    kind: row.kind,
    payload: row.payload,
    announcement:
      row.announcementText === null
        ? null
        : { text: row.announcementText, entities: row.announcementEntities },
  });
  if (!notice) return { outcome: "rejected", error: `unreadable ${row.kind} notification` };
  const recipient = {
    id: Number(row.telegramUserId),
    chatId: Number(row.chatId),
    languageCode: row.languageCode,
  };
  return notifier
    .send(recipient, notice)
    .catch((error: unknown) => ({ outcome: "failed" as const, error: String(error) }));
}

export async function deliverNotifications(
  db: Db,
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  const settings = { ...deliveryDefaults, ...options };
  const { notifier, signal, now = () => new Date() } = options;
  const report: DeliveryReport = { sent: 0, failed: 0, retried: 0, unconfirmed: 0, left: 0 };
  report.unconfirmed = await markUnconfirmed(
    db,
    new Date(now().getTime() - settings.claimTimeoutMs),
  );

  async function settle(row: Claimed, result: DeliveryOutcome) {
    const at = now();
    if (result.outcome === "sent") {
      report.sent += 1;
      await db.notification.update({
        where: { id: row.id },
        data: { status: "SENT", sentAt: at, error: null },
      });
      return;
    }
    if (result.outcome === "unconfirmed") {
      report.unconfirmed += 1;
      await db.notification.update({
        where: { id: row.id },
        data: { status: "UNCONFIRMED", error: result.error },
      });
      return;
    }
    if (result.outcome === "blocked") {
      await setReachable(db, Number(row.telegramUserId), false);
    }
    const error = result.outcome === "blocked" ? "the user blocked the bot" : result.error;
    const retry = result.outcome === "failed" && row.attempts < settings.maxAttempts;
    if (retry) {
      report.retried += 1;
      const delay = settings.retryDelayMs * 2 ** (row.attempts - 1);
      await db.notification.update({
        where: { id: row.id },
        data: { status: "PENDING", nextAttemptAt: new Date(at.getTime() + delay), error },
      });
      return;
    }
    report.failed += 1;
    await db.notification.update({ where: { id: row.id }, data: { status: "FAILED", error } });
  }

  async function worker() {
    while (!signal?.aborted) {
      const row = await claimNext(db, now());
      if (row) {
        await settle(row, await send(notifier, row));
        options.onProgress?.({ ...report });
        continue;
      }
      const retryAt = await nextRetryAt(db);
      const wait = retryAt ? retryAt.getTime() - now().getTime() : Number.POSITIVE_INFINITY;
      if (wait > settings.waitForRetriesMs) return;
      await sleep(Math.max(wait, 10), undefined, { signal }).catch(() => {});
    }
  }

  await Promise.all(Array.from({ length: settings.concurrency }, worker));
  report.left = await db.notification.count({ where: { status: { in: ["PENDING", "SENDING"] } } });
  return report;
}
