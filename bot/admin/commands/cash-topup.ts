// cash-topup <login> <amount> --receipt <number>: cash paid at the office, once per receipt.
import { cashTopup, cashTopupInput } from "../../../core/billing/cash-topup.ts";
import { refuseOnExternalBilling } from "../builtin-only.ts";
import { formatInstant, formatMoney, formatMovement } from "../format.ts";
import { type AdminCommand, exitCode, parseCommandLine, UsageError } from "../io.ts";

export const cashTopupCommand: AdminCommand = {
  name: "cash-topup",
  usage: "cash-topup <login> <amount> --receipt <number>",
  summary: "credits cash paid at the office (rubles: 1500 or 1500,50), once per receipt",
  async run(args, { io, db, config }) {
    // parseArgs would take "-100" for options -1, -0, -0.
    if (args.some((arg) => /^[-\u2212]\d/.test(arg))) {
      throw new UsageError("amount: more than zero, e.g. 1500 or 1500,50");
    }
    const { positionals, values } = parseCommandLine(this, args, {
      options: { receipt: { type: "string" } },
      positionals: ["login", "amount"],
    });
    if (values.receipt === undefined) {
      throw new UsageError(
        `cash-topup: missing --receipt <number>; usage: npm run admin -- ${this.usage}`,
      );
    }
    const input = cashTopupInput.safeParse({
      login: positionals[0],
      amount: positionals[1],
      receipt: values.receipt,
    });
    if (!input.success) {
      const [issue] = input.error.issues;
      throw new UsageError(`${String(issue?.path[0] ?? "input")}: ${issue?.message}`);
    }
    refuseOnExternalBilling(
      io,
      "cash-topup",
      "takes cash in the billing itself; post it there (the bot shows it from there)",
    );
    const result = await cashTopup(await db(), input.data);
    const { timeZone } = config();
    switch (result.outcome) {
      case "unknown-login":
        throw new UsageError(`unknown login "${input.data.login}"`);
      case "receipt-used":
        throw new UsageError(
          `receipt ${input.data.receipt} was already posted on ${formatInstant(result.entry.createdAt, timeZone)} ` +
            `as ${formatMovement(result.entry.amount)} to ${result.entry.login}: nothing posted`,
        );
      case "already-posted":
        io.out(
          `receipt ${input.data.receipt} was already posted on ${formatInstant(result.entry.createdAt, timeZone)} ` +
            `(${formatMovement(result.entry.amount)} to ${result.entry.login}): nothing changed`,
        );
        return exitCode.ok;
      case "posted":
        io.out(
          `${result.login}: ${formatMovement(result.amount)} cash, receipt ${input.data.receipt}; ` +
            `balance ${formatMoney(result.balanceAfter)}` +
            (result.unblocked
              ? "; unblocked"
              : result.status !== "ACTIVE"
                ? `; still ${result.status}`
                : ""),
        );
        return exitCode.ok;
    }
  },
};
