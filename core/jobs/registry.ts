// The scheduled jobs by name: what the scheduler runs on its schedule and what the operator runs
// once with `npm run admin -- run-job <name> [--date YYYY-MM-DD]`. Every job is idempotent for
// its day, so running it again, or on two instances, does nothing twice.
import { type BillingDay, billingDayAt } from "../billing/calendar.ts";
import { runDailyCharge } from "../billing/daily-charge.ts";
import type { Billing } from "../billing/port.ts";
import { expireTrusts } from "../billing/trust-expiry.ts";
import { queueTrustReminders } from "../billing/trust-reminder.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db.ts";
import { queueLowBalanceReminders } from "../notify/low-balance.ts";
import type { Deliver } from "../notify/single-sender.ts";
import { expireInvoices } from "../payments/invoice-expiry.ts";
import { runPaymentPosting } from "../payments/posting-run.ts";
import type { Notifier, SupportDesk } from "../ports.ts";
import { runRequestsDigest } from "../requests/digest.ts";

export interface JobContext {
  db: Db;
  /** The day the job works for, in the provider's time zone. */
  day: BillingDay;
  config: Config;
  /** The billing the bot runs on. */
  billing: Billing;
  /** Messages a job sends to subscribers on its own (the bot supplies it). */
  notifier: Notifier;
  /** Sends the notifications outbox (what a job has just written to it, and anything left). */
  deliver: Deliver;
  /** Absent where no bot runs (the operator's command line): the support jobs then wait. */
  supportDesk?: SupportDesk;
  /** Aborted when the job lost its lock: it stops claiming work and leaves the rest to its holder. */
  signal?: AbortSignal;
  progress(message: string): void;
}

export interface Job {
  /** node-cron expression, in the provider's time zone (some are settings). */
  schedule: string | ((config: Config) => string);
  describe: string;
  /** Whether the job has work on this billing (absent: on every billing). */
  runsOn?(billing: Billing): boolean;
  /** Why it has none, for the operator who asks for it anyway. */
  notOn?: string;
  run(context: JobContext): Promise<Record<string, number | string>>;
}

/** A job's own report, then what the delivery that followed it sent. */
async function thenDeliver(
  { deliver, progress, signal }: JobContext,
  report: object,
): Promise<Record<string, number | string>> {
  const delivery = await deliver({
    signal,
    onProgress: (sofar) => progress(`sent ${sofar.sent}, failed ${sofar.failed}`),
  });
  return { ...report, ...delivery };
}

/** Jobs of the bot's own ledger: an external billing charges and ends its credits itself. */
const onLedgerHere = {
  runsOn: (billing: Billing) => billing.capabilities.ledgerHere,
  notOn: "an external billing charges its contracts and ends its credits itself",
};

export const jobs = {
  "daily-charge": {
    schedule: "5 0 * * *",
    describe: "charges every active contract for the day, blocks those below zero and tells them",
    ...onLedgerHere,
    run: async (context) => {
      const { db, day, progress, signal } = context;
      const report = await runDailyCharge(db, {
        day,
        signal,
        onProgress: (sofar) => progress(`charged ${sofar.charged}, skipped ${sofar.skipped}`),
      });
      return thenDeliver(context, report);
    },
  },
  "trust-expiry": {
    schedule: "*/10 * * * *",
    describe: "takes back trust payments that have ended, blocks contracts left below zero",
    ...onLedgerHere,
    run: async (context) =>
      thenDeliver(
        context,
        await expireTrusts(context.db, { now: new Date(), timeZone: context.config.timeZone }),
      ),
  },
  "trust-reminder": {
    schedule: "0 * * * *",
    describe: "reminds subscribers of a trust payment about to end (TRUST_REMINDER_HOURS ahead)",
    ...onLedgerHere,
    run: async (context) =>
      thenDeliver(
        context,
        await queueTrustReminders(context.db, { now: new Date(), config: context.config }),
      ),
  },
  "low-balance-reminders": {
    schedule: (config) => config.reminders.cron,
    describe: "reminds subscribers whose money runs out within their days ahead (REMINDER_CRON)",
    run: async (context) =>
      thenDeliver(
        context,
        await queueLowBalanceReminders(context.db, context.billing, {
          day: context.day,
          signal: context.signal,
        }),
      ),
  },
  "payment-posting": {
    schedule: "* * * * *",
    describe: "posts card payments the billing has not confirmed yet (retries, after an outage)",
    runsOn: (billing) => billing.postCardPayment !== undefined,
    notOn: "the built-in billing credits a card payment when it is paid",
    run: async (context) => {
      const { db, billing, config, notifier } = context;
      const post = billing.postCardPayment;
      if (!post) return { skipped: "nothing to post on this billing" };
      const report = await runPaymentPosting(
        db,
        { postCardPayment: (payment) => post.call(billing, payment) },
        { notifier, agentsChatId: config.supportChatId, timeZone: config.timeZone },
      );
      return thenDeliver(context, report);
    },
  },
  "invoice-expiry": {
    schedule: "*/10 * * * *",
    describe:
      "marks card invoices unpaid after INVOICE_LIFETIME_HOURS expired (one Telegram still reports paid is credited)",
    run: async ({ db, config, signal }) =>
      expireInvoices(db, { now: new Date(), lifetimeMs: config.invoiceLifetimeMs, signal }),
  },
  "deliver-notifications": {
    schedule: "*/5 * * * *",
    describe: "sends what is left in the notifications outbox (retries, announcements)",
    run: async (context) => thenDeliver(context, {}),
  },
  "requests-digest": {
    schedule: "0 9 * * *",
    describe: "tells the staff chat of connection requests still NEW after 24 hours",
    run: ({ db, day, config, notifier }) =>
      runRequestsDigest(db, { day, staffChatId: config.staffChatId, notifier }).then((report) => ({
        ...report,
      })),
  },
  "support-unanswered": {
    schedule: "*/5 * * * *",
    describe: "alerts the agents' group of tickets waiting 15 working minutes for an answer",
    run: async ({ supportDesk }) =>
      supportDesk ? supportDesk.alertUnanswered(new Date()) : { skipped: "runs in the bot" },
  },
  "incident-digests": {
    schedule: "* * * * *",
    describe:
      "posts what subscribers attached to an outage wrote into its topic, a digest a minute, and closes the topics of resolved ones",
    run: async ({ supportDesk }): Promise<Record<string, number | string>> => {
      if (!supportDesk) return { skipped: "runs in the bot" };
      // Digests first: a resolved incident's topic closes once what was written is in it.
      const digests = await supportDesk.postIncidentDigests();
      return { ...digests, ...(await supportDesk.closeIncidentTopics()) };
    },
  },
  "support-idle": {
    schedule: "15 * * * *",
    describe: "closes support tickets idle for 48 hours and asks the subscriber for a rating",
    run: async ({ supportDesk }) =>
      supportDesk ? supportDesk.closeIdleTickets(new Date()) : { skipped: "runs in the bot" },
  },
} satisfies Record<string, Job>;

export type JobName = keyof typeof jobs;

/** Whether the job has work on this billing. */
export const jobRunsOn = (name: JobName, billing: Billing): boolean =>
  (jobs[name] as Job).runsOn?.(billing) ?? true;

export const isJobName = (name: string): name is JobName => Object.hasOwn(jobs, name);

export const today = (timeZone: string, now = new Date()) => billingDayAt(now, timeZone);
