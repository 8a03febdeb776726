// Contracts on a street of the tests' own (not in the demo data), with Telegram users linked to
// them who have started the bot: the people a mass outage there reaches.
import type { Db } from "../../core/db.ts";
import type { BotApiEmulator, UserDriver } from "../emulator/index.ts";

export const testStreet = { name: "Индустриальная", key: "индустриальная" };

export interface Resident {
  login: string;
  accountId: number;
  user: UserDriver;
}

let made = 0;

/** A contract in `house` (ACTIVE unless said) with one linked subscriber. */
export async function resident(
  db: Db,
  emulator: BotApiEmulator,
  house: string,
  options: {
    status?: "ACTIVE" | "BLOCKED";
    languageCode?: string;
    street?: { name: string; key: string };
  } = {},
): Promise<Resident> {
  made += 1;
  const street = options.street ?? testStreet;
  const login = `${street.key.slice(0, 3)}${house}-${made}`;
  const account = await db.account.create({
    data: {
      login,
      passwordHash: "",
      name: `Житель ${made}`,
      address: `ул. ${street.name}, д. ${house}, кв. ${made}`,
      street: street.name,
      streetKey: street.key,
      house,
      flat: String(made),
      status: options.status ?? "ACTIVE",
    },
  });
  const user = emulator.user({
    firstName: login,
    languageCode: options.languageCode ?? "ru",
    hasStartedBot: true,
  });
  await db.telegramUser.create({
    data: {
      id: BigInt(user.id),
      chatId: BigInt(user.id),
      firstName: login,
      languageCode: options.languageCode ?? "ru",
      activeAccountId: account.id,
      links: { create: { accountId: account.id, method: "PASSWORD" } },
    },
  });
  return { login, accountId: account.id, user };
}
