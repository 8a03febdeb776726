// A contract's status in words (active, blocked, closed), as the balance card, the top-up receipt
// and the granted trust payment show it.
import type { AccountStatus } from "../core/generated/prisma/enums.ts";

export const accountStatusKeys = {
  ACTIVE: "balance-status-active",
  BLOCKED: "balance-status-blocked",
  CLOSED: "balance-status-closed",
} as const satisfies Record<AccountStatus, string>;
