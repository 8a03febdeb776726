// refund <charge id> --reason <text> [--amount <rubles>]: records a refund made in the payment
// provider's dashboard, once per payment and never more than was paid; the subscriber is told.
import { parseRubles } from "../../../core/billing/rubles.ts";
import { recordRefund, refundInput } from "../../../core/payments/refund.ts";
import { billingKind } from "../builtin-only.ts";
import { loadJobConfig } from "../config.ts";
import { formatInstant, formatMoney } from "../format.ts";
import { type AdminCommand, exitCode, parseCommandLine, UsageError } from "../io.ts";
import { operatorTelegram } from "../telegram.ts";

export const refundCommand: AdminCommand = {
  name: "refund",
  usage: "refund <charge id> --reason <text> [--amount <rubles>]",
  summary:
    "records a card payment's refund (made in the provider's dashboard) and tells the subscriber",
  async run(args, { io, db }) {
    const { positionals, values } = parseCommandLine(this, args, {
      options: { reason: { type: "string" }, amount: { type: "string" } },
      positionals: ["charge id"],
    });
    const amount = values.amount === undefined ? undefined : parseRubles(values.amount);
    if (amount === null)
      throw new UsageError(`--amount: "${values.amount}" is not rubles, e.g. 250 or 250,50`);
    const input = refundInput.safeParse({
      chargeId: positionals[0],
      reason: values.reason ?? "",
      amount,
    });
    if (!input.success) {
      const [issue] = input.error.issues;
      throw new UsageError(`${String(issue?.path[0] ?? "input")}: ${issue?.message}`);
    }
    const config = loadJobConfig(io.env);
    const billing = billingKind(io);
    const database = await db();
    const result = await recordRefund(database, {
      ...input.data,
      ledgerHere: billing === "builtin",
      timeZone: config.timeZone,
    });
    switch (result.outcome) {
      case "unknown-charge":
        throw new UsageError(`no card payment with charge id "${input.data.chargeId}"`);
      case "not-paid":
        throw new UsageError(`the payment is ${result.status}, not paid: nothing to refund`);
      case "already-refunded":
        throw new UsageError(
          `already refunded: ${formatMoney(result.amount)} on ${formatInstant(result.at, config.timeZone)}`,
        );
      case "more-than-paid":
        throw new UsageError(`more than was paid (${formatMoney(result.paid)})`);
    }
    io.out(
      `refund of ${formatMoney(result.amount)} recorded for payment #${result.paymentId} (${result.login})` +
        (result.balance === null ? "" : `; balance ${formatMoney(result.balance)}`),
    );
    if (billing !== "builtin")
      io.out(
        `BILLING=${billing}: take ${formatMoney(result.amount)} off ${result.login} in the billing too`,
      );
    const telegram = await operatorTelegram(config, database);
    try {
      await telegram.deliver();
    } finally {
      await telegram.close();
    }
    if (!telegram.online)
      io.err("note: nothing was sent to Telegram (no BOT_TOKEN); the bot's outbox sends it");
    return exitCode.ok;
  },
};
