// The two shapes of load: closed loop (each chat sends its next update once the previous one is
// answered: the bot's throughput at that many chats at once) and open loop (updates offered on a
// fixed schedule whatever the bot does: the latency at that rate, queueing included).
import { setTimeout as sleep } from "node:timers/promises";
import type { UserDriver } from "../../emulator/index.ts";
import type { ReplyTracker } from "./reply-tracker.ts";

/** Offers one update from a user; resolves with how long until the bot answered it. */
export type Offer = (user: UserDriver, offeredAt?: number) => Promise<number>;

/** An offer of some update: sent through `send`, answered by `calls` calls to the user's chat. */
export function offerOf(
  tracker: ReplyTracker,
  calls: number,
  send: (user: UserDriver) => Promise<void>,
): Offer {
  return async (user, offeredAt = performance.now()) => {
    // Expected before it is sent: the answer may come before `send` returns.
    const answered = tracker.expect(user.id, calls, offeredAt);
    await send(user);
    return answered;
  };
}

export interface LoadResult {
  updates: number;
  seconds: number;
  perSecond: number;
  /** Offered → answered, ms, in the order they were answered. */
  latencies: number[];
}

/** Fails with a clear message instead of waiting for ever for answers that will not come. */
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not answered within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Most updates one chat sends in a phase: below the shipped flood guard's 15 in 5 s, however
 * unevenly the bot answers the chats (one answered faster than the rest would otherwise take a
 * larger share of the phase, be held back, and never be answered).
 */
const mostFromOneChat = 12;

/** `updates` updates from `users`, each user with one update in flight at a time. */
export async function closedLoop(
  users: readonly UserDriver[],
  updates: number,
  offer: Offer,
  what: string,
): Promise<LoadResult> {
  if (users.length * mostFromOneChat < updates)
    throw new Error(`${what}: ${updates} updates need at least ${updates / mostFromOneChat} chats`);
  const latencies: number[] = [];
  let sent = 0;
  const started = performance.now();
  const worker = async (user: UserDriver) => {
    for (let mine = 0; sent < updates && mine < mostFromOneChat; mine++) {
      sent++;
      latencies.push(await offer(user));
    }
  };
  await within(120_000 + updates * 100, what, Promise.all(users.map(worker)));
  const seconds = (performance.now() - started) / 1000;
  return { updates, seconds, perSecond: updates / seconds, latencies };
}

/**
 * `rate` updates a second for `seconds`, from `users` in turn, each timed from when it was due
 * (not when the timer got to it), so a late generator does not hide the bot's queue.
 */
export async function openLoop(
  users: readonly UserDriver[],
  rate: number,
  seconds: number,
  offer: Offer,
  what: string,
): Promise<LoadResult> {
  const total = Math.round(rate * seconds);
  const answers: Promise<number>[] = [];
  const started = performance.now();
  for (let next = 0; next < total; ) {
    const now = performance.now();
    for (; next < total && started + (next * 1000) / rate <= now; next++) {
      const user = users[next % users.length];
      if (user) answers.push(offer(user, started + (next * 1000) / rate));
    }
    await sleep(1);
  }
  const latencies = await within(120_000 + total * 100, what, Promise.all(answers));
  const elapsed = (performance.now() - started) / 1000;
  return { updates: total, seconds: elapsed, perSecond: total / elapsed, latencies };
}
