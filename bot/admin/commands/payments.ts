// payments --unposted: the card payments the billing has not confirmed yet, and those stopped
// for staff (an answer that was not the payment, a refusal), with why.
import { listUnposted } from "../../../core/payments/unposted.ts";
import { formatInstant, formatMoney } from "../format.ts";
import { type AdminCommand, exitCode, parseCommandLine, UsageError } from "../io.ts";

export const paymentsCommand: AdminCommand = {
  name: "payments",
  usage: "payments --unposted",
  summary: "lists card payments not yet in the billing: waiting for a try, or stopped and why",
  async run(args, { io, db, config }) {
    const { values } = parseCommandLine(this, args, {
      options: { unposted: { type: "boolean" } },
      positionals: [],
    });
    if (!values.unposted)
      throw new UsageError(`payments: say which; usage: npm run admin -- ${this.usage}`);
    const { timeZone } = config();
    const at = (instant: Date) => formatInstant(instant, timeZone);
    const unposted = await listUnposted(await db());
    if (unposted.length === 0) {
      io.out("every paid card payment is in the billing");
      return exitCode.ok;
    }
    for (const payment of unposted) {
      const state = payment.error
        ? `stopped: ${payment.error}`
        : `waiting, ${payment.attempts} tries, next ${payment.nextPostAt ? at(payment.nextPostAt) : "now"}`;
      io.out(
        `#${payment.id}  ${payment.login}  ${formatMoney(payment.amount)}  paid ${at(payment.paidAt)}  ${state}`,
      );
    }
    const stopped = unposted.filter((payment) => payment.error).length;
    io.out(`${unposted.length} not in the billing, ${stopped} of them stopped`);
    return stopped > 0 ? exitCode.failed : exitCode.ok;
  },
};
