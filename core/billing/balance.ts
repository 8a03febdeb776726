// What a subscriber's balance means today: the daily charge, how long the money lasts, and the
// trust payment that holds the service up, if any.
import type { Db } from "../db.ts";
import type { AccountStatus } from "../generated/prisma/enums.ts";
import { addDays, type BillingDay, dailyFee, monthLength } from "./calendar.ts";
import { chargeKey } from "./daily-charge.ts";
import { type FreezeNote, freezeNoteOf, openFreezeRows } from "./freeze.ts";

export interface TariffLine {
  name: string;
  monthlyFee: number;
  speedMbps: number | null;
  channels: number | null;
}

export interface BalanceCard {
  login: string;
  name: string;
  address: string;
  /** E.164, or null when the billing has none. */
  phone: string | null;
  email: string | null;
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
  /** A freeze under way or ordered. */
  freeze: FreezeNote | null;
}

const tariffFields = { name: true, monthlyFee: true, speedMbps: true, channels: true } as const;

/** The most days `daysCovered` counts: a year ahead. */
const maxDaysCovered = 366;

/** Days the balance pays for from `today` on, month lengths included (at most a year ahead). */
export function daysCovered(balance: number, monthlyFee: number, today: BillingDay): number {
  if (monthlyFee <= 0 || balance < 0) return 0;
  // Month by month: a day's fee is the same all month, so one division pays for a month's days.
  let [year, month, date] = today.split("-").map(Number) as [number, number, number];
  let left = balance;
  let days = 0;
  while (days < maxDaysCovered) {
    const length = monthLength(year, month);
    const fee = Math.round(monthlyFee / length);
    const rest = Math.min(length - date + 1, maxDaysCovered - days);
    const paid = fee === 0 ? rest : Math.min(rest, Math.floor(left / fee));
    days += paid;
    if (paid < rest) break;
    left -= paid * fee;
    [year, month, date] = month === 12 ? [year + 1, 1, 1] : [year, month + 1, 1];
  }
  return days;
}

export interface Coverage {
  /** The first day the balance does not pay for: the contract is blocked that night. */
  stopsOn: BillingDay;
  /** Days of service paid for from today on, today included. */
  daysLeft: number;
}

/**
 * How long the balance lasts from `today`, whose charge may already be taken (the daily charge runs
 * just after midnight); null when nothing is charged.
 */
export function coverage(
  balance: number,
  monthlyFee: number,
  today: BillingDay,
  chargedToday: boolean,
): Coverage | null {
  if (monthlyFee <= 0) return null;
  const firstUnpaid = chargedToday ? addDays(today, 1) : today;
  const covered = daysCovered(balance, monthlyFee, firstUnpaid);
  return { stopsOn: addDays(firstUnpaid, covered), daysLeft: covered + (chargedToday ? 1 : 0) };
}

const readCard = (db: Db, accountId: number, today: BillingDay) =>
  db.account.findUniqueOrThrow({
    where: { id: accountId },
    select: {
      login: true,
      name: true,
      address: true,
      phone: true,
      email: true,
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
      freezes: openFreezeRows(today),
    },
  });

export async function getBalanceCard(
  db: Db,
  accountId: number,
  today: BillingDay,
): Promise<BalanceCard> {
  // Two reads, each the same for every contract but for its key: Prisma then answers all the
  // cards asked for at the same moment with one SELECT each (a filter that names the contract
  // inside the card's read would make it run them one by one, in a transaction). Two reads may
  // straddle the daily charge's commit: shown at that moment, "enough until" can be a day off.
  const [account, todaysCharge] = await Promise.all([
    readCard(db, accountId, today),
    db.ledgerEntry.findUnique({
      where: { idempotencyKey: chargeKey(accountId, today) },
      select: { id: true },
    }),
  ]);
  const monthlyFee =
    (account.internetTariff?.monthlyFee ?? 0) + (account.iptvTariff?.monthlyFee ?? 0);
  const chargedToday = todaysCharge !== null;
  const lasts =
    account.status === "ACTIVE" ? coverage(account.balance, monthlyFee, today, chargedToday) : null;
  const daysLeft = lasts?.daysLeft ?? 0;
  return {
    login: account.login,
    name: account.name,
    address: account.address,
    phone: account.phone,
    email: account.email,
    status: account.status,
    balance: account.balance,
    internet: account.internetTariff,
    iptv: account.iptvTariff,
    dailyCharge: dailyFee(monthlyFee, today),
    enoughUntil: lasts && daysLeft > 0 ? addDays(lasts.stopsOn, -1) : null,
    daysLeft,
    trust: account.trustPayments[0] ?? null,
    freeze: freezeNoteOf(account.freezes[0], today),
  };
}
