// show-account <login>: the contract, its money and tariffs, and the last ten ledger entries.
import { accountReport, type ReportTariff } from "../../../core/accounts/account-report.ts";
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
    const report = await accountReport(await db(), { login });
    if (!report) throw new UsageError(`unknown login "${login}"`);
    const { timeZone } = config();
    const at = (instant: Date) => formatInstant(instant, timeZone);
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
