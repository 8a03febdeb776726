// Commands that change what the built-in billing keeps (cash, passwords, contracts): on an
// external billing that data is the billing's, so they refuse and say where to do it instead.
import { type AdminIo, UsageError } from "./io.ts";

/** The BILLING the command runs with, as the bot reads it. */
export const billingKind = (io: AdminIo) => io.env.BILLING?.trim() || "builtin";

export function refuseOnExternalBilling(io: AdminIo, command: string, instead: string): void {
  const billing = billingKind(io);
  if (billing !== "builtin") throw new UsageError(`${command}: BILLING=${billing} ${instead}`);
}
