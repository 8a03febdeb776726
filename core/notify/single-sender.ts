// One sender of the outbox at a time across instances (the job lock, in Redis when there is one),
// so all of them together keep to the bot's Telegram rate; a second caller leaves the work to the
// one running, which picks up whatever is written while it runs.
import type { Db } from "../db.ts";
import type { JobLock } from "../jobs/lock.ts";
import {
  type DeliveryOptions,
  type DeliveryReport,
  deliverNotifications,
} from "./outbox-delivery.ts";

/**
 * Sends what is due, or says why it did not (another process is sending already). It stops
 * claiming when `signal` is aborted (the caller's job lost its lock), the deliverer's own signal is
 * (a graceful stop), or the delivery lock is lost.
 */
export type Deliver = (
  options?: Pick<DeliveryOptions, "onProgress" | "signal">,
) => Promise<DeliveryReport | { delivery: string }>;

const deliveryLockName = "delivery";

export function createDeliverer(
  db: Db,
  lock: JobLock,
  options: Omit<DeliveryOptions, "onProgress">,
): Deliver {
  return async (extra) => {
    let report: DeliveryReport | null = null;
    await lock.runExclusive(deliveryLockName, async (lost) => {
      const signals = [lost, options.signal, extra?.signal].filter(
        (signal) => signal !== undefined,
      );
      report = await deliverNotifications(db, {
        ...options,
        ...extra,
        signal: AbortSignal.any(signals),
      });
    });
    return report ?? { delivery: "left to the process sending now" };
  };
}
