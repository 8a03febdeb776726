// Hands updates from the inbox (core/inbox) to the bot: each is marked handled once its handler
// has finished, whether or not it threw (the error boundary has apologised by then), except a
// `successful_payment` whose handler failed. Those and updates cut off by a crash stay unhandled;
// replay() handles them again, oldest first, and gives up on one that has been taken too often,
// so a poisoned update cannot loop forever. While PostgreSQL is unreachable nothing can be stored:
// updates are then handled unstored (their handlers mostly apologise), except one that moves money
// and those behind it, which wait for the database.
import { type Bot, BotError } from "grammy";
import type { Update } from "grammy/types";
import type { Db } from "../core/db.ts";
import { isDatabaseUnreachable } from "../core/db-outage.ts";
import { storableJson } from "../core/inbox/storable-json.ts";
import {
  claimUnhandled,
  markHandled,
  pruneHandled,
  storeUpdates,
} from "../core/inbox/update-inbox.ts";
import type { Logger } from "../core/logger.ts";
import type { Outages } from "../core/outages.ts";
import type { BotContext } from "./context.ts";
import { isFailedPayment } from "./middleware/failed-updates.ts";

const maxAttempts = 3;
/** A webhook instance takes over another's unhandled update only after this long. */
export const handlerLeaseMs = 2 * 60 * 1000;
const sweepIntervalMs = 60 * 1000;

export class UpdateInbox {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly bot: Bot<BotContext>,
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly outages?: Outages,
  ) {}

  /**
   * Stores the updates as storableJson makes them (what the bot then handles, live or replayed);
   * returns those that were not in the inbox yet.
   */
  async store(updates: readonly Update[]): Promise<Update[]> {
    const storable = updates.map(storableJson);
    const stored = await storeUpdates(this.db, storable);
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
      return { confirmed, fresh: confirmed.map(storableJson) };
    }
  }

  /** Handles an accepted update and marks it handled; never throws. */
  handle(update: Update): Promise<void> {
    const done = this.run(update).finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
    return done;
  }

  /** Handles, one after another, the stored updates nobody has handled for `staleAfterMs`. */
  async replay(staleAfterMs: number): Promise<number> {
    let replayed = 0;
    for (;;) {
      const claimed = await claimUnhandled<Update>(this.db, staleAfterMs);
      if (claimed.length === 0) return replayed;
      for (const { update, attempts } of claimed) {
        if (attempts > maxAttempts) {
          this.logger.error({ updateId: update.update_id, attempts }, "stored update abandoned");
          await markHandled(this.db, update.update_id);
          continue;
        }
        this.logger.warn({ updateId: update.update_id, attempts }, "replaying a stored update");
        await this.handle(update);
        replayed++;
      }
    }
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

  /** Waits for the updates being handled, up to the deadline. */
  async drain(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), deadline]);
    clearTimeout(timer);
  }

  private async run(update: Update): Promise<void> {
    try {
      await this.bot.handleUpdate(update);
    } catch (error) {
      if (error instanceof BotError) {
        const boundaryFailed = (boundaryError: unknown) =>
          this.logger.error({ err: boundaryError, updateId: update.update_id }, "update failed");
        await Promise.resolve(this.bot.errorHandler(error as BotError<BotContext>)).catch(
          boundaryFailed,
        );
      } else {
        this.logger.error({ err: error, updateId: update.update_id }, "update failed");
      }
    }
    if (isFailedPayment(update)) {
      // Left unhandled: the sweep (or the next start) credits it again, idempotently.
      this.logger.warn({ updateId: update.update_id }, "payment update kept for a retry");
      return;
    }
    try {
      await markHandled(this.db, update.update_id);
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
