// help: the commands, the CSV formats, where output goes, the exit codes.
import type { AdminCommand } from "../io.ts";
import { exitCode } from "../io.ts";
import { accountsHeader } from "./import-accounts.ts";
import { tariffsHeader } from "./import-tariffs.ts";

export function helpText(commands: readonly AdminCommand[]): string[] {
  const width = Math.max(...commands.map((command) => command.usage.length)) + 2;
  return [
    "Kaspnet operator's command line: npm run admin -- <command> [arguments]",
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.usage.padEnd(width)}${command.summary}`),
    "",
    "Accounts CSV (header line first, columns in any order, comma or semicolon separated, UTF-8):",
    `  ${accountsHeader}`,
    "  login     1-32 characters of A-Z a-z 0-9 . _ -; an existing login is reported, not changed",
    "  phone     a Russian number (+7 928 123-45-67, 8 928 …); email may be empty",
    "  tariff    code of an INTERNET tariff; iptv (optional) code of an IPTV tariff",
    '  balance   opening balance in rubles, may be negative: -180 or 1250,50 (quote a comma: "1250,50")',
    "  password  8-64 characters, not digits only, not the login; empty or absent: one is generated",
    "  Generated passwords go to stdout as login;password lines, shown this once:",
    "  npm run admin -- import-accounts contracts.csv > passwords.txt",
    "",
    "Tariffs CSV (created or updated by code; a tariff's kind does not change):",
    `  ${tariffsHeader}`,
    "  kind INTERNET (needs speed_mbps) or IPTV (needs channels); monthly_fee in rubles;",
    "  active true or false (empty: true)",
    "",
    "The database is the bot's: DATABASE_URL, or the embedded one in DATA_DIR (stop the bot",
    "first: the embedded database takes one process at a time). Dates are in TZ_NAME. run-job",
    "reads every setting the bot does; with BOT_TOKEN the jobs' messages go to Telegram.",
    `Exit codes: ${exitCode.ok} done; ${exitCode.badInput} bad input, told on stderr (an import still`,
    `writes its valid rows); ${exitCode.failed} anything else (configuration, database).`,
  ];
}
