// addresses: fills street, house and flat of every contract (contracts stored before addresses
// were parsed); lists the ones that stay text only. On the built-in billing it reads each stored
// address again; on Ubilling it asks Ubilling for each contract's address, as a sign-in does. A
// rerun changes nothing.
import { askedOfBilling, reparseAddresses, storedText } from "../../../core/addresses/reparse.ts";
import { createBilling } from "../../../core/billing/create-billing.ts";
import { createLogger } from "../../../core/logger.ts";
import { loadJobConfig } from "../config.ts";
import { type AdminCommand, exitCode, parseCommandLine } from "../io.ts";

export const addressesCommand: AdminCommand = {
  name: "addresses",
  usage: "addresses",
  summary:
    "fills street, house and flat from each contract's address (on Ubilling: asked of it); lists those it cannot read",
  async run(args, { io, db }) {
    parseCommandLine(this, args, { options: {}, positionals: [] });
    const database = await db();
    const { billing } = createBilling(loadJobConfig(io.env), database, createLogger("error"));
    const source = billing.contractIdentity
      ? askedOfBilling(billing.contractIdentity.bind(billing))
      : storedText;
    const report = await reparseAddresses(database, source);
    for (const { login, address } of report.unread) {
      io.out(`${login}: address not recognised, kept as text: ${address}`);
    }
    for (const login of report.notAsked) {
      io.out(
        `${login}: not asked (no working credential, or the billing did not answer): unchanged`,
      );
    }
    const notAsked = report.notAsked.length > 0 ? `, ${report.notAsked.length} not asked` : "";
    io.out(
      `${report.contracts} contracts: ${report.parsed} addresses read, ${report.updated} updated, ${report.unread.length} kept as text only${notAsked}`,
    );
    return exitCode.ok;
  },
};
