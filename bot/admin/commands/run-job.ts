// run-job <name> [--date YYYY-MM-DD]: a scheduled job once, now, for the day given (default:
// today in the provider's time zone). Jobs are idempotent for their day: a rerun does nothing twice.
import { isBillingDay } from "../../../core/billing/calendar.ts";
import { createBilling } from "../../../core/billing/create-billing.ts";
import { isJobName, type Job, jobRunsOn, jobs, today } from "../../../core/jobs/registry.ts";
import { createLogger } from "../../../core/logger.ts";
import { loadJobConfig } from "../config.ts";
import { type AdminCommand, exitCode, parseCommandLine, UsageError } from "../io.ts";
import { operatorTelegram } from "../telegram.ts";

const jobNames = Object.keys(jobs).join(", ");

export const runJobCommand: AdminCommand = {
  name: "run-job",
  usage: "run-job <name> [--date YYYY-MM-DD]",
  summary: `runs a scheduled job once now (${jobNames})`,
  async run(args, { io, db }) {
    const { positionals, values } = parseCommandLine(this, args, {
      options: { date: { type: "string" } },
      positionals: ["name"],
    });
    const name = positionals[0] ?? "";
    if (!isJobName(name)) throw new UsageError(`unknown job "${name}"; known jobs: ${jobNames}`);
    if (values.date !== undefined && !isBillingDay(values.date)) {
      throw new UsageError(`--date: "${values.date}" is not a date YYYY-MM-DD, e.g. 2026-12-01`);
    }
    const config = loadJobConfig(io.env);
    const current = today(config.timeZone);
    const day = values.date ?? current;
    if (day > current) io.err(`note: ${day} is after today (${current} in ${config.timeZone})`);

    const database = await db();
    const { billing } = createBilling(config, database, createLogger("error"));
    if (!jobRunsOn(name, billing)) {
      io.out(`${name}: not run on BILLING=${config.billing.kind}: ${(jobs[name] as Job).notOn}`);
      return exitCode.ok;
    }
    const telegram = await operatorTelegram(config, database);
    let summary: string;
    try {
      const result = await jobs[name].run({
        db: database,
        day,
        config,
        billing,
        notifier: telegram.notifier,
        deliver: telegram.deliver,
        progress: (message) => io.err(`${name} ${day}: ${message}`),
      });
      summary = Object.entries(result)
        .filter(([key]) => key !== "day")
        .map(([key, value]) => `${key} ${value}`)
        .join(", ");
    } finally {
      await telegram.close();
    }
    io.out(`${name} ${day} done: ${summary}`);
    if (!telegram.online) {
      io.err("note: nothing was sent to Telegram (no BOT_TOKEN); the bot's scheduler sends it");
    }
    return exitCode.ok;
  },
};
