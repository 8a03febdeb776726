// Tariffs and changes of them, both pending changes the daily charge applies before it charges
// the day they take effect, cancellable until then: an internet tariff changes from the 1st of
// next month; an IPTV package is added, switched or removed from the next day (in the provider's
// time zone), so the day it is chosen is billed, and served, at the package the contract had.
import type { Db } from "../db.ts";
import type { TariffKind } from "../generated/prisma/enums.ts";
import { addDays, type BillingDay, dayAsDate } from "./calendar.ts";

export interface TariffOption {
  code: string;
  name: string;
  kind: TariffKind;
  monthlyFee: number;
  speedMbps: number | null;
  channels: number | null;
  description: string | null;
}

export interface TariffsView {
  internet: TariffOption[];
  iptv: TariffOption[];
  current: {
    internet: string | null;
    iptv: string | null;
    pending: { code: string; name: string; from: BillingDay } | null;
    /** A pending IPTV change: to a package, or (to null) removal. */
    pendingIptv: { to: { code: string; name: string } | null; from: BillingDay } | null;
  } | null;
}

const optionFields = {
  code: true,
  name: true,
  kind: true,
  monthlyFee: true,
  speedMbps: true,
  channels: true,
  description: true,
} as const;

export function firstOfNextMonth(today: BillingDay): BillingDay {
  return addDays(`${today.slice(0, 7)}-28`, 7)
    .slice(0, 8)
    .concat("01");
}

export async function viewTariffs(db: Db, accountId: number | null): Promise<TariffsView> {
  const options = await db.tariff.findMany({
    where: { active: true },
    orderBy: [{ kind: "asc" }, { monthlyFee: "asc" }],
    select: optionFields,
  });
  const account = accountId
    ? await db.account.findUniqueOrThrow({
        where: { id: accountId },
        select: {
          internetTariff: { select: { code: true } },
          iptvTariff: { select: { code: true } },
          pendingTariff: { select: { code: true, name: true } },
          pendingTariffDate: true,
          pendingIptvTariff: { select: { code: true, name: true } },
          pendingIptvDate: true,
        },
      })
    : null;
  return {
    internet: options.filter((option) => option.kind === "INTERNET"),
    iptv: options.filter((option) => option.kind === "IPTV"),
    current: account && {
      internet: account.internetTariff?.code ?? null,
      iptv: account.iptvTariff?.code ?? null,
      pending:
        account.pendingTariff && account.pendingTariffDate
          ? { ...account.pendingTariff, from: account.pendingTariffDate.toISOString().slice(0, 10) }
          : null,
      pendingIptv: account.pendingIptvDate
        ? {
            to: account.pendingIptvTariff,
            from: account.pendingIptvDate.toISOString().slice(0, 10),
          }
        : null,
    },
  };
}

export type InternetChangeQuote =
  | {
      outcome: "quote";
      from: TariffOption | null;
      to: TariffOption;
      difference: number;
      effective: BillingDay;
    }
  | { outcome: "same" | "unknown" };

async function activeTariff(db: Db, code: string, kind: TariffKind) {
  return db.tariff.findFirst({ where: { code, kind, active: true }, select: optionFields });
}

/** What a change to another internet tariff would mean; nothing is changed. */
export async function quoteInternetChange(
  db: Db,
  input: { accountId: number; code: string; today: BillingDay },
): Promise<InternetChangeQuote> {
  const to = await activeTariff(db, input.code, "INTERNET");
  if (!to) return { outcome: "unknown" };
  const account = await db.account.findUniqueOrThrow({
    where: { id: input.accountId },
    select: { internetTariff: { select: optionFields } },
  });
  if (account.internetTariff?.code === to.code) return { outcome: "same" };
  return {
    outcome: "quote",
    from: account.internetTariff,
    to,
    difference: to.monthlyFee - (account.internetTariff?.monthlyFee ?? 0),
    effective: firstOfNextMonth(input.today),
  };
}

export async function scheduleInternetChange(
  db: Db,
  input: { accountId: number; code: string; today: BillingDay },
): Promise<InternetChangeQuote> {
  const quote = await quoteInternetChange(db, input);
  if (quote.outcome !== "quote") return quote;
  const tariff = await db.tariff.findUniqueOrThrow({
    where: { code: quote.to.code },
    select: { id: true },
  });
  await db.account.update({
    where: { id: input.accountId },
    data: { pendingTariffId: tariff.id, pendingTariffDate: dayAsDate(quote.effective) },
  });
  return quote;
}

/** Cancels the pending internet change; false when there was none. */
export async function cancelInternetChange(db: Db, accountId: number): Promise<boolean> {
  const { count } = await db.account.updateMany({
    where: { id: accountId, pendingTariffId: { not: null } },
    data: { pendingTariffId: null, pendingTariffDate: null },
  });
  return count === 1;
}

export type IptvChange =
  | { outcome: "scheduled"; to: TariffOption | null; effective: BillingDay }
  | { outcome: "cleared" | "same" | "already-scheduled" | "unknown" };

/** What choosing `target` (a package's code, or null: none) means for the contract. */
export type IptvDecision = "schedule" | "clear" | "same" | "already-scheduled";

export function decideIptvChange(
  state: { current: string | null; pending: { to: string | null } | null },
  target: string | null,
): IptvDecision {
  if (target === state.current) return state.pending ? "clear" : "same";
  if (state.pending && state.pending.to === target) return "already-scheduled";
  return "schedule";
}

/**
 * Schedules IPTV on with the package `code`, or off (null), from the next day in the provider's
 * time zone; nothing is billed or switched today. A new choice replaces a pending one; choosing
 * what the contract has now clears it. The change itself is made by applyPendingIptvChanges.
 */
export async function scheduleIptvChange(
  db: Db,
  input: { accountId: number; code: string | null; today: BillingDay },
): Promise<IptvChange> {
  const to = input.code === null ? null : await activeTariff(db, input.code, "IPTV");
  if (input.code !== null && !to) return { outcome: "unknown" };
  const account = await db.account.findUniqueOrThrow({
    where: { id: input.accountId },
    select: {
      iptvTariff: { select: { code: true } },
      pendingIptvTariff: { select: { code: true } },
      pendingIptvDate: true,
    },
  });
  const decision = decideIptvChange(
    {
      current: account.iptvTariff?.code ?? null,
      pending: account.pendingIptvDate ? { to: account.pendingIptvTariff?.code ?? null } : null,
    },
    to?.code ?? null,
  );
  if (decision === "same" || decision === "already-scheduled") return { outcome: decision };
  if (decision === "clear") {
    await cancelIptvChange(db, input.accountId);
    return { outcome: "cleared" };
  }
  const tariff = to
    ? await db.tariff.findUniqueOrThrow({ where: { code: to.code }, select: { id: true } })
    : null;
  const effective = addDays(input.today, 1);
  await db.account.update({
    where: { id: input.accountId },
    data: { pendingIptvTariffId: tariff?.id ?? null, pendingIptvDate: dayAsDate(effective) },
  });
  return { outcome: "scheduled", to, effective };
}

/** Cancels the pending IPTV change; false when there was none. */
export async function cancelIptvChange(db: Db, accountId: number): Promise<boolean> {
  const { count } = await db.account.updateMany({
    where: { id: accountId, pendingIptvDate: { not: null } },
    data: { pendingIptvTariffId: null, pendingIptvDate: null },
  });
  return count === 1;
}

/**
 * Makes the IPTV changes due by `day` (switch, add, or remove): the daily charge calls it before
 * charging the day, so the day is billed at the package the contract has on it. Returns how many
 * contracts changed; a rerun changes none.
 */
export async function applyPendingIptvChanges(db: Db, day: BillingDay): Promise<number> {
  return db.$executeRaw`
    UPDATE "Account"
    SET "iptvTariffId" = "pendingIptvTariffId", "pendingIptvTariffId" = NULL, "pendingIptvDate" = NULL
    WHERE "pendingIptvDate" <= ${dayAsDate(day)}::date`;
}

/** Changes of tariff where the billing lets the bot make them (Billing.tariffChanges). */
export interface TariffChanges {
  quoteInternet(input: {
    accountId: number;
    code: string;
    today: BillingDay;
  }): Promise<InternetChangeQuote>;
  scheduleInternet(input: {
    accountId: number;
    code: string;
    today: BillingDay;
  }): Promise<InternetChangeQuote>;
  cancelInternet(accountId: number): Promise<boolean>;
  scheduleIptv(input: {
    accountId: number;
    code: string | null;
    today: BillingDay;
  }): Promise<IptvChange>;
  cancelIptv(accountId: number): Promise<boolean>;
}

/** The built-in billing's changes: pending on the contract, made by the daily charge. */
export function ledgerTariffChanges(db: Db): TariffChanges {
  return {
    quoteInternet: (input) => quoteInternetChange(db, input),
    scheduleInternet: (input) => scheduleInternetChange(db, input),
    cancelInternet: (accountId) => cancelInternetChange(db, accountId),
    scheduleIptv: (input) => scheduleIptvChange(db, input),
    cancelIptv: (accountId) => cancelIptvChange(db, accountId),
  };
}
