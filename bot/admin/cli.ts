// The operator's command line: picks the command, opens the database when a command needs it,
// and turns every failure into one line on stderr and an exit code.
import { ConfigError } from "../../core/config.ts";
import { CsvFileError } from "../../core/csv.ts";
import { type Database, openDatabase } from "../../core/db.ts";
import { seedDemoData } from "../../prisma/seed.ts";
import { addressesCommand } from "./commands/addresses.ts";
import { announceCommand } from "./commands/announce.ts";
import { cashTopupCommand } from "./commands/cash-topup.ts";
import { helpText } from "./commands/help.ts";
import { importAccountsCommand } from "./commands/import-accounts.ts";
import { importTariffsCommand } from "./commands/import-tariffs.ts";
import { incidentCommand } from "./commands/incident.ts";
import { paymentsCommand } from "./commands/payments.ts";
import { reconcileCommand } from "./commands/reconcile.ts";
import { refundCommand } from "./commands/refund.ts";
import { runJobCommand } from "./commands/run-job.ts";
import { setPasswordCommand } from "./commands/set-password.ts";
import { showAccountCommand } from "./commands/show-account.ts";
import { statusCommand } from "./commands/status.ts";
import { type AdminConfig, loadAdminConfig } from "./config.ts";
import { type AdminCommand, type AdminContext, type AdminIo, exitCode, UsageError } from "./io.ts";

const commands: readonly AdminCommand[] = [
  importAccountsCommand,
  importTariffsCommand,
  setPasswordCommand,
  cashTopupCommand,
  showAccountCommand,
  paymentsCommand,
  refundCommand,
  statusCommand,
  reconcileCommand,
  runJobCommand,
  announceCommand,
  incidentCommand,
  addressesCommand,
];

const helpCommand: AdminCommand = {
  name: "help",
  usage: "help",
  summary: "this text",
  async run(_args, { io }) {
    for (const line of helpText([...commands, helpCommand])) io.out(line);
    return exitCode.ok;
  },
};

function findCommand(name: string | undefined): AdminCommand {
  if (name === undefined) {
    throw new UsageError("no command given; npm run admin -- help lists them");
  }
  if (["help", "--help", "-h"].includes(name)) return helpCommand;
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    throw new UsageError(`unknown command "${name}"; npm run admin -- help lists the commands`);
  }
  return command;
}

/** One line: Prisma's messages quote the calling code first and say what happened last. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = error.message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const line = error.name.startsWith("PrismaClient") ? lines.at(-1) : lines[0];
  return line ?? error.name;
}

export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  let database: Promise<Database> | undefined;
  let config: AdminConfig | undefined;
  const context: AdminContext = {
    io,
    config: () => {
      config ??= loadAdminConfig(io.env);
      return config;
    },
    db: async () => {
      // The same embedded database as the bot's: whichever opens it first loads the demo data.
      database ??= openDatabase(context.config(), { onCreate: seedDemoData });
      return (await database).prisma;
    },
  };
  try {
    const [name, ...args] = argv;
    return await findCommand(name).run(args, context);
  } catch (error) {
    if (error instanceof UsageError || error instanceof CsvFileError) {
      io.err(error.message);
      return exitCode.badInput;
    }
    if (error instanceof ConfigError) {
      io.err(error.message);
      return exitCode.failed;
    }
    io.err(`failed: ${describe(error)}`);
    return exitCode.failed;
  } finally {
    if (database) await (await database.catch(() => null))?.close();
  }
}
