// What the passes of `npm run bench -- updates` share: the options, the three emulators and their
// reply trackers, the users, the stores, the bots running, the results so far; and the steps they
// all take (fresh users for a load, counting its calls and warming a bot up, a measured load).
import { setTimeout as sleep } from "node:timers/promises";
import type { Message } from "grammy/types";
import type { Redis } from "ioredis";
import type { Db } from "../../../core/db.ts";
import type { BotApiEmulator, UserDriver } from "../../emulator/index.ts";
import { BenchUsers } from "./bench-users.ts";
import type { RunningBot } from "./bots.ts";
import { closedLoop, type LoadResult, type Offer } from "./load.ts";
import { calibratedOffer, command, historyPress, type Send } from "./offers.ts";
import { cpuMsOf, ownCpuMs } from "./process-cpu.ts";
import { ReplyTracker } from "./reply-tracker.ts";
import type { Load, Options, Phase, UpdatesResults } from "./results.ts";
import { latencies } from "./stats.ts";

export type Emulators = Record<"anchorA" | "anchorB" | "bot", BotApiEmulator>;

export const progress = (text: string) =>
  console.error(`[updates ${new Date().toISOString().slice(11, 19)}] ${text}`);

export class BenchContext {
  readonly trackers: Record<keyof Emulators, ReplyTracker>;
  readonly running: RunningBot[] = [];
  private readonly users: Record<keyof Emulators, BenchUsers>;
  private readonly cards = new Map<number, Message>();
  private readonly sends: Record<Load, Send>;

  constructor(
    readonly options: Options,
    readonly results: UpdatesResults,
    readonly emulators: Emulators,
    readonly stores: { databaseUrl: string; redisUrl: string },
    /** A connection to the benchmark's Redis, for INFO commandstats. */
    readonly redis: Redis,
    db: Db,
  ) {
    this.trackers = {
      anchorA: new ReplyTracker(emulators.anchorA),
      anchorB: new ReplyTracker(emulators.anchorB),
      bot: new ReplyTracker(emulators.bot),
    };
    this.users = {
      anchorA: new BenchUsers(emulators.anchorA, db, 300_000_001),
      anchorB: new BenchUsers(emulators.anchorB, db, 200_000_001),
      bot: new BenchUsers(emulators.bot, db, 100_000_001),
    };
    this.sends = {
      anchorA: command("/balance"),
      anchorB: command("/balance"),
      start: command("/start"),
      balance: command("/balance"),
      history: historyPress(this.trackers.bot, this.cards),
    };
  }

  /** Starts bots side by side; each is stopped by `stopAll`. */
  async start<T extends RunningBot[]>(...starting: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
    const started = (await Promise.all(starting)) as T;
    this.running.push(...started);
    return started;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.running.splice(0).map((bot) => bot.stop()));
  }

  /**
   * Fresh users for one phase of a load, with what the load needs in the database; for the
   * history press each is first shown a card (their /balance through `balanceOffer`, unmeasured).
   */
  async usersFor(load: Load, count: number, balanceOffer?: Offer): Promise<UserDriver[]> {
    if (load === "anchorA") return this.users.anchorA.fresh(count);
    if (load === "anchorB") return this.users.anchorB.known(count);
    if (load === "start") return this.users.bot.known(count);
    const signedIn = await this.users.bot.signedIn(count);
    if (load === "balance") return signedIn;
    if (!balanceOffer) throw new Error("the history press needs the /balance offer");
    await closedLoop(signedIn, signedIn.length, balanceOffer, "the cards before the presses");
    for (const user of signedIn) {
      const card = user.lastBotMessage();
      if (card) this.cards.set(user.id, card);
    }
    return signedIn;
  }

  /** Counts the calls that answer one update of each load, then warms its bot up. */
  async prepare<L extends Load>(loads: readonly L[], warmUpdates: number) {
    const offers: Partial<Record<Load, Offer>> = {};
    for (const load of loads) {
      const [probe] = await this.usersFor(load, 1, offers.balance);
      if (!probe) throw new Error("no probe user");
      const tracker =
        load === "anchorA"
          ? this.trackers.anchorA
          : load === "anchorB"
            ? this.trackers.anchorB
            : this.trackers.bot;
      const { offer, calls } = await calibratedOffer(tracker, probe, this.sends[load]);
      offers[load] = offer;
      this.results.callsPerUpdate[load] = calls;
      const warm = await this.usersFor(load, this.options.chats, offers.balance);
      await closedLoop(warm, warmUpdates, offer, `warming up ${load}`);
    }
    return offers as Record<L | "balance", Offer>;
  }

  /** Stops the trackers; the caller stops the emulators. */
  close(): void {
    for (const tracker of Object.values(this.trackers)) tracker.stop();
  }
}

/** A load on one bot, with the bot's CPU (from /proc) and this process's (the emulator's). */
export async function measured(bot: RunningBot, run: () => Promise<LoadResult>) {
  const [botBefore, ownBefore] = [cpuMsOf(bot.pid), ownCpuMs()];
  const result = await run();
  // What the bot does after its last answer (the inbox row marked handled) is its work too.
  await sleep(250);
  const [botAfter, ownAfter] = [cpuMsOf(bot.pid), ownCpuMs()];
  const answered = latencies(result.latencies);
  return {
    result,
    answered,
    phase: {
      perSecond: result.perSecond,
      cpuMsPerUpdate: (botAfter - botBefore) / result.updates,
      emulatorCpuMsPerUpdate: (ownAfter - ownBefore) / result.updates,
      p50: answered.p50,
      p99: answered.p99,
    } satisfies Phase,
  };
}
