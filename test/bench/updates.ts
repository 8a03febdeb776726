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
//                behind grammY's webhookCallback, `--webhook-chats` deliveries at once; then the
//                bot's webhook /balance counted like the rest
//
// npm run bench -- updates [--rounds 3] [--updates 400] [--chats 100] [--rates 100,300,1000]
//   [--open-seconds 2] [--count-updates 100] [--webhook-updates 300] [--webhook-chats 50]
//   [--cpu-prof [--cpu-prof-file updates-bot.cpuprofile]]
// Fresh chats in every phase, each sending at most a few updates, so the shipped flood guard
// (FLOOD_LIMIT 15 per 5 s) never holds one back; the bot's own counter of dropped updates is
// reported. Needs PostgreSQL and a Redis of its own (REDIS_URL; INFO commandstats is server-wide;
// database 14 is emptied and used).
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { seedDemoData } from "../../prisma/seed.ts";
import { BotApiEmulator } from "../emulator/index.ts";
import { redisUrl } from "../support/services.ts";
import { withBenchDatabase } from "./database.ts";
import { BenchContext } from "./updates/bench-context.ts";
import { countingPass } from "./updates/counting-pass.ts";
import { pollingPass } from "./updates/polling-pass.ts";
import { markdownReport } from "./updates/report.ts";
import type { Options, UpdatesResults } from "./updates/results.ts";
import { webhookPass } from "./updates/webhook-pass.ts";

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

export async function benchUpdates(...args: string[]): Promise<string> {
  const options = parseOptions(args);
  const started = performance.now();
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
    loadAverage: { before: loadavg(), after: [] },
    seconds: 0,
  };
  let context: BenchContext | undefined;
  try {
    return await withBenchDatabase(async (db, databaseUrl) => {
      await seedDemoData(db);
      const stores = { databaseUrl, redisUrl: benchRedisUrl };
      context = new BenchContext(options, results, emulators, stores, redis, db);
      await pollingPass(context);
      await countingPass(context);
      await webhookPass(context);
      results.failedCalls = Object.values(context.trackers).reduce(
        (sum, tracker) => sum + tracker.failedCalls,
        0,
      );
      results.loadAverage.after = loadavg();
      results.seconds = (performance.now() - started) / 1000;
      return markdownReport(results);
    });
  } finally {
    await context?.stopAll();
    context?.close();
    await Promise.all(Object.values(emulators).map((emulator) => emulator.stop()));
    await redis.flushdb();
    redis.disconnect();
  }
}
