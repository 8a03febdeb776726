// addresses: reads every contract's address text into street, house and flat again (contracts
// stored before addresses were parsed); lists the ones that stay text only. A rerun changes nothing.
import { reparseAddresses } from "../../../core/addresses/reparse.ts";
import { type AdminCommand, exitCode, parseCommandLine } from "../io.ts";

export const addressesCommand: AdminCommand = {
  name: "addresses",
  usage: "addresses",
  summary: "fills street, house and flat from each contract's address; lists those it cannot read",
  async run(args, { io, db }) {
    parseCommandLine(this, args, { options: {}, positionals: [] });
    const report = await reparseAddresses(await db());
    for (const { login, address } of report.unread) {
      io.out(`${login}: address not recognised, kept as text: ${address}`);
    }
    io.out(
      `${report.contracts} contracts: ${report.parsed} addresses read, ${report.updated} updated, ${report.unread.length} kept as text only`,
    );
    return exitCode.ok;
  },
};
