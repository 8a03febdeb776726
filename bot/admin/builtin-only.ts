// Commands that change what the built-in billing keeps (cash, passwords, contracts): on an
// external billing that data is the billing's, so they refuse and say where to do it instead.
import { type AdminIo, UsageError } from "./io.ts";

export function refuseOnExternalBilling(io: AdminIo, command: string, instead: string): void {
  const billing = io.env.BILLING?.trim() || "builtin";
  if (billing !== "builtin") throw new UsageError(`${command}: BILLING=${billing} ${instead}`);
}
