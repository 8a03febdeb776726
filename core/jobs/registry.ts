// The scheduled jobs by name: what the scheduler runs on its schedule and what the operator runs
// once with `npm run admin -- run-job <name> [--date YYYY-MM-DD]`. Every job is idempotent for
// its day, so running it again, or on two instances, does nothing twice.
import { type BillingDay, billingDayAt } from "../billing/calendar.ts";
import { runDailyCharge } from "../billing/daily-charge.ts";
import type { Db } from "../db.ts";

export interface JobContext {
  db: Db;
  /** The day the job works for, in the provider's time zone. */
  day: BillingDay;
  progress(message: string): void;
}

export interface Job {
  /** node-cron expression, in the provider's time zone. */
  schedule: string;
  describe: string;
  run(context: JobContext): Promise<Record<string, number | string>>;
}

export const jobs = {
  "daily-charge": {
    schedule: "5 0 * * *",
    describe: "charges every active contract for the day and blocks those below zero",
    run: ({ db, day, progress }) =>
      runDailyCharge(db, {
        day,
        onProgress: (report) => progress(`charged ${report.charged}, skipped ${report.skipped}`),
      }).then((report) => ({ ...report })),
  },
} satisfies Record<string, Job>;

export type JobName = keyof typeof jobs;

export const isJobName = (name: string): name is JobName => Object.hasOwn(jobs, name);

export const today = (timeZone: string, now = new Date()) => billingDayAt(now, timeZone);
