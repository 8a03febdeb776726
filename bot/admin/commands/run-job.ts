// run-job <name> [--date YYYY-MM-DD]: a scheduled job once, now, for the day given (default:
// today in the provider's time zone). Jobs are idempotent for their day: a rerun does nothing twice.
import { isBillingDay } from "../../../core/billing/calendar.ts";
import { isJobName, jobs, today } from "../../../core/jobs/registry.ts";
import { loadJobConfig } from "../config.ts";
import { type AdminCommand, exitCode, parseCommandLine, UsageError } from "../io.ts";
import { operatorNotifier } from "../telegram.ts";

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
    const notifier = operatorNotifier(config, database);
    const result = await jobs[name].run({
      db: database,
      day,
      config,
      notifier,
      progress: (message) => io.err(`${name} ${day}: ${message}`),
    });
    const summary = Object.entries(result)
      .filter(([key]) => key !== "day")
      .map(([key, value]) => `${key} ${value}`)
      .join(", ");
    io.out(`${name} ${day} done: ${summary}`);
    if (notifier.undelivered > 0) {
      io.err(
        notifier.online
          ? `note: ${notifier.undelivered} Telegram messages were not delivered; a rerun tries them again`
          : `note: ${notifier.undelivered} Telegram messages were not sent (no BOT_TOKEN); the bot's scheduler sends them`,
      );
    }
    return exitCode.ok;
  },
};
