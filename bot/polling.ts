// Long polling with @grammyjs/runner's source, sink and runner, the inbox between them: a fetched
// batch is stored before the next getUpdates call confirms it (its offset), and each update is
// handled from there. On start, what a crash left unhandled is handled first, in order; one that
// Telegram then sends again (stored, but killed before confirming it) is not handled twice. On
// stop it waits for the updates in flight and then confirms them to Telegram.
import { setTimeout } from "node:timers/promises";
import {
  createConcurrentSink,
  createRunner,
  createSource,
  type UpdateSupplier,
} from "@grammyjs/runner";
import { type Bot, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../core/logger.ts";
import type { BotContext } from "./context.ts";
import type { UpdateInbox } from "./update-inbox.ts";

const drainTimeoutMs = 30_000;
/** How long stopping waits for the last fetch, and for the confirmation of what was handled. */
const fetchStopMs = 3_000;

/** Waits for `work`, but no longer than `ms`. */
const giveUpAfter = (ms: number, work: Promise<unknown>) =>
  Promise.race([work, setTimeout(ms, undefined, { ref: false })]);
const retryMs = { first: 100, max: 30_000 };

export async function startPolling(
  bot: Bot<BotContext>,
  inbox: UpdateInbox,
  allowedUpdates: readonly string[],
  logger: Logger,
): Promise<() => Promise<void>> {
  await bot.api.deleteWebhook();
  // Polling is one instance (Telegram answers a second poller 409), so all that is unhandled is ours.
  await inbox.replay(0);
  const stopSweeping = inbox.startSweeping();

  const supplier = storingSupplier(bot, inbox, allowedUpdates, logger);
  const runner = createRunner(
    createSource(supplier),
    createConcurrentSink({ consume: (update: Update) => inbox.handle(update) }, async () => {}),
  );
  runner.start();
  return async () => {
    stopSweeping();
    // With the Bot API unreachable the fetch in flight may not end when asked: the process stops
    // anyway, as what was fetched is stored (the next start handles and confirms it).
    await giveUpAfter(fetchStopMs, runner.stop());
    // stop() ends the fetching loop; the concurrent sink may still be running updates.
    await inbox.drain(drainTimeoutMs);
    const offset = supplier.offset();
    if (offset === 0) return;
    await giveUpAfter(
      fetchStopMs,
      bot.api.getUpdates({ offset, limit: 1, timeout: 0 }).catch(() => {}),
    );
  };
}

/**
 * Fetches a batch and stores it; only what the inbox accepted (stored, or harmless to handle
 * unstored during an outage) moves the offset the next fetch confirms.
 */
function storingSupplier(
  bot: Bot<BotContext>,
  inbox: UpdateInbox,
  allowedUpdates: readonly string[],
  logger: Logger,
): UpdateSupplier<Update> & { offset(): number } {
  let offset = 0;
  return {
    offset: () => offset,
    async supply(batchSize, signal) {
      let retryIn = retryMs.first;
      for (;;) {
        try {
          const fetched = await bot.api.getUpdates(
            {
              offset,
              limit: Math.max(1, Math.min(batchSize, 100)),
              timeout: 30,
              allowed_updates: [...allowedUpdates] as never,
            },
            signal,
          );
          const { confirmed, fresh } = await inbox.accept(fetched);
          const last = confirmed.at(-1);
          if (last !== undefined) offset = last.update_id + 1;
          // One already in the inbox was stored by a process killed before it confirmed the
          // offset; the replay on start has handled it.
          if (confirmed.length > 0 || fetched.length === 0) return [...fresh];
          logger.debug({ updateId: fetched[0]?.update_id }, "a payment waits for the database");
        } catch (error) {
          if (signal.aborted || isUnrecoverable(error)) throw error;
          logger.warn({ err: error }, "updates not fetched or not stored; retrying");
        }
        await setTimeout(retryIn, undefined, { signal: signal as globalThis.AbortSignal }).catch(
          () => {},
        );
        retryIn = Math.min(retryIn * 2, retryMs.max);
      }
    },
  };
}

/** A wrong token or a webhook set in the meantime: retrying cannot help. */
function isUnrecoverable(error: unknown): boolean {
  return error instanceof GrammyError && [401, 404].includes(error.error_code);
}
