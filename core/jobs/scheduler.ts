// Runs the registered jobs on their schedules in the provider's time zone, each on one instance
// at a time (the job lock). Every job is idempotent for its day, so the scheduler also runs on
// start what today's schedule has already passed: a restart after a crash or downtime catches up.

import cron, { type ScheduledTask } from "node-cron";
import type { Billing } from "../billing/port.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db.ts";
import { isDatabaseUnreachable } from "../db-outage.ts";
import type { Logger } from "../logger.ts";
import { createDeliverer } from "../notify/single-sender.ts";
import type { BotMetrics } from "../ops/metrics.ts";
import type { Outages } from "../outages.ts";
import type { Notifier, SupportDesk } from "../ports.ts";
import type { Redis } from "../redis.ts";
import { wallClockAt } from "../zoned-time.ts";
import { type JobLock, localJobLock, type RedisLockTiming, redisJobLock } from "./lock.ts";
import { type Job, type JobName, jobRunsOn, jobs, today } from "./registry.ts";

export interface SchedulerDeps {
  db: Db;
  redis: Redis | undefined;
  logger: Logger;
  /** A job failing during an outage is put down to it (logged once there), not logged itself. */
  outages?: Outages;
  timeZone: string;
  config: Config;
  billing: Billing;
  notifier: Notifier;
  supportDesk?: SupportDesk;
  /** The job lock's lease and renewal (tests make them short). */
  lockTiming?: RedisLockTiming;
  /** Runs by job and result, and their duration (kaspnet_job_runs_total, …_duration_seconds). */
  metrics?: Pick<BotMetrics, "jobRuns" | "jobSeconds">;
}

export interface Scheduler {
  /** Runs a job now for today (or the given day), unless another instance is running it. */
  run(name: JobName, day?: string): Promise<boolean>;
  /** Stops the jobs claiming work and waits for them to end, or for `deadline`. */
  stop(deadline?: Promise<unknown>): Promise<void>;
}

/** Runs jobs when asked, each under the job lock; `startScheduler` asks on the schedules. */
export function createJobRunner({
  db,
  redis,
  logger,
  outages,
  timeZone,
  config,
  billing,
  notifier,
  supportDesk,
  lockTiming,
  metrics,
}: SchedulerDeps): Scheduler {
  const lock: JobLock = redis ? redisJobLock(redis, lockTiming) : localJobLock();
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
    let result = "ok";
    let startedAt: number | undefined;
    const work = lock.runExclusive(name, async (lost) => {
      log.info("job started");
      startedAt = performance.now();
      const onLost = () =>
        log.error({ err: lost.reason }, "lock lost: the job stops claiming work");
      lost.addEventListener("abort", onLost, { once: true });
      const report = await jobs[name].run({
        db,
        day,
        config,
        billing,
        notifier,
        deliver,
        ...(supportDesk ? { supportDesk } : {}),
        // Stopping, a job stops claiming work like one that lost its lock; its next run resumes.
        signal: AbortSignal.any([lost, stopping.signal]),
        progress: (message) => log.debug(message),
      });
      lost.removeEventListener("abort", onLost);
      if (lost.aborted || stopping.signal.aborted) result = "stopped";
      if (lost.aborted) log.warn({ report }, "job stopped after losing its lock");
      else if (stopping.signal.aborted) log.info({ report }, "job stopped by the stop");
      else log.info({ report }, "job finished");
    });
    running.add(work);
    try {
      const ran = await work;
      if (!ran) {
        result = "skipped";
        log.info("job is running on another instance");
      }
      return ran;
    } catch (error) {
      result = "failed";
      if (isDatabaseUnreachable(error)) outages?.markDown("postgresql", error);
      const down = outages?.current() ?? [];
      if (down.length > 0) log.debug({ err: error, down }, "job failed during an outage");
      else log.error({ err: error }, "job failed; it resumes on its next run");
      return false;
    } finally {
      running.delete(work);
      metrics?.jobRuns.inc({ job: name, result });
      if (startedAt !== undefined)
        metrics?.jobSeconds.observe({ job: name }, (performance.now() - startedAt) / 1000);
    }
  }

  return {
    run,
    async stop(deadline) {
      stopping.abort();
      const ended = Promise.allSettled([...running]);
      await (deadline ? Promise.race([ended, deadline]) : ended);
    },
  };
}

export function startScheduler(deps: SchedulerDeps): Scheduler {
  const { config, timeZone } = deps;
  const runner = createJobRunner(deps);
  const schedules = Object.entries(jobs)
    .filter(([name]) => jobRunsOn(name as JobName, deps.billing))
    .map(([name, job]: [string, Job]) => ({
      name: name as JobName,
      schedule: typeof job.schedule === "function" ? job.schedule(config) : job.schedule,
    }));
  const tasks: ScheduledTask[] = schedules.map(({ name, schedule }) =>
    cron.schedule(schedule, () => runner.run(name), { timezone: timeZone, name, noOverlap: true }),
  );
  for (const { name, schedule } of schedules) {
    if (passedToday(schedule, timeZone)) void runner.run(name);
  }

  return {
    run: runner.run,
    async stop(deadline) {
      const stopped = runner.stop(deadline); // aborts the deliveries at once
      await Promise.all(tasks.map((task) => task.stop()));
      await stopped;
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
