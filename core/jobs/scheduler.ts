// Runs the registered jobs on their schedules in the provider's time zone, each on one instance
// at a time (the job lock). Every job is idempotent for its day, so the scheduler also runs on
// start what today's schedule has already passed: a restart after a crash or downtime catches up.
import cron, { type ScheduledTask } from "node-cron";
import type { Config } from "../config.ts";
import type { Db } from "../db.ts";
import { isDatabaseUnreachable } from "../db-outage.ts";
import type { Logger } from "../logger.ts";
import { createDeliverer } from "../notify/deliverer.ts";
import type { Outages } from "../outages.ts";
import type { Notifier, SupportDesk } from "../ports.ts";
import type { Redis } from "../redis.ts";
import { wallClockAt } from "../zoned-time.ts";
import { type JobLock, localJobLock, redisJobLock } from "./lock.ts";
import { type Job, type JobName, jobs, today } from "./registry.ts";

export interface SchedulerDeps {
  db: Db;
  redis: Redis | undefined;
  logger: Logger;
  /** A job failing during an outage is put down to it (logged once there), not logged itself. */
  outages?: Outages;
  timeZone: string;
  config: Config;
  notifier: Notifier;
  supportDesk?: SupportDesk;
}

export interface Scheduler {
  /** Runs a job now for today (or the given day), unless another instance is running it. */
  run(name: JobName, day?: string): Promise<boolean>;
  stop(): Promise<void>;
}

export function startScheduler({
  db,
  redis,
  logger,
  outages,
  timeZone,
  config,
  notifier,
  supportDesk,
}: SchedulerDeps): Scheduler {
  const lock: JobLock = redis ? redisJobLock(redis) : localJobLock();
  const running = new Set<Promise<unknown>>();
  // Stopping lets the notifications in flight settle and leaves the rest to the next start.
  const stopping = new AbortController();
  const deliver = createDeliverer(db, lock, {
    notifier,
    concurrency: config.delivery.concurrency,
    signal: stopping.signal,
  });

  async function run(name: JobName, day = today(timeZone)): Promise<boolean> {
    const log = logger.child({ job: name, day });
    const work = lock.runExclusive(name, async () => {
      log.info("job started");
      const report = await jobs[name].run({
        db,
        day,
        config,
        notifier,
        deliver,
        ...(supportDesk ? { supportDesk } : {}),
        progress: (message) => log.debug(message),
      });
      log.info({ report }, "job finished");
    });
    running.add(work);
    try {
      const ran = await work;
      if (!ran) log.info("job is running on another instance");
      return ran;
    } catch (error) {
      if (isDatabaseUnreachable(error)) outages?.markDown("postgresql", error);
      const down = outages?.current() ?? [];
      if (down.length > 0) log.debug({ err: error, down }, "job failed during an outage");
      else log.error({ err: error }, "job failed; it resumes on its next run");
      return false;
    } finally {
      running.delete(work);
    }
  }

  const schedules = Object.entries(jobs).map(([name, job]: [string, Job]) => ({
    name: name as JobName,
    schedule: typeof job.schedule === "function" ? job.schedule(config) : job.schedule,
  }));
  const tasks: ScheduledTask[] = schedules.map(({ name, schedule }) =>
    cron.schedule(schedule, () => run(name), { timezone: timeZone, name, noOverlap: true }),
  );
  for (const { name, schedule } of schedules) {
    if (passedToday(schedule, timeZone)) void run(name);
  }

  return {
    run,
    async stop() {
      stopping.abort();
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.allSettled([...running]);
    },
  };
}

/** Whether a daily `m h * * *` schedule's time has passed today in the time zone. */
export function passedToday(schedule: string, timeZone: string, now = new Date()): boolean {
  const [minute, hour, ...rest] = schedule.split(/\s+/);
  if (
    rest.some((field) => field !== "*") ||
    !/^\d+$/.test(minute ?? "") ||
    !/^\d+$/.test(hour ?? "")
  ) {
    return false;
  }
  const local = wallClockAt(now, timeZone);
  return local.hour * 60 + local.minute >= Number(hour) * 60 + Number(minute);
}
