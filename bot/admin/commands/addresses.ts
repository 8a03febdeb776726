// addresses: fills street, house and flat of every contract (contracts stored before addresses
// were parsed); lists the ones that stay text only. On the built-in billing it reads each stored
// address again; on Ubilling it asks Ubilling for each contract's address, as a sign-in does. A
// rerun changes nothing; exit code 1 when the billing did not answer for some (run it again).
import {
  askedOfBilling,
  type NotAsked,
  reparseAddresses,
  storedText,
} from "../../../core/addresses/reparse.ts";
import { createBilling } from "../../../core/billing/create-billing.ts";
import { createLogger } from "../../../core/logger.ts";
import { loadJobConfig } from "../config.ts";
import { type AdminCommand, exitCode, parseCommandLine } from "../io.ts";

const whyNotAsked = {
  "no-credential":
    "no working credential (never signed in on the billing, or its password changed)",
  unavailable: "the billing did not answer",
} as const satisfies Record<NotAsked, string>;

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
    for (const { login, why } of report.notAsked) {
      io.out(`${login}: not asked, unchanged: ${whyNotAsked[why]}`);
    }
    const notAsked = report.notAsked.length > 0 ? `, ${report.notAsked.length} not asked` : "";
    io.out(
      `${report.contracts} contracts: ${report.parsed} addresses read, ${report.updated} updated, ${report.unread.length} kept as text only${notAsked}`,
    );
    // A contract nobody signed in to has nothing to ask with; an unanswered one is worth a rerun.
    const unanswered = report.notAsked.some(({ why }) => why === "unavailable");
    return unanswered ? exitCode.failed : exitCode.ok;
  },
};
