// Sends what waits in the notifications outbox now, in the background, one sender at a time
// across instances (core/notify/single-sender.ts): a payment's receipt, an incident's notices.
// What it does not get to waits for the scheduler's delivery job.
import { setTimeout as sleep } from "node:timers/promises";
import type { Api } from "grammy";
import { localJobLock, redisJobLock } from "../core/jobs/lock.ts";
import { createDeliverer } from "../core/notify/single-sender.ts";
import { BackgroundTasks } from "./background.ts";
import type { BotDeps } from "./deps.ts";
import { createNotifier } from "./telegram-notifier.ts";

export type OutboxFlushDeps = Pick<
  BotDeps,
  "db" | "config" | "logger" | "redis" | "background" | "i18n"
>;

const busyRetries = 10;
const busyRetryMs = 1000;

export function outboxFlush(deps: OutboxFlushDeps) {
  const { db, config, logger, i18n } = deps;
  const lock = deps.redis ? redisJobLock(deps.redis) : localJobLock();
  const background = deps.background ?? new BackgroundTasks();
  return (api: Api, after: () => Promise<unknown> = async () => undefined) => {
    const notifier = createNotifier({ api, i18n, logger, config });
    const deliver = createDeliverer(db, lock, {
      notifier,
      concurrency: config.delivery.concurrency,
    });
    background.run(
      async (stopping) => {
        await after();
        // Another sender holds the outbox: it takes what is written while it runs, but one that
        // is finishing may have looked for the last time already, so this asks again a few times.
        for (let attempt = 0; attempt < busyRetries && !stopping.aborted; attempt += 1) {
          if (!("delivery" in (await deliver({ signal: stopping })))) return;
          await sleep(busyRetryMs, undefined, { signal: stopping }).catch(() => {});
        }
      },
      (error) => logger.warn({ err: error }, "notices left to the outbox's sweep"),
    );
  };
}
