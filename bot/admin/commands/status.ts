// status: the key figures an operator watches (the same as /metrics' queue gauges).
import { statusFigures } from "../../../core/ops/status.ts";
import { type AdminCommand, exitCode, parseCommandLine } from "../io.ts";

const duration = (seconds: number) =>
  seconds < 90 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;

export const statusCommand: AdminCommand = {
  name: "status",
  usage: "status",
  summary:
    "prints the outbox, card payments (invoices awaiting payment, unposted, stopped) and open tickets (exit code 1 if a payment is stopped)",
  async run(args, { io, db, config }) {
    parseCommandLine(this, args, { options: {}, positionals: [] });
    const figures = await statusFigures(await db(), config());
    const rows: [string, string][] = [
      [
        "outbox",
        `${figures.outboxPending} waiting` +
          (figures.outboxPending > 0
            ? `, oldest ${duration(figures.outboxOldestPendingSeconds)}`
            : ""),
      ],
      [
        "payments",
        `${figures.paymentsPending} awaiting payment, ${figures.paymentsUnposted} not yet in the billing, ` +
          `${figures.paymentsStopped} stopped for staff`,
      ],
      [
        "support",
        `${figures.ticketsOpen} open` +
          (figures.oldestUnansweredSeconds > 0
            ? `, oldest unanswered ${duration(figures.oldestUnansweredSeconds)}`
            : ""),
      ],
    ];
    for (const [label, value] of rows) io.out(`${label.padEnd(10)}${value}`);
    return figures.paymentsStopped > 0 ? exitCode.failed : exitCode.ok;
  },
};
