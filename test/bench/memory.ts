// Benchmark: the bot's memory as distinct users arrive. The real bot (bot/main.ts) runs as its own
// process on PostgreSQL and Redis, polling the local Bot API emulator; distinct users each send
// /start (a new Telegram user remembered, the greeting and the menu), a window of them at a time.
// At each checkpoint, after a few idle seconds: the bot's RSS (/proc) as an operator sees it, then
// after a full garbage collection its RSS again and its live V8 heap (its own /metrics), Redis'
// used_memory and the number of keys in the bot's Redis database.
// npm run bench -- memory [checkpoint users…]   (default 10000 50000 100000)
// Needs the local PostgreSQL and Redis (REDIS_URL, default redis://127.0.0.1:6379; database 15 of
// it is emptied and used).
import type { ChildProcess } from "node:child_process";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { BotApiEmulator } from "../emulator/index.ts";
import { startBotProcess } from "../support/bot-process.ts";
import { redisUrl } from "../support/services.ts";
import { withBenchDatabase } from "./database.ts";
import { rssOf } from "./rss.ts";

/** Users talking to the bot at once. */
const window = 64;
/** Long enough for timers a burst leaves behind to run out (idle per-chat limiters: 10 s). */
const settleMs = 15_000;
const metricsPort = 9477;

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

async function heapUsed(): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  return Number(/^kaspnet_nodejs_heap_size_used_bytes (\S+)/m.exec(text)?.[1] ?? Number.NaN);
}

async function redisMemory(redis: Redis) {
  const info = await redis.info("memory");
  return {
    usedMemory: Number(/^used_memory:(\d+)/m.exec(info)?.[1]),
    keys: await redis.dbsize(),
  };
}

/** Has the bot write a heap snapshot (a full GC first), waits until it is written, deletes it. */
async function collectGarbage(child: ChildProcess, dir: string) {
  const before = new Set(await readdir(dir));
  child.kill("SIGUSR2");
  for (let size = -1; ; ) {
    await sleep(1000);
    const written = (await readdir(dir)).find((name) => !before.has(name));
    if (!written) continue;
    const now = (await stat(join(dir, written))).size;
    if (now === size && now > 0) {
      await rm(join(dir, written));
      return;
    }
    size = now;
  }
}

export async function benchMemory(...checkpoints: number[]) {
  const targets = (checkpoints.length > 0 ? checkpoints : [10_000, 50_000, 100_000]).sort(
    (a, b) => a - b,
  );
  const url = new URL(redisUrl);
  url.pathname = "/15";
  const redis = new Redis(url.toString());
  await redis.flushdb();
  const emulator = await BotApiEmulator.start();
  const snapshots = await mkdtemp(join(tmpdir(), "kaspnet-memory-"));
  try {
    return await withBenchDatabase(async (_db, databaseUrl) => {
      const bot = startBotProcess({
        BOT_TOKEN: emulator.token,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        DATABASE_URL: databaseUrl,
        REDIS_URL: url.toString(),
        METRICS_PORT: String(metricsPort),
        SCHEDULER: "off",
        LOG_LEVEL: "info",
        // A heap snapshot starts with a full garbage collection: the live heap, not the garbage
        // V8 has not collected yet.
        NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapshots}`,
      });
      const pid = bot.child.pid ?? 0;
      try {
        await bot.logged("bot started");
        const redisBefore = await redisMemory(redis);
        /** `arrived` of them in `seconds` since the previous checkpoint. */
        const measure = async (users: number, arrived: number, seconds: number) => {
          await sleep(settleMs);
          const rss = await rssOf(pid);
          await collectGarbage(bot.child, snapshots);
          const memory = await redisMemory(redis);
          const row = {
            users,
            rssMiB: mib(rss),
            rssAfterGcMiB: mib(await rssOf(pid)),
            liveHeapMiB: mib(await heapUsed()),
            redisUsedMemoryMiB: mib(memory.usedMemory),
            redisGrowthKiB: Math.round((memory.usedMemory - redisBefore.usedMemory) / 1024),
            redisKeys: memory.keys,
            startsPerSecond: seconds > 0 ? Math.round(arrived / seconds) : undefined,
          };
          console.error(JSON.stringify(row));
          return row;
        };
        const rows = [await measure(0, 0, 0)];
        let arrived = 0;
        for (const target of targets) {
          const [from, started] = [arrived, performance.now()];
          const worker = async () => {
            while (arrived < target) {
              arrived++;
              const user = emulator.user({ firstName: `Абонент ${arrived}`, languageCode: "ru" });
              await user.send("/start");
              await user.nextBotMessage({ timeoutMs: 60_000 });
              await user.nextBotMessage({ timeoutMs: 60_000 });
            }
          };
          await Promise.all(Array.from({ length: window }, worker));
          const seconds = (performance.now() - started) / 1000;
          rows.push(await measure(target, target - from, seconds));
        }
        const errors = bot.output.stdout.split("\n").filter((line) => /"level":(50|60)/.test(line));
        const first = rows.find((row) => row.users === targets[0]);
        const last = rows.at(-1);
        const change = (of: (row: (typeof rows)[number]) => number) =>
          first && last ? `${Math.round((of(last) / of(first) - 1) * 1000) / 10} %` : "";
        return {
          rows,
          rssChange: change((row) => row.rssMiB),
          rssAfterGcChange: change((row) => row.rssAfterGcMiB),
          liveHeapChange: change((row) => row.liveHeapMiB),
          errorsLogged: errors.length,
        };
      } finally {
        await bot.stop();
      }
    });
  } finally {
    await emulator.stop();
    await rm(snapshots, { recursive: true, force: true });
    await redis.flushdb();
    redis.disconnect();
  }
}
