// One contract as the operator sees it: who, where, status, money, tariffs, Telegram users,
// and the latest ledger entries.
import type { Db } from "../db.ts";
import type { AccountStatus, LedgerKind, TariffKind } from "../generated/prisma/enums.ts";

export interface ReportTariff {
  code: string;
  name: string;
  kind: TariffKind;
  monthlyFee: number;
}

export interface AccountReport {
  id: number;
  login: string;
  name: string;
  address: string;
  phone: string | null;
  email: string | null;
  status: AccountStatus;
  /** Kopecks. */
  balance: number;
  internet: ReportTariff | null;
  iptv: ReportTariff | null;
  pendingTariff: { tariff: ReportTariff; from: Date } | null;
  trust: { amount: number; expiresAt: Date } | null;
  lockedUntil: Date | null;
  linkedTelegramUsers: number;
  createdAt: Date;
  /** Newest first. */
  ledger: {
    createdAt: Date;
    kind: LedgerKind;
    amount: number;
    balanceAfter: number;
    reference: string | null;
  }[];
  ledgerEntries: number;
}

const tariff = { select: { code: true, name: true, kind: true, monthlyFee: true } } as const;

export async function accountReport(
  db: Db,
  input: { login: string; entries?: number; now?: Date },
): Promise<AccountReport | null> {
  const account = await db.account.findUnique({
    where: { login: input.login.trim() },
    select: {
      id: true,
      login: true,
      name: true,
      address: true,
      phone: true,
      email: true,
      status: true,
      balance: true,
      lockedUntil: true,
      createdAt: true,
      internetTariff: tariff,
      iptvTariff: tariff,
      pendingTariff: tariff,
      pendingTariffDate: true,
      trustPayments: {
        where: { status: "ACTIVE" },
        orderBy: { expiresAt: "desc" },
        take: 1,
        select: { amount: true, expiresAt: true },
      },
      ledgerEntries: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: input.entries ?? 10,
        select: { createdAt: true, kind: true, amount: true, balanceAfter: true, reference: true },
      },
      _count: { select: { links: true, ledgerEntries: true } },
    },
  });
  if (!account) return null;
  const now = input.now ?? new Date();
  return {
    login: account.login,
    id: account.id,
    name: account.name,
    address: account.address,
    phone: account.phone,
    email: account.email,
    status: account.status,
    balance: account.balance,
    internet: account.internetTariff,
    iptv: account.iptvTariff,
    pendingTariff:
      account.pendingTariff && account.pendingTariffDate
        ? { tariff: account.pendingTariff, from: account.pendingTariffDate }
        : null,
    trust: account.trustPayments[0] ?? null,
    lockedUntil: account.lockedUntil && account.lockedUntil > now ? account.lockedUntil : null,
    linkedTelegramUsers: account._count.links,
    createdAt: account.createdAt,
    ledger: account.ledgerEntries,
    ledgerEntries: account._count.ledgerEntries,
  };
}
