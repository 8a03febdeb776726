// Hands updates from the inbox (core/inbox) to the bot: each is marked handled once its handler
// has finished, whether or not it threw (the error boundary has apologised by then), except a
// `successful_payment` whose handler failed. Those and updates cut off by a crash stay unhandled;
// replay() handles them again, oldest first, and gives up on one that has been taken too often,
// so a poisoned update cannot loop forever. While PostgreSQL is unreachable nothing can be stored:
// updates are then handled unstored (their handlers mostly apologise), except one that moves money
// and those behind it, which wait for the database.
//
// Several webhook instances behind one URL (with Redis): Telegram sends a chat's next update as
// soon as the previous one got its 200, which is before it was handled, so the next one may reach
// another instance while the first is still running. Each instance therefore stores an update
// untaken, with its chat's key, and then, holding that chat's Redis lock (core/inbox/chat-lock.ts),
// takes the chat's untaken updates from the inbox oldest first until none is left, whoever
// received them. As each update was stored before the next was even sent, update_id order is the
// chat's order. The lock's lease is renewed while its holder works and checked before every take
// but the first after it was taken, and the take in PostgreSQL is atomic and skips a row another
// taker holds within handlerLeaseMs: no update runs twice, even if a stalled holder loses its
// lock. Redis not answering, an update is handled by the instance that received it, unordered, as
// if alone. Without Redis (one instance) or in polling mode, sequentialize (bot.ts) keeps the
// order in process, as before.
//
// Stopping: no more updates are taken; those running get until the deadline, then the ones still
// running, and those that failed meanwhile (their Telegram calls were cut, bot/api-shutdown.ts),
// are given back to the inbox (releaseClaims), so the next start handles them again at once.
import { type Bot, BotError, Context } from "grammy";
import type { Update } from "grammy/types";
import type { Gauge } from "prom-client";
import type { Db } from "../core/db.ts";
import { isDatabaseUnreachable } from "../core/db-outage.ts";
import type { ChatLock } from "../core/inbox/chat-lock.ts";
import { ChatTakes } from "../core/inbox/chat-takes.ts";
import { HandledMarks } from "../core/inbox/handled-marks.ts";
import { storableJson } from "../core/inbox/storable-json.ts";
import {
  type ClaimedUpdate,
  chatsWithStaleUpdates,
  claimUnhandled,
  claimUntaken,
  type InboundUpdate,
  markHandled,
  markHandledRedacted,
  pruneHandled,
  releaseClaims,
  storeUpdates,
} from "../core/inbox/update-inbox.ts";
import type { Logger } from "../core/logger.ts";
import type { Outages } from "../core/outages.ts";
import { chatKey } from "./chat-key.ts";
import type { BotContext } from "./context.ts";
import { hasFailed, isFailedPayment } from "./middleware/failed-updates.ts";
import { redactedSecret } from "./secret-updates.ts";

const maxAttempts = 3;
/** A webhook instance takes over another's unhandled update only after this long. */
export const handlerLeaseMs = 2 * 60 * 1000;
const sweepIntervalMs = 60 * 1000;

export class UpdateInbox {
  private readonly inFlight = new Set<Promise<unknown>>();
  /** The ids of the updates whose handler runs now. */
  private readonly running = new Set<number>();
  /** Failed while stopping: given back to the inbox, not marked handled. */
  private readonly cutShort = new Set<number>();
  /** Per chat, the last drain queued here: the next one starts after it. */
  private readonly chatQueues = new Map<string, Promise<number>>();
  /** Accepted during a PostgreSQL outage: not in the inbox, handled as they are. */
  private readonly unstored = new WeakSet<Update>();
  private readonly stopping = new AbortController();
  private readonly marks: HandledMarks;
  private readonly takes: ChatTakes<Update>;

  constructor(
    private readonly bot: Bot<BotContext>,
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly outages?: Outages,
    /** Given to several webhook instances: one chat's updates are handled in order across them. */
    private readonly chatLock?: ChatLock,
    /** Counts the updates received and not handled yet (kaspnet_updates_queued). */
    private readonly queued?: Pick<Gauge, "inc" | "dec">,
  ) {
    this.marks = new HandledMarks(db);
    this.takes = new ChatTakes(db, handlerLeaseMs);
  }

  /**
   * Stores the updates as storableJson makes them (what the bot then handles, live or replayed);
   * returns those that were not in the inbox yet.
   */
  async store(updates: readonly Update[]): Promise<Update[]> {
    const storable = updates.map(storableJson);
    const stored = await storeUpdates(this.db, storable, {
      chatKeyOf: (update) => this.chatKeyOf(update),
      taken: this.chatLock === undefined,
    });
    return storable.filter((update) => stored.has(update.update_id));
  }

  /**
   * Stores a batch. Returns what may be confirmed to Telegram: all of it, or while PostgreSQL is
   * unreachable the updates before the first `successful_payment` (unstored: durable before
   * confirmed only matters for money, DESIGN §4), none when that payment comes first. And what is
   * to be handled: those not in the inbox already (another process took them), or the unstored.
   */
  async accept(
    updates: readonly Update[],
  ): Promise<{ confirmed: readonly Update[]; fresh: readonly Update[] }> {
    try {
      return { confirmed: updates, fresh: await this.store(updates) };
    } catch (error) {
      if (!this.isOutage(error)) throw error;
      const firstPayment = updates.findIndex(
        (update) => update.message?.successful_payment !== undefined,
      );
      const confirmed = firstPayment === -1 ? updates : updates.slice(0, firstPayment);
      const fresh = confirmed.map(storableJson);
      for (const update of fresh) this.unstored.add(update);
      return { confirmed, fresh };
    }
  }

  /** Handles an accepted update and marks it handled; never throws. */
  handle(update: Update): Promise<void> {
    const key = this.unstored.has(update) ? undefined : this.lockedChatKey(update);
    this.queued?.inc();
    const work = key === undefined ? this.run(update) : this.inChatOrder(key, update);
    return this.track<unknown>(work).then(() => {
      this.queued?.dec();
    });
  }

  /** Handles, one after another, the stored updates nobody has handled for `staleAfterMs`. */
  async replay(staleAfterMs: number): Promise<number> {
    let replayed = 0;
    for (;;) {
      const claimed = await claimUnhandled<Update>(this.db, staleAfterMs, {
        withoutChatOnly: this.chatLock !== undefined,
      });
      if (claimed.length === 0) break;
      for (const [index, one] of claimed.entries()) {
        if (this.stopping.signal.aborted) {
          await releaseClaims(
            this.db,
            claimed.slice(index).map((left) => left.update.update_id),
          );
          return replayed;
        }
        replayed += await this.track(this.runClaimed(one));
      }
    }
    if (this.chatLock === undefined) return replayed;
    for (const key of await chatsWithStaleUpdates(this.db, staleAfterMs)) {
      replayed += await this.track(this.inChatOrder(key));
    }
    return replayed;
  }

  /** Every minute: replays what another instance left behind and prunes old handled rows. */
  startSweeping(): () => void {
    const timer = setInterval(() => {
      void Promise.all([this.replay(handlerLeaseMs), pruneHandled(this.db)]).catch(
        (error: unknown) => {
          if (!this.isOutage(error)) this.logger.warn({ err: error }, "inbox sweep failed");
        },
      );
    }, sweepIntervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /**
   * Stops taking updates and waits for those being handled until `deadline` settles; gives back
   * to the inbox those still running then and those that failed meanwhile.
   */
  async drain(deadline: Promise<unknown>): Promise<void> {
    this.stopping.abort();
    await Promise.race([Promise.allSettled([...this.inFlight]), deadline]);
    const cut = [...new Set([...this.running, ...this.cutShort])];
    if (cut.length === 0) return;
    this.logger.warn(
      { updateIds: cut },
      "updates cut short by the stop: handled again on the next start",
    );
    await releaseClaims(this.db, cut).catch((error: unknown) => {
      // Not given back, they are still replayed: after the lease (webhook) or at once (polling).
      if (!this.isOutage(error)) this.logger.warn({ err: error }, "cut updates not given back");
    });
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const done = work.finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
    return done;
  }

  private chatKeyOf(update: InboundUpdate): string | undefined {
    return chatKey(new Context(update as Update, this.bot.api, this.bot.botInfo));
  }

  private lockedChatKey(update: Update): string | undefined {
    return this.chatLock === undefined ? undefined : this.chatKeyOf(update);
  }

  /** Queues a drain of the chat behind the one this instance already runs for it. */
  private inChatOrder(key: string, received?: Update): Promise<number> {
    const previous = this.chatQueues.get(key) ?? Promise.resolve(0);
    const mine = previous.then(() => this.drainChat(key, received));
    this.chatQueues.set(key, mine);
    void mine.finally(() => {
      if (this.chatQueues.get(key) === mine) this.chatQueues.delete(key);
    });
    return mine;
  }

  /**
   * Under the chat's lock, handles its untaken updates oldest first; returns how many. `received`
   * is what arrived here, handled here unordered if Redis (or PostgreSQL) fails us.
   */
  private async drainChat(key: string, received?: Update): Promise<number> {
    const lock = this.chatLock as ChatLock;
    let ran = 0;
    let ranReceived = false;
    try {
      for (;;) {
        const held = await lock.acquire(key, this.stopping.signal);
        // Stopping: what is left is in the inbox, for another instance's sweep or the next start.
        if (held === undefined) return ran;
        let lost = false;
        let justTaken = true;
        try {
          while (!this.stopping.signal.aborted) {
            // Asked before the take (one taken after the lock was lost would be skipped by the new
            // holder meanwhile, so run out of order); a lock taken a moment ago needs no asking.
            if (!justTaken && !(await held.stillHeld())) {
              lost = true;
              break;
            }
            justTaken = false;
            const next = await this.takes.take(key);
            if (next === undefined) break;
            if (next.update.update_id === received?.update_id) ranReceived = true;
            ran += await this.runClaimed(next);
          }
        } finally {
          await held.release();
        }
        if (!lost) return ran;
        this.logger.warn({ chatKey: key }, "chat lock lost while handling; taking it again");
      }
    } catch (error) {
      if (received === undefined || ranReceived) return ran;
      const level = this.isOutage(error) ? "debug" : "warn";
      this.logger[level]({ err: error, chatKey: key }, "chat lock unavailable: handled unordered");
      // Unless someone took it meanwhile; with PostgreSQL gone too, handled all the same.
      if (await claimUntaken(this.db, received.update_id).catch(() => true)) {
        await this.run(received);
        ran++;
      }
      return ran;
    }
  }

  /** Runs a claimed update, or abandons it after too many attempts; returns 1 if it ran. */
  private async runClaimed({ update, attempts }: ClaimedUpdate<Update>): Promise<number> {
    if (attempts > maxAttempts) {
      this.logger.error({ updateId: update.update_id, attempts }, "stored update abandoned");
      await markHandled(this.db, [update.update_id]);
      return 0;
    }
    if (attempts > 1) {
      this.logger.warn({ updateId: update.update_id, attempts }, "replaying a stored update");
    }
    await this.run(update);
    return 1;
  }

  private async run(update: Update): Promise<void> {
    const id = update.update_id;
    this.running.add(id);
    let failed = false;
    try {
      await this.bot.handleUpdate(update);
    } catch (error) {
      failed = true;
      if (error instanceof BotError) {
        const boundaryFailed = (boundaryError: unknown) =>
          this.logger.error({ err: boundaryError, updateId: update.update_id }, "update failed");
        await Promise.resolve(this.bot.errorHandler(error as BotError<BotContext>)).catch(
          boundaryFailed,
        );
      } else {
        this.logger.error({ err: error, updateId: update.update_id }, "update failed");
      }
    } finally {
      this.running.delete(id);
    }
    if ((failed || hasFailed(update)) && this.stopping.signal.aborted) {
      this.cutShort.add(id);
      return;
    }
    if (isFailedPayment(update)) {
      // Left unhandled: the sweep (or the next start) credits it again, idempotently.
      this.logger.warn({ updateId: update.update_id }, "payment update kept for a retry");
      return;
    }
    try {
      const redacted = redactedSecret(update);
      await (redacted ? markHandledRedacted(this.db, redacted) : this.marks.mark(id));
    } catch (error) {
      // Left unhandled, it is handled again on the next start: harmless for money (idempotent).
      const level = this.isOutage(error) ? "debug" : "warn";
      this.logger[level]({ err: error, updateId: update.update_id }, "update not marked handled");
    }
  }

  /** A PostgreSQL outage is logged once, by Outages, instead of by each failure it causes. */
  private isOutage(error: unknown): boolean {
    if (!this.outages || !isDatabaseUnreachable(error)) return false;
    this.outages.markDown("postgresql", error);
    return true;
  }
}
