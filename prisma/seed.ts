// Demo data: the provider's tariffs and a few contracts to try the bot with (README lists them).
// Idempotent: running it again changes nothing that already exists.
import { hashPassword } from "../core/accounts/password.ts";
import { addressFields } from "../core/addresses/address.ts";
import { postLedgerEntry } from "../core/billing/ledger.ts";
import type { Db } from "../core/db.ts";
import type { AccountStatus, TariffKind } from "../core/generated/prisma/enums.ts";

export const demoPassword = "kaspnet-demo";

interface DemoTariff {
  code: string;
  name: string;
  kind: TariffKind;
  monthlyFee: number;
  speedMbps?: number;
  channels?: number;
  description: string;
}

export const demoTariffs: DemoTariff[] = [
  {
    code: "home-50",
    name: "Домашний 50",
    kind: "INTERNET",
    monthlyFee: 450_00,
    speedMbps: 50,
    description: "Для почты, соцсетей и видео в HD",
  },
  {
    code: "home-100",
    name: "Домашний 100",
    kind: "INTERNET",
    monthlyFee: 600_00,
    speedMbps: 100,
    description: "Для семьи: несколько устройств и видео в Full HD",
  },
  {
    code: "max-300",
    name: "Максимум 300",
    kind: "INTERNET",
    monthlyFee: 850_00,
    speedMbps: 300,
    description: "Для игр, 4K и больших загрузок",
  },
  {
    code: "giga-500",
    name: "Гига 500",
    kind: "INTERNET",
    monthlyFee: 1100_00,
    speedMbps: 500,
    description: "Максимальная скорость для всего дома",
  },
  {
    code: "iptv-basic",
    name: "IPTV Базовый",
    kind: "IPTV",
    monthlyFee: 150_00,
    channels: 120,
    description: "Федеральные, региональные и детские каналы",
  },
  {
    code: "iptv-extended",
    name: "IPTV Расширенный",
    kind: "IPTV",
    monthlyFee: 300_00,
    channels: 210,
    description: "Базовый пакет, кино, спорт и каналы в HD",
  },
];

interface DemoAccount {
  login: string;
  name: string;
  address: string;
  phone: string | null;
  email: string | null;
  status: AccountStatus;
  internet: string;
  iptv: string | null;
  openingBalance: number;
}

export const demoAccounts: DemoAccount[] = [
  {
    login: "10001",
    name: "Магомедов Руслан Ахмедович",
    address: "г. Каспийск, ул. Ленина, д. 12, кв. 34",
    phone: "+79280000001",
    email: "ruslan.demo@example.ru",
    status: "ACTIVE",
    internet: "home-100",
    iptv: "iptv-basic",
    openingBalance: 1250_00,
  },
  {
    login: "10002",
    name: "Алиева Патимат Магомедовна",
    address: "г. Каспийск, ул. Амет-хан Султана, д. 5, кв. 12",
    phone: "+79280000002",
    email: "patimat.demo@example.ru",
    status: "BLOCKED",
    internet: "home-50",
    iptv: null,
    openingBalance: -180_00,
  },
  {
    login: "10003",
    name: "Иванов Сергей Петрович",
    // Ленина 12 as 10001: a house-wide outage there reaches two active contracts.
    address: "г. Каспийск, ул. Ленина, д. 12, кв. 7",
    phone: "+79280000003",
    email: "sergey.demo@example.ru",
    status: "ACTIVE",
    internet: "home-100",
    iptv: null,
    openingBalance: 40_00,
  },
  {
    login: "10004",
    name: "Гаджиева Аминат Расуловна",
    address: "г. Каспийск, ул. Орджоникидзе, д. 3",
    phone: "+79280000004",
    email: null,
    status: "ACTIVE",
    internet: "max-300",
    iptv: "iptv-extended",
    openingBalance: 2300_00,
  },
  {
    login: "10005",
    name: "Курбанов Ахмед Исаевич",
    address: "г. Каспийск, ул. Садовая, д. 17, кв. 2",
    phone: "+79280000005",
    email: "ahmed.demo@example.ru",
    status: "CLOSED",
    internet: "home-50",
    iptv: null,
    openingBalance: 0,
  },
];

export async function seedDemoData(db: Db): Promise<void> {
  const tariffIds = new Map<string, number>();
  for (const { code, ...tariff } of demoTariffs) {
    const row = await db.tariff.upsert({
      where: { code },
      create: { code, ...tariff },
      update: {},
      select: { id: true },
    });
    tariffIds.set(code, row.id);
  }
  const tariffId = (code: string) => {
    const id = tariffIds.get(code);
    if (id === undefined) throw new Error(`demo tariff ${code} is missing`);
    return id;
  };

  for (const { openingBalance, internet, iptv, ...account } of demoAccounts) {
    const existing = await db.account.findUnique({
      where: { login: account.login },
      select: { id: true },
    });
    const id =
      existing?.id ??
      (
        await db.account.create({
          data: {
            ...account,
            ...addressFields(account.address),
            passwordHash: await hashPassword(demoPassword),
            internetTariffId: tariffId(internet),
            iptvTariffId: iptv ? tariffId(iptv) : null,
          },
          select: { id: true },
        })
      ).id;
    if (openingBalance !== 0) {
      await postLedgerEntry(db, {
        accountId: id,
        amount: openingBalance,
        kind: "ADJUSTMENT",
        idempotencyKey: `seed:opening:${account.login}`,
        reference: "Входящий остаток (демо)",
      });
    }
  }
}
