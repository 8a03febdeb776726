// The counting pass of `npm run bench -- updates`: a bot's PostgreSQL and Redis behind counters of
// their wire protocols (one pair per bot process, so each counts only its own), and Redis' own
// INFO commandstats; per update, with what the process does idle (the inbox's sweep, locks)
// subtracted at its measured rate.
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
    },
    sent: commandsBetween(before.sent, after.sent),
    server: commandsBetween(before.server, after.server),
  };
}

/** What `ran` (a load of `updates` updates) cost per update, over the idle rate of `idle`. */
export function perUpdate(ran: Difference, idle: Difference, updates: number): Counted {
  const each = (count: number, idleCount: number) =>
    Math.max(0, count - (idleCount * ran.seconds) / idle.seconds) / updates;
  const byCommand = (counts: CommandCounts, idleCounts: CommandCounts) => {
    const result: CommandCounts = new Map();
    for (const [name, calls] of counts) {
      const value = each(calls, idleCounts.get(name) ?? 0);
      if (value >= 0.05) result.set(name, value);
    }
    return result;
  };
  const sent = byCommand(ran.sent, idle.sent);
  return {
    roundTrips: each(ran.sql.roundTrips, idle.sql.roundTrips),
    statements: each(ran.sql.statements, idle.sql.statements),
    transactions: each(ran.sql.transactions, idle.sql.transactions),
    redisSent: totalOf(sent),
    redisSentByCommand: [...sent]
      .sort((a, b) => b[1] - a[1])
      .map(([name, calls]) => `${name} ${Math.round(calls * 10) / 10}`)
      .join(", "),
    redisServer: totalOf(byCommand(ran.server, idle.server)),
  };
}

/** The idle rate, per second, of a process's round trips and commands sent, for the report. */
export function idleRate(idle: Difference): { roundTrips: number; redisSent: number } {
  return {
    roundTrips: idle.sql.roundTrips / idle.seconds,
    redisSent: totalOf(idle.sent) / idle.seconds,
  };
}
