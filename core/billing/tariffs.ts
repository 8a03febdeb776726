// Tariffs and changes of them. An internet tariff changes from the 1st of next month (a pending
// change the daily charge applies, cancellable until then); an IPTV package is added or removed at
// once, which the daily charge bills from the next day (today's charge has been taken at 00:05).
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
  | { outcome: "changed"; to: TariffOption | null }
  | { outcome: "same" | "unknown" };

/** Adds, switches (a code) or removes (null) the IPTV package; billed from the next day. */
export async function changeIptv(
  db: Db,
  input: { accountId: number; code: string | null },
): Promise<IptvChange> {
  const to = input.code === null ? null : await activeTariff(db, input.code, "IPTV");
  if (input.code !== null && !to) return { outcome: "unknown" };
  const account = await db.account.findUniqueOrThrow({
    where: { id: input.accountId },
    select: { iptvTariff: { select: { code: true } } },
  });
  if ((account.iptvTariff?.code ?? null) === (to?.code ?? null)) return { outcome: "same" };
  const tariff = to
    ? await db.tariff.findUniqueOrThrow({ where: { code: to.code }, select: { id: true } })
    : null;
  await db.account.update({
    where: { id: input.accountId },
    data: { iptvTariffId: tariff?.id ?? null },
  });
  return { outcome: "changed", to };
}
