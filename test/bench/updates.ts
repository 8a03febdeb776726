// Benchmark: updates a second, round trips, CPU and latency of the real bot against two anchors
// on this machine, all through the local Bot API emulator. Anchor A is a bare grammY runner bot
// answering once per update (no I/O); anchor B does by hand the I/O an update minimally needs (a
// Redis session read and write, one PostgreSQL query); the bot (bot/main.ts, PostgreSQL + Redis,
// shipped settings but SCHEDULER=off) gets /start from users it knows but who never signed in,
// /balance from signed-in users, and a press of the card's history button. Each bot is a child
// process on an emulator of its own; the emulators and the load run in this process.
//
//   closed loop  `--chats` chats each with one update in flight, `--updates` per phase, phases
//                alternated A, B, bot ×3 kinds for `--rounds` rounds; medians
//   open loop    /balance offered at `--rates` upd/s for `--open-seconds` each: p50/p95/p99
//   counting     a second run of the bot and of anchor B with PostgreSQL and Redis behind counters
//                of their wire protocols: SQL round trips and transactions, Redis commands sent per
//                update; and Redis' INFO commandstats (which also counts what a script runs)
//   webhook      the bot in webhook mode (with Redis: the several-instances chat lock) and anchor A
//                behind grammY's webhookCallback, `--webhook-chats` deliveries at once
//
// npm run bench -- updates [--rounds 3] [--updates 400] [--chats 100] [--rates 100,300,1000]
//   [--open-seconds 2] [--count-updates 100] [--webhook-updates 300] [--webhook-chats 50]
//   [--cpu-prof [--cpu-prof-file bot.cpuprofile]]
// Fresh chats in every phase, each sending at most a few updates, so the shipped flood guard
// (FLOOD_LIMIT 15 per 5 s) never holds one back; the bot's own counter of dropped updates is
// reported. Needs PostgreSQL and a Redis of its own (REDIS_URL; INFO commandstats is server-wide;
// database 14 is emptied and used).
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import type { Message } from "grammy/types";
import { Redis } from "ioredis";
import { seedDemoData } from "../../prisma/seed.ts";
import { BotApiEmulator, type UserDriver } from "../emulator/index.ts";
import { redisUrl } from "../support/services.ts";
import { withBenchDatabase } from "./database.ts";
import { BenchUsers } from "./updates/bench-users.ts";
import { type RunningBot, startAnchor, startRealBot } from "./updates/bots.ts";
import { between, countersFor, perUpdate, quietSnapshot } from "./updates/counting.ts";
import { type CpuProfile, summarizeProfile } from "./updates/cpu-profile-summary.ts";
import { closedLoop, type LoadResult, type Offer, openLoop } from "./updates/load.ts";
import { calibratedOffer, command, historyPress, type Send } from "./updates/offers.ts";
import { cpuMsOf, ownCpuMs } from "./updates/process-cpu.ts";
import { ReplyTracker } from "./updates/reply-tracker.ts";
import { markdownReport } from "./updates/report.ts";
import {
  botLoads,
  type Load,
  loads,
  type Options,
  type Phase,
  type UpdatesResults,
} from "./updates/results.ts";
import { latencies } from "./updates/stats.ts";

function parseOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      rounds: { type: "string", default: "3" },
      updates: { type: "string", default: "400" },
      chats: { type: "string", default: "100" },
      rates: { type: "string", default: "100,300,1000" },
      "open-seconds": { type: "string", default: "2" },
      "count-updates": { type: "string", default: "100" },
      "webhook-updates": { type: "string", default: "300" },
      "webhook-chats": { type: "string", default: "50" },
      "cpu-prof": { type: "boolean", default: false },
      "cpu-prof-file": { type: "string", default: "updates-bot.cpuprofile" },
    },
  });
  const positive = (name: keyof typeof values, text: string) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: a positive number`);
    return value;
  };
  const options: Options = {
    rounds: positive("rounds", values.rounds),
    updates: positive("updates", values.updates),
    chats: positive("chats", values.chats),
    rates: values.rates.split(",").map((rate) => positive("rates", rate)),
    openSeconds: positive("open-seconds", values["open-seconds"]),
    countUpdates: positive("count-updates", values["count-updates"]),
    webhookUpdates: positive("webhook-updates", values["webhook-updates"]),
    webhookChats: positive("webhook-chats", values["webhook-chats"]),
    cpuProfile: values["cpu-prof"] ? resolve(values["cpu-prof-file"]) : undefined,
  };
  if (options.updates / options.chats > 8)
    throw new Error(
      "--updates / --chats over 8 would let the flood guard (15 per 5 s) hold chats back",
    );
  return options;
}

const progress = (text: string) =>
  console.error(`[updates ${new Date().toISOString().slice(11, 19)}] ${text}`);

/** A load on one bot, with the bot's CPU (from /proc) and this process's (the emulator's). */
async function measured(bot: RunningBot, run: () => Promise<LoadResult>) {
  const [botBefore, ownBefore] = [cpuMsOf(bot.pid), ownCpuMs()];
  const result = await run();
  // What the bot does after its last answer (a session written, the inbox row marked) is its work.
  await sleep(250);
  const [botAfter, ownAfter] = [cpuMsOf(bot.pid), ownCpuMs()];
  const answered = latencies(result.latencies);
  return {
    result,
    phase: {
      perSecond: result.perSecond,
      cpuMsPerUpdate: (botAfter - botBefore) / result.updates,
      emulatorCpuMsPerUpdate: (ownAfter - ownBefore) / result.updates,
      p50: answered.p50,
      p99: answered.p99,
    } satisfies Phase,
  };
}

export async function benchUpdates(...args: string[]): Promise<string> {
  const options = parseOptions(args);
  const started = performance.now();
  const loadBefore = loadavg();
  const url = new URL(redisUrl);
  url.pathname = "/14";
  const benchRedisUrl = url.toString();
  const redis = new Redis(benchRedisUrl);
  await redis.flushdb();
  const emulators = {
    anchorA: await BotApiEmulator.start({ timeoutMs: 30_000 }),
    anchorB: await BotApiEmulator.start({ timeoutMs: 30_000 }),
    bot: await BotApiEmulator.start({ timeoutMs: 30_000 }),
  };
  const trackers = {
    anchorA: new ReplyTracker(emulators.anchorA),
    anchorB: new ReplyTracker(emulators.anchorB),
    bot: new ReplyTracker(emulators.bot),
  };
  const running: RunningBot[] = [];
  const stopAll = async () => {
    await Promise.all(running.splice(0).map((bot) => bot.stop()));
  };
  try {
    return await withBenchDatabase(async (db, databaseUrl) => {
      await seedDemoData(db);
      const users = {
        anchorA: new BenchUsers(emulators.anchorA, db, 300_000_001),
        anchorB: new BenchUsers(emulators.anchorB, db, 200_000_001),
        bot: new BenchUsers(emulators.bot, db, 100_000_001),
      };
      const stores = { databaseUrl, redisUrl: benchRedisUrl };
      const results: UpdatesResults = {
        options,
        callsPerUpdate: { anchorA: 0, anchorB: 0, start: 0, balance: 0, history: 0 },
        closed: { anchorA: [], anchorB: [], start: [], balance: [], history: [] },
        open: [],
        counted: {},
        webhook: { anchorA: [], bot: [] },
        floodDropped: 0,
        errorsLogged: 0,
        failedCalls: 0,
        loadAverage: { before: loadBefore, after: [] },
        seconds: 0,
      };

      const cards = new Map<number, Message>();
      /** Users shown their balance card (each sends /balance once, not measured). */
      const withCards = async (list: UserDriver[], balanceOffer: Offer) => {
        await closedLoop(list, list.length, balanceOffer, "the cards before the history presses");
        for (const user of list) {
          const card = user.lastBotMessage();
          if (card) cards.set(user.id, card);
        }
        return list;
      };
      const sends: Record<Load, Send> = {
        anchorA: command("/balance"),
        anchorB: command("/balance"),
        start: command("/start"),
        balance: command("/balance"),
        history: historyPress(trackers.bot, cards),
      };
      /** Fresh users for one phase of a load, with what the load needs in the database. */
      const usersFor = async (load: Load, count: number, balanceOffer?: Offer) => {
        if (load === "anchorA") return users.anchorA.fresh(count);
        if (load === "anchorB") return users.anchorB.known(count);
        if (load === "start") return users.bot.known(count);
        const signedIn = await users.bot.signedIn(count);
        if (load === "balance") return signedIn;
        if (!balanceOffer) throw new Error("the history press needs the /balance offer");
        return withCards(signedIn, balanceOffer);
      };
      const trackerOf = (load: Load) =>
        load === "anchorA"
          ? trackers.anchorA
          : load === "anchorB"
            ? trackers.anchorB
            : trackers.bot;

      /** Counts the calls that answer each load once, then warms each bot up. */
      const prepare = async (loadsHere: readonly Load[], warmUpdates: number) => {
        const offers: Partial<Record<Load, Offer>> = {};
        for (const load of loadsHere) {
          const [probe] = await usersFor(load, 1, offers.balance);
          if (!probe) throw new Error("no probe user");
          const { offer, calls } = await calibratedOffer(trackerOf(load), probe, sends[load]);
          offers[load] = offer;
          results.callsPerUpdate[load] = calls;
          const warm = await usersFor(load, options.chats, offers.balance);
          await closedLoop(warm, warmUpdates, offer, `warming up ${load}`);
        }
        return offers as Record<Load, Offer>;
      };

      // Closed and open loop: the three bots side by side, nothing between them and PostgreSQL.
      progress("starting anchor A, anchor B and the bot (polling)");
      const [anchorA, anchorB, bot] = await Promise.all([
        startAnchor("no-io", emulators.anchorA, stores),
        startAnchor("same-io", emulators.anchorB, stores),
        startRealBot(emulators.bot, { ...stores, profileTo: options.cpuProfile }),
      ]);
      running.push(anchorA, anchorB, bot);
      const processOf = (load: Load): RunningBot =>
        load === "anchorA" ? anchorA : load === "anchorB" ? anchorB : bot;
      progress("counting the calls per update, warming up");
      const offers = await prepare(loads, Math.min(options.updates, 100));
      if (options.cpuProfile) await bot.toggleProfile();
      for (let round = 1; round <= options.rounds; round++) {
        for (const load of loads) {
          const list = await usersFor(load, options.chats, offers.balance);
          const { phase } = await measured(processOf(load), () =>
            closedLoop(list, options.updates, offers[load], `round ${round}, ${load}`),
          );
          results.closed[load].push(phase);
          progress(`round ${round} ${load}: ${Math.round(phase.perSecond)} upd/s`);
        }
      }
      for (const rate of options.rates) {
        const total = Math.round(rate * options.openSeconds);
        const list = await users.bot.signedIn(Math.max(20, Math.ceil(total / 6)));
        const { result } = await measured(bot, () =>
          openLoop(list, rate, options.openSeconds, offers.balance, `/balance at ${rate} upd/s`),
        );
        results.open.push({
          rate,
          updates: result.updates,
          answeredPerSecond: result.perSecond,
          ...latencies(result.latencies),
        });
        progress(`open loop ${rate} upd/s: p99 ${Math.round(latencies(result.latencies).p99)} ms`);
      }
      if (options.cpuProfile) {
        await bot.toggleProfile();
        const profile = JSON.parse(await readFile(options.cpuProfile, "utf8")) as CpuProfile;
        results.profile = { file: options.cpuProfile, summary: summarizeProfile(profile) };
      }
      results.floodDropped += await bot.floodDropped();
      results.errorsLogged += bot.errorsLogged();
      await stopAll();

      // Counting: the bot and anchor B again, PostgreSQL behind the wire-protocol counter.
      progress("counting SQL round trips and Redis commands");
      const [countersB, countersBot] = await Promise.all([
        countersFor(stores, redis),
        countersFor(stores, redis),
      ]);
      const [countedB, countedBot] = await Promise.all([
        startAnchor("same-io", emulators.anchorB, countersB.stores),
        startRealBot(emulators.bot, countersBot.stores),
      ]);
      running.push(countedB, countedBot);
      const countingLoads = ["anchorB", ...botLoads] as const;
      const countingOffers = await prepare(countingLoads, 100);
      for (const load of countingLoads) {
        const counters = load === "anchorB" ? countersB : countersBot;
        const list = await usersFor(
          load,
          Math.max(10, Math.ceil(options.countUpdates / 5)),
          countingOffers.balance,
        );
        const before = await quietSnapshot(counters);
        await closedLoop(list, options.countUpdates, countingOffers[load], `counting ${load}`);
        const ran = between(before, await quietSnapshot(counters));
        results.counted[load] = perUpdate(ran, options.countUpdates);
      }
      results.floodDropped += await countedBot.floodDropped();
      results.errorsLogged += countedBot.errorsLogged();
      await stopAll();
      await countersB.close();
      await countersBot.close();

      // Webhook: the bot (several-instances mode: its chat lock in Redis) and anchor A.
      progress("webhook mode");
      const [webhookA, webhookBot] = await Promise.all([
        startAnchor("no-io", emulators.anchorA, stores, "webhook"),
        startRealBot(emulators.bot, { ...stores, mode: "webhook" }),
      ]);
      running.push(webhookA, webhookBot);
      const webhookOffers = await prepare(["anchorA", "balance"], 200);
      for (let round = 1; round <= options.rounds; round++) {
        for (const [load, target] of [
          ["anchorA", webhookA],
          ["balance", webhookBot],
        ] as const) {
          const list = await usersFor(load, options.webhookChats);
          const { result, phase } = await measured(target, () =>
            closedLoop(list, options.webhookUpdates, webhookOffers[load], `webhook ${load}`),
          );
          const answered = latencies(result.latencies);
          results.webhook[load === "anchorA" ? "anchorA" : "bot"].push({
            perSecond: phase.perSecond,
            p50: answered.p50,
            p95: answered.p95,
            p99: answered.p99,
            cpuMsPerUpdate: phase.cpuMsPerUpdate,
          });
          progress(`webhook round ${round} ${load}: p99 ${Math.round(answered.p99)} ms`);
        }
      }
      results.floodDropped += await webhookBot.floodDropped();
      results.errorsLogged += webhookBot.errorsLogged();
      await stopAll();
      // And its round trips, counted as in polling mode.
      const countersWebhook = await countersFor(stores, redis);
      const countedWebhook = await startRealBot(emulators.bot, {
        ...countersWebhook.stores,
        mode: "webhook",
      });
      running.push(countedWebhook);
      const countedWebhookOffer = (await prepare(["balance"], 50)).balance;
      const webhookList = await usersFor(
        "balance",
        Math.max(10, Math.ceil(options.countUpdates / 5)),
      );
      const webhookBefore = await quietSnapshot(countersWebhook);
      await closedLoop(webhookList, options.countUpdates, countedWebhookOffer, "counting webhook");
      results.countedWebhook = perUpdate(
        between(webhookBefore, await quietSnapshot(countersWebhook)),
        options.countUpdates,
      );
      results.floodDropped += await countedWebhook.floodDropped();
      results.errorsLogged += countedWebhook.errorsLogged();
      await stopAll();
      await countersWebhook.close();

      results.failedCalls = Object.values(trackers).reduce((sum, t) => sum + t.failedCalls, 0);
      results.loadAverage.after = loadavg();
      results.seconds = (performance.now() - started) / 1000;
      return markdownReport(results);
    });
  } finally {
    await stopAll();
    for (const tracker of Object.values(trackers)) tracker.stop();
    await Promise.all(Object.values(emulators).map((emulator) => emulator.stop()));
    await redis.flushdb();
    redis.disconnect();
  }
}
