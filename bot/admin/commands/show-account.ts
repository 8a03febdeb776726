// show-account <login>: the contract, its money and tariffs, and the last ten ledger entries. On
// an external billing the money and tariffs are the billing's (asked with the subscriber's stored
// credential) and the ledger is there, not here.
import { accountReport, type ReportTariff } from "../../../core/accounts/account-report.ts";
import type { BalanceCard } from "../../../core/billing/balance.ts";
import { createBilling } from "../../../core/billing/create-billing.ts";
import { today } from "../../../core/jobs/registry.ts";
import { createLogger } from "../../../core/logger.ts";
import { billingKind } from "../builtin-only.ts";
import { loadJobConfig } from "../config.ts";
import { formatDateColumn, formatInstant, formatMoney, formatMovement } from "../format.ts";
import { type AdminCommand, exitCode, parseCommandLine, UsageError } from "../io.ts";

const tariffLine = (tariff: ReportTariff | null) =>
  tariff ? `${tariff.name} (${tariff.code}), ${formatMoney(tariff.monthlyFee)} a month` : "none";

export const showAccountCommand: AdminCommand = {
  name: "show-account",
  usage: "show-account <login>",
  summary: "shows a contract: status, balance, tariffs, Telegram users, last 10 ledger entries",
  async run(args, { io, db, config }) {
    const { positionals } = parseCommandLine(this, args, { options: {}, positionals: ["login"] });
    const login = positionals[0] ?? "";
    const database = await db();
    const report = await accountReport(database, { login });
    if (!report) throw new UsageError(`unknown login "${login}"`);
    const { timeZone } = config();
    const at = (instant: Date) => formatInstant(instant, timeZone);
    if (billingKind(io) !== "builtin") {
      const configured = createBilling(loadJobConfig(io.env), database, createLogger("silent"));
      const card = await configured.billing
        .contractSummary(report.id, today(timeZone))
        .catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      const rows: [string, string][] = [
        ["contract", `${report.login}, ${report.name}`],
        ["billing", configured.describe],
        ...(typeof card === "string"
          ? [["money", `not known: ${card}`] as [string, string]]
          : summaryRows(card, at)),
        ["telegram", `${report.linkedTelegramUsers} linked users`],
        ["since", at(report.createdAt)],
      ];
      for (const [label, value] of rows) io.out(`${label.padEnd(11)}${value}`);
      return exitCode.ok;
    }
    const rows: [string, string][] = [
      ["contract", `${report.login}, ${report.name}`],
      ["address", report.address],
      ["phone", report.phone ?? "none"],
      ["email", report.email ?? "none"],
      ["status", report.status],
      ["balance", formatMoney(report.balance)],
      ["internet", tariffLine(report.internet)],
      ["iptv", tariffLine(report.iptv)],
    ];
    if (report.pendingTariff) {
      rows.push([
        "changes to",
        `${tariffLine(report.pendingTariff.tariff)} from ${formatDateColumn(report.pendingTariff.from)}`,
      ]);
    }
    if (report.trust) {
      rows.push([
        "trust",
        `${formatMoney(report.trust.amount)} until ${at(report.trust.expiresAt)}`,
      ]);
    }
    if (report.lockedUntil) rows.push(["login lock", `until ${at(report.lockedUntil)}`]);
    rows.push(["telegram", `${report.linkedTelegramUsers} linked users`]);
    rows.push(["since", at(report.createdAt)]);
    for (const [label, value] of rows) io.out(`${label.padEnd(11)}${value}`);

    io.out(
      report.ledger.length < report.ledgerEntries
        ? `last ${report.ledger.length} of ${report.ledgerEntries} ledger entries:`
        : `ledger entries: ${report.ledgerEntries}`,
    );
    for (const entry of report.ledger) {
      io.out(
        [
          `  ${at(entry.createdAt)}`,
          entry.kind.padEnd(12),
          formatMovement(entry.amount).padStart(14),
          `= ${formatMoney(entry.balanceAfter)}`.padEnd(16),
          entry.reference ?? "",
        ]
          .join("  ")
          .trimEnd(),
      );
    }
    return exitCode.ok;
  },
};

/** The contract as an external billing has it. */
function summaryRows(card: BalanceCard, at: (instant: Date) => string): [string, string][] {
  const line = (tariff: BalanceCard["internet"]) =>
    tariff ? `${tariff.name}, ${formatMoney(tariff.monthlyFee)} a month` : "none";
  return [
    ["address", card.address],
    ["phone", card.phone ?? "none"],
    ["email", card.email ?? "none"],
    ["status", card.status],
    ["balance", formatMoney(card.balance)],
    ["internet", line(card.internet)],
    ...(card.trust
      ? [
          ["trust", `${formatMoney(card.trust.amount)} until ${at(card.trust.expiresAt)}`] as [
            string,
            string,
          ],
        ]
      : []),
    ...(card.freeze
      ? [["freeze", `${card.freeze.state} since ${card.freeze.startsOn}`] as [string, string]]
      : []),
  ];
}
