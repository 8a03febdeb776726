// What a subscriber's balance means today: the daily charge, how long the money lasts, and the
// trust payment that holds the service up, if any.
import type { Db } from "../db.ts";
import type { AccountStatus } from "../generated/prisma/enums.ts";
import { addDays, type BillingDay, dailyFee } from "./calendar.ts";

export interface TariffLine {
  name: string;
  monthlyFee: number;
  speedMbps: number | null;
  channels: number | null;
}

export interface BalanceCard {
  login: string;
  name: string;
  status: AccountStatus;
  balance: number;
  internet: TariffLine | null;
  iptv: TariffLine | null;
  /** Today's charge, in kopecks. */
  dailyCharge: number;
  /** The last day the money pays for, or null when nothing is charged or it does not last today. */
  enoughUntil: BillingDay | null;
  daysLeft: number;
  trust: { amount: number; expiresAt: Date } | null;
}

const tariffFields = { name: true, monthlyFee: true, speedMbps: true, channels: true } as const;

/** Days the balance pays for from `today` on, month lengths included (at most a year ahead). */
export function daysCovered(balance: number, monthlyFee: number, today: BillingDay): number {
  if (monthlyFee <= 0) return 0;
  let left = balance;
  let days = 0;
  for (let day = today; days < 366; day = addDays(day, 1)) {
    left -= dailyFee(monthlyFee, day);
    if (left < 0) break;
    days += 1;
  }
  return days;
}

export async function getBalanceCard(
  db: Db,
  accountId: number,
  today: BillingDay,
): Promise<BalanceCard> {
  const account = await db.account.findUniqueOrThrow({
    where: { id: accountId },
    select: {
      login: true,
      name: true,
      status: true,
      balance: true,
      internetTariff: { select: tariffFields },
      iptvTariff: { select: tariffFields },
      trustPayments: {
        where: { status: "ACTIVE" },
        orderBy: { expiresAt: "desc" },
        take: 1,
        select: { amount: true, expiresAt: true },
      },
    },
  });
  const monthlyFee =
    (account.internetTariff?.monthlyFee ?? 0) + (account.iptvTariff?.monthlyFee ?? 0);
  const daysLeft =
    account.status === "ACTIVE" ? daysCovered(account.balance, monthlyFee, today) : 0;
  return {
    login: account.login,
    name: account.name,
    status: account.status,
    balance: account.balance,
    internet: account.internetTariff,
    iptv: account.iptvTariff,
    dailyCharge: dailyFee(monthlyFee, today),
    enoughUntil: daysLeft > 0 ? addDays(today, daysLeft - 1) : null,
    daysLeft,
    trust: account.trustPayments[0] ?? null,
  };
}
