// The counting pass of `npm run bench -- updates`: a bot's PostgreSQL and Redis behind counters of
// their wire protocols (one pair per bot process, so each counts only its own), and Redis' own
// INFO commandstats; per update, from quiet to quiet (the minute's inbox sweep may land in one).
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import { type CommandCounts, commandCounts, commandsBetween, totalOf } from "./redis-commands.ts";
import type { Counted } from "./results.ts";
import { type SqlCounts, startPgCounter, startRedisCounter } from "./wire-counter.ts";

interface Snapshot {
  at: number;
  sql: SqlCounts;
  sent: CommandCounts;
  server: CommandCounts;
}

interface Difference {
  seconds: number;
  sql: SqlCounts;
  sent: CommandCounts;
  server: CommandCounts;
}

export interface ProcessCounters {
  /** The URLs the process is given: through the counters. */
  stores: { databaseUrl: string; redisUrl: string };
  snapshot(): Promise<Snapshot>;
  close(): Promise<void>;
}

const target = (url: string, defaultPort: number) => {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || defaultPort) };
};

/** `server`: a connection to the Redis itself, for INFO commandstats. */
export async function countersFor(
  stores: { databaseUrl: string; redisUrl: string },
  server: Redis,
): Promise<ProcessCounters> {
  const sql = await startPgCounter(target(stores.databaseUrl, 5432));
  const redis = await startRedisCounter(target(stores.redisUrl, 6379));
  return {
    stores: { databaseUrl: sql.via(stores.databaseUrl), redisUrl: redis.via(stores.redisUrl) },
    async snapshot() {
      return {
        at: performance.now(),
        sql: sql.counts(),
        sent: redis.counts(),
        server: await commandCounts(server),
      };
    },
    async close() {
      await sql.close();
      await redis.close();
    },
  };
}

export function between(before: Snapshot, after: Snapshot): Difference {
  return {
    seconds: (after.at - before.at) / 1000,
    sql: {
      roundTrips: after.sql.roundTrips - before.sql.roundTrips,
      statements: after.sql.statements - before.sql.statements,
      transactions: after.sql.transactions - before.sql.transactions,
      byText: commandsBetween(before.sql.byText, after.sql.byText),
    },
    sent: commandsBetween(before.sent, after.sent),
    server: commandsBetween(before.server, after.server),
  };
}

/**
 * Waits until the process has sent nothing for a second (what it does after its last answer, such
 * as marking the update handled, may lag behind under load), then takes the snapshot.
 */
export async function quietSnapshot(counters: ProcessCounters): Promise<Snapshot> {
  let last = await counters.snapshot();
  let quietSince = performance.now();
  for (const started = performance.now(); performance.now() - started < 30_000; ) {
    await sleep(200);
    const now = await counters.snapshot();
    const moved =
      now.sql.roundTrips !== last.sql.roundTrips || totalOf(now.sent) !== totalOf(last.sent);
    last = now;
    if (moved) quietSince = performance.now();
    else if (performance.now() - quietSince >= 1000) return now;
  }
  throw new Error("the bot kept talking to PostgreSQL or Redis for 30 s after its load");
}

/** What `ran`, a load of `updates` updates, cost per update. */
export function perUpdate(ran: Difference, updates: number): Counted {
  const each = (count: number) => count / updates;
  const byCommand = (counts: CommandCounts) => {
    const result: CommandCounts = new Map();
    for (const [name, calls] of counts) {
      const value = each(calls);
      if (value >= 0.01) result.set(name, value);
    }
    return result;
  };
  const sent = byCommand(ran.sent);
  return {
    roundTrips: each(ran.sql.roundTrips),
    statements: each(ran.sql.statements),
    transactions: each(ran.sql.transactions),
    redisSent: totalOf(sent),
    redisSentByCommand: [...sent]
      .sort((a, b) => b[1] - a[1])
      .map(([name, calls]) => `${name} ${Math.round(calls * 10) / 10}`)
      .join(", "),
    redisServer: totalOf(byCommand(ran.server)),
    statementsByText: [...byCommand(ran.sql.byText)]
      .sort((a, b) => b[1] - a[1])
      .map(([text, calls]) => ({ text, perUpdate: calls })),
  };
}
