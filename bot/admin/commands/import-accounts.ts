// import-accounts <file.csv>: contracts with their opening balances; generated passwords on
// stdout (login;password), everything else on stderr.

import { accountColumns, importAccounts } from "../../../core/accounts/import-accounts.ts";
import { csvHeader } from "../../../core/csv.ts";
import { refuseOnExternalBilling } from "../builtin-only.ts";
import { loadJobConfig } from "../config.ts";
import { formatRowProblem } from "../format.ts";
import { type AdminCommand, exitCode } from "../io.ts";
import { readCsvArgument } from "./read-file.ts";

export const importAccountsCommand: AdminCommand = {
  name: "import-accounts",
  usage: "import-accounts <file.csv>",
  summary: "imports contracts; prints login;password for each generated password",
  async run(args, { io, db }) {
    refuseOnExternalBilling(
      io,
      "import-accounts",
      "holds the contracts: the bot knows a contract once its subscriber signs in",
    );
    const csv = await readCsvArgument(this, args);
    const report = await importAccounts(await db(), {
      csv,
      reminderDaysAhead: loadJobConfig(io.env).reminders.daysAhead,
      onImported: (account) => {
        if (account.generatedPassword) io.out(`${account.login};${account.generatedPassword}`);
      },
      onProgress: ({ done, total }) => {
        if (total >= 500) io.err(`… ${done} of ${total} contracts written`);
      },
    });
    const notes = [
      ...report.existing.map(({ line, login }) => ({
        line,
        field: "login",
        problem: `${login} already exists, left as it is`,
      })),
      ...report.problems,
      ...report.unreadAddresses.map(({ line, address }) => ({
        line,
        field: "address",
        problem: `not recognised, kept as text: ${JSON.stringify(address)}`,
      })),
    ].sort((a, b) => a.line - b.line);
    for (const note of notes) io.err(formatRowProblem(note));
    const invalid = new Set(report.problems.map((problem) => problem.line)).size;
    const generated = report.imported.filter((account) => account.generatedPassword).length;
    io.err(
      [
        `imported ${report.imported.length} of ${report.rows} rows`,
        report.existing.length > 0 ? `${report.existing.length} already there` : "",
        invalid > 0 ? `${invalid} invalid` : "",
        report.unreadAddresses.length > 0
          ? `${report.unreadAddresses.length} addresses kept as text only`
          : "",
        generated > 0 ? `${generated} generated passwords on stdout` : "",
      ]
        .filter(Boolean)
        .join(", "),
    );
    return report.problems.length > 0 ? exitCode.badInput : exitCode.ok;
  },
};

export const accountsHeader = csvHeader(accountColumns);
