// Commands a Redis server ran, by name, from INFO commandstats: a snapshot before and after a
// load gives the commands per update. Server-wide, so the benchmark's Redis should be its own.
import type { Redis } from "ioredis";

export type CommandCounts = Map<string, number>;

export async function commandCounts(redis: Redis): Promise<CommandCounts> {
  const info = await redis.info("commandstats");
  const counts: CommandCounts = new Map();
  for (const [, name, calls] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    counts.set(name ?? "", Number(calls));
  return counts;
}

/** What ran between two snapshots, leaving out the INFO commands that took them. */
export function commandsBetween(before: CommandCounts, after: CommandCounts): CommandCounts {
  const ran: CommandCounts = new Map();
  for (const [name, calls] of after) {
    if (name === "info") continue;
    const more = calls - (before.get(name) ?? 0);
    if (more > 0) ran.set(name, more);
  }
  return ran;
}

export const totalOf = (counts: CommandCounts) => [...counts.values()].reduce((a, b) => a + b, 0);
