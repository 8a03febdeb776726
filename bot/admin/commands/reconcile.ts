// reconcile --date YYYY-MM-DD: the day's card payments the bot recorded PAID against those the
// configured billing holds for the day (in TZ_NAME); one line per difference, then a summary.
// Exit code 0 when they agree, 1 when anything differs or could not be checked.
import { isBillingDay } from "../../../core/billing/calendar.ts";
import { createBilling } from "../../../core/billing/create-billing.ts";
import { today } from "../../../core/jobs/registry.ts";
import { createLogger } from "../../../core/logger.ts";
import { type ReconcileDifference, reconcileDay } from "../../../core/payments/reconcile.ts";
import { loadJobConfig } from "../config.ts";
import { formatInstant, formatMoney } from "../format.ts";
import { type AdminCommand, exitCode, parseCommandLine, UsageError } from "../io.ts";

function describe(difference: ReconcileDifference, timeZone: string): string {
  const at = (instant: Date) => formatInstant(instant, timeZone);
  switch (difference.kind) {
    case "bot-only": {
      const state = {
        posted: "",
        waiting: " (waiting to be posted)",
        stopped: ` (posting stopped: ${difference.postError ?? "no reason kept"})`,
      }[difference.posting];
      return `paid in bot, not in billing: #${difference.paymentId}  ${difference.login}  ${formatMoney(difference.amount)}  paid ${at(difference.paidAt)}${state}`;
    }
    case "billing-only": {
      const reference = difference.reference === null ? "" : `  ${difference.reference}`;
      const how = difference.card ? "" : " (the billing does not say it was by card: may be cash)";
      return `in billing, not in bot: ${difference.login}  ${formatMoney(difference.amount)}  at ${at(difference.at)}${reference}${how}`;
    }
    case "amount-differs":
      return `amounts differ: #${difference.paymentId}  ${difference.login}  bot ${formatMoney(difference.botAmount)}, billing ${formatMoney(difference.billingAmount)}  ${difference.reference}`;
    case "not-checked": {
      const why =
        difference.reason === "unavailable"
          ? "the billing did not answer"
          : "no credential: the subscriber must sign in again";
      return `not checked: ${difference.login} (${why}; ${difference.botPayments} paid in the bot)`;
    }
  }
}

export const reconcileCommand: AdminCommand = {
  name: "reconcile",
  usage: "reconcile --date YYYY-MM-DD",
  summary:
    "compares the day's card payments in the bot with the billing's; exit code 1 if any differ",
  async run(args, { io, db }) {
    const { values } = parseCommandLine(this, args, {
      options: { date: { type: "string" } },
      positionals: [],
    });
    const day = values.date;
    if (day === undefined)
      throw new UsageError(`reconcile: which day? usage: npm run admin -- ${this.usage}`);
    if (!isBillingDay(day))
      throw new UsageError(`--date: "${day}" is not a date YYYY-MM-DD, e.g. 2026-12-01`);
    const config = loadJobConfig(io.env);
    const current = today(config.timeZone);
    if (day > current)
      throw new UsageError(
        `--date: ${day} has not come yet (today is ${current} in ${config.timeZone})`,
      );

    const database = await db();
    const { billing } = createBilling(config, database, createLogger("error"));
    if (!billing.cardPaymentsOn) {
      io.err(`reconcile: BILLING=${config.billing.kind} cannot list its card payments`);
      return exitCode.failed;
    }
    const result = await reconcileDay(
      database,
      { capabilities: billing.capabilities, cardPaymentsOn: billing.cardPaymentsOn.bind(billing) },
      { day, timeZone: config.timeZone },
    );
    for (const difference of result.differences) io.out(describe(difference, config.timeZone));
    const notAsked =
      result.notAsked > 0
        ? `; ${result.notAsked} contracts with no credential and no payment in the bot not asked`
        : "";
    // A payment the billing does not mark as by card (Ubilling's XMLAgent does not) may be cash
    // at the office: shown, but not a difference by itself.
    const maybeCash = result.differences.filter(
      (difference) => difference.kind === "billing-only" && !difference.card,
    ).length;
    const count = result.differences.length - maybeCash;
    const verdict = count === 0 ? "they agree" : `${count} difference${count === 1 ? "" : "s"}`;
    const other =
      maybeCash > 0 ? `; ${maybeCash} other payments in the billing (cash or card)` : "";
    io.out(
      `${day}: ${result.bot} paid in the bot, ${result.billing} in the billing, ${result.matched} matched, ${verdict}${other}${notAsked}`,
    );
    return count === 0 ? exitCode.ok : exitCode.failed;
  },
};
