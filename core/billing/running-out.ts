// Which contracts' money runs out soon, on the built-in billing: read in one query per batch with
// today's charges, by the same coverage rule as the balance card. A contract that is not ACTIVE or
// has an active trust payment is left out (the trust payment has its own reminder), and so is one
// frozen that day.
import type { Db } from "../db.ts";
import { coverage } from "./balance.ts";
import { type BillingDay, dailyFee } from "./calendar.ts";
import { chargeKey } from "./daily-charge.ts";
import { frozenOn } from "./freeze.ts";
import type { ReminderCandidate, RunningOut } from "./port.ts";

export async function runningOutOnLedger(
  db: Db,
  candidates: ReminderCandidate[],
  day: BillingDay,
): Promise<RunningOut[]> {
  const daysAhead = new Map(candidates.map((c) => [c.accountId, c.daysAhead]));
  const ids = [...daysAhead.keys()];
  const [accounts, charged] = await Promise.all([
    db.account.findMany({
      where: {
        id: { in: ids },
        status: "ACTIVE",
        trustPayments: { none: { status: "ACTIVE" } },
        // A contract frozen that day pays nothing (freeze.ts).
        freezes: { none: frozenOn(day) },
      },
      select: {
        id: true,
        login: true,
        balance: true,
        internetTariff: { select: { monthlyFee: true } },
        iptvTariff: { select: { monthlyFee: true } },
      },
    }),
    db.ledgerEntry.findMany({
      where: { idempotencyKey: { in: ids.map((id) => chargeKey(id, day)) } },
      select: { accountId: true },
    }),
  ]);
  const chargedToday = new Set(charged.map((entry) => entry.accountId));
  return accounts.flatMap((account) => {
    const monthlyFee =
      (account.internetTariff?.monthlyFee ?? 0) + (account.iptvTariff?.monthlyFee ?? 0);
    const lasts = coverage(account.balance, monthlyFee, day, chargedToday.has(account.id));
    if (!lasts || lasts.daysLeft > (daysAhead.get(account.id) ?? 0)) return [];
    return [
      {
        accountId: account.id,
        login: account.login,
        balance: account.balance,
        dailyCharge: dailyFee(monthlyFee, lasts.stopsOn),
        daysLeft: lasts.daysLeft,
        stopsOn: lasts.stopsOn,
      },
    ];
  });
}
