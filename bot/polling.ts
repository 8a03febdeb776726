// Long polling with @grammyjs/runner's source, sink and runner, the inbox between them: a fetched
// batch is stored before the next getUpdates call confirms it (its offset), and each update is
// handled from there. On start, what a crash left unhandled is handled first, in order; one that
// Telegram then sends again (stored, but killed before confirming it) is not handled twice. On
// stop it waits for the updates in flight (up to the deadline it is given) and then confirms them
// to Telegram: those it cut short are back in the inbox, handled on the next start. Telegram answering
// that polling cannot go on (another poller on the token: 409; a revoked token: 401) stops it for
// good, with the reason, instead of retrying forever.
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

/** How long stopping waits for the last fetch, and for the confirmation of what was handled. */
const fetchStopMs = 2_000;

/** Waits for `work`, but no longer than `ms`. */
const giveUpAfter = (ms: number, work: Promise<unknown>) =>
  Promise.race([work, setTimeout(ms, undefined, { ref: false })]);
const retryMs = { first: 100, max: 30_000 };

/** Polling stopped by itself: Telegram refuses it for a reason retrying cannot change. */
export class PollingRefusedError extends Error {
  override name = "PollingRefusedError";
}

export async function startPolling(
  bot: Bot<BotContext>,
  inbox: UpdateInbox,
  allowedUpdates: readonly string[],
  logger: Logger,
  onRefused: (error: PollingRefusedError) => void = () => {},
): Promise<(handlersDeadline: Promise<unknown>) => Promise<void>> {
  await bot.api.deleteWebhook();
  // Polling is one instance (Telegram answers a second poller 409), so all that is unhandled is ours.
  await inbox.replay(0);
  const stopSweeping = inbox.startSweeping();

  const supplier = storingSupplier(bot, inbox, allowedUpdates, logger);
  const runner = createRunner(
    createSource(supplier),
    createConcurrentSink({ consume: (update: Update) => inbox.handle(update) }, async () => {}),
  );
  let refused: PollingRefusedError | undefined;
  runner.start();
  runner.task()?.catch((error: unknown) => {
    refused = new PollingRefusedError(refusal(error), { cause: error });
    stopSweeping();
    logger.error({ reason: describe(error) }, refused.message);
    onRefused(refused);
  });
  return async (handlersDeadline) => {
    stopSweeping();
    // With the Bot API unreachable the fetch in flight may not end when asked: the process stops
    // anyway, as what was fetched is stored (the next start handles and confirms it).
    await giveUpAfter(fetchStopMs, runner.stop());
    // stop() ends the fetching loop; the concurrent sink may still be running updates.
    await inbox.drain(handlersDeadline);
    const offset = supplier.offset();
    // Refused, a last getUpdates would end the other poller's long poll with the same 409. The
    // other one gets the unconfirmed updates again and finds them handled in the inbox.
    if (offset === 0 || refused) return;
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

/**
 * A wrong or revoked token (401; 404 for a malformed one), or a conflict (409): another process
 * polls with the token, or a webhook was set for it. Retrying cannot help.
 */
function isUnrecoverable(error: unknown): boolean {
  return error instanceof GrammyError && [401, 404, 409].includes(error.error_code);
}

/** The log line and error of a refusal: what to do about it, not only Telegram's words. */
function refusal(error: unknown): string {
  if (!(error instanceof GrammyError)) return "polling stopped: updates could not be fetched";
  if (error.error_code === 409 && /webhook/i.test(error.description))
    return "polling stopped: a webhook is set for this bot token (another instance runs in webhook mode?)";
  if (error.error_code === 409)
    return "polling stopped: another instance polls with the same bot token (Telegram answered 409 Conflict); run one poller per token, or webhook mode for several instances";
  return `polling stopped: Telegram refuses the bot token (${error.error_code}); check BOT_TOKEN`;
}

const describe = (error: unknown) =>
  error instanceof GrammyError
    ? error.description
    : error instanceof Error
      ? error.message
      : String(error);
