// A job that loses its lock to another instance stops claiming work and says so; the other
// instance then does the rest. Real PostgreSQL and Redis; short lock timings.

import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { builtinBilling } from "../../core/billing/builtin-billing.ts";
import { loadConfig } from "../../core/config.ts";
import { createJobRunner, type SchedulerDeps } from "../../core/jobs/scheduler.ts";
import { createLogger } from "../../core/logger.ts";
import { noticeKinds } from "../../core/notify/notice-payload.ts";
import type { Notifier } from "../../core/ports.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { freshRedisUrl } from "../support/redis.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";

const jobKey = "lock:job:deliver-notifications";
const lockTiming = { leaseMs: 2000, renewEveryMs: 20 };

/** A real logger whose lines the test reads, and can wait for. */
function watchedLogs() {
  const entries: Record<string, unknown>[] = [];
  const waiters: { message: string; resolve: () => void }[] = [];
  const logger = createLogger("info", {
    write(line: string) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      entries.push(entry);
      for (const waiter of waiters) if (entry.msg === waiter.message) waiter.resolve();
    },
  });
  const logged = (message: string) =>
    new Promise<void>((resolve) => {
      if (entries.some((entry) => entry.msg === message)) resolve();
      else waiters.push({ message, resolve });
    });
  return { logger, entries, logged };
}

describe.skipIf(noPostgres || noRedis)("a job that loses its lock", () => {
  let database: TestDatabase;
  let redis: Redis;
  let other: Redis;

  beforeEach(async () => {
    database = await createTestDatabase();
    const url = await freshRedisUrl();
    redis = new Redis(url);
    other = new Redis(url);
  });
  afterEach(async () => {
    redis.disconnect();
    other.disconnect();
    await database.drop();
  });

  async function outboxOf(count: number) {
    const announcement = await database.prisma.announcement.create({
      data: { text: "Плановые работы ночью", textHash: "works", createdBy: "staff" },
    });
    for (let id = 1; id <= count; id += 1) {
      await database.prisma.telegramUser.create({
        data: { id, chatId: id, firstName: `User ${id}` },
      });
      await database.prisma.notification.create({
        data: {
          key: `announcement:${announcement.id}:${id}`,
          kind: noticeKinds.announcement,
          telegramUserId: id,
          announcementId: announcement.id,
          day: new Date("2026-12-01"),
        },
      });
    }
  }

  function runner(client: Redis, notifier: Notifier, logger: SchedulerDeps["logger"]) {
    const config = loadConfig({
      BOT_TOKEN: "123456789:AAFtestTokenForTheJobLockTest_0123456",
      DATABASE_URL: database.url,
      SCHEDULER: "off",
      DELIVERY_CONCURRENCY: "1",
    });
    return createJobRunner({
      db: database.prisma,
      redis: client,
      logger,
      timeZone: config.timeZone,
      config,
      billing: builtinBilling(database.prisma, config),
      notifier,
      lockTiming,
    });
  }

  it("stops delivering the outbox, logs it, and leaves the rest to the instance holding the lock", async () => {
    await outboxOf(5);
    const first = watchedLogs();
    const sentByFirst: number[] = [];
    const firstRunner = runner(
      redis,
      {
        async send(recipient) {
          sentByFirst.push(recipient.id);
          if (sentByFirst.length === 1) {
            // Another instance took the lock (say, after this one stalled past its lease).
            await other.set(jobKey, "another instance's token", "PX", 60_000);
            await first.logged("lock lost: the job stops claiming work");
          }
          return { outcome: "sent" };
        },
      },
      first.logger,
    );

    expect(await firstRunner.run("deliver-notifications")).toBe(true);
    expect(sentByFirst).toEqual([1]);
    const stopped = first.entries.find(
      (entry) => entry.msg === "job stopped after losing its lock",
    );
    expect(stopped?.level).toBe(40);
    expect(stopped?.report).toMatchObject({ sent: 1, left: 4 });
    expect(
      first.entries.filter((entry) => entry.msg === "lock lost: the job stops claiming work"),
    ).toHaveLength(1);
    expect(first.entries.some((entry) => entry.msg === "job finished")).toBe(false);
    // The holder's release left the other instance's lock in place.
    expect(await redis.get(jobKey)).toBe("another instance's token");

    // The other instance, once it runs the job itself, sends the rest, each once.
    await other.del(jobKey);
    const second = watchedLogs();
    const sentBySecond: number[] = [];
    const secondRunner = runner(
      other,
      {
        async send(recipient) {
          sentBySecond.push(recipient.id);
          return { outcome: "sent" };
        },
      },
      second.logger,
    );
    expect(await secondRunner.run("deliver-notifications")).toBe(true);
    expect(sentBySecond).toEqual([2, 3, 4, 5]);
    const finished = second.entries.find((entry) => entry.msg === "job finished");
    expect(finished?.report).toMatchObject({ sent: 4, left: 0 });
    expect(await database.prisma.notification.count({ where: { status: "SENT" } })).toBe(5);
    await Promise.all([firstRunner.stop(), secondRunner.stop()]);
  });
});
