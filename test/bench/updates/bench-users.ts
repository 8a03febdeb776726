// The users of one emulator for `npm run bench -- updates`, fresh ones for every phase (so no chat
// sends more than a few updates within the flood guard's window), and their rows in the bot's
// database: known but not signed in (a `TelegramUser`), or signed in to a contract of their own
// (an `Account` with a balance and one ledger entry, linked and active), as a sign-in leaves them.
import type { Db } from "../../../core/db.ts";
import type { BotApiEmulator, UserDriver } from "../../emulator/index.ts";

const balance = 1250_00;

export class BenchUsers {
  private next: number;

  constructor(
    private readonly emulator: BotApiEmulator,
    private readonly db: Db,
    firstId: number,
  ) {
    this.next = firstId;
  }

  /** Users the bot has never heard of. */
  fresh(count: number): UserDriver[] {
    return Array.from({ length: count }, () => {
      const id = this.next++;
      return this.emulator.user({
        id,
        firstName: `Абонент ${id}`,
        languageCode: "ru",
        hasStartedBot: true,
      });
    });
  }

  /** Users who wrote to the bot before and never signed in. */
  async known(count: number): Promise<UserDriver[]> {
    const users = this.fresh(count);
    await this.db.telegramUser.createMany({ data: users.map(telegramUserRow) });
    return users;
  }

  /** Users signed in to a contract each. */
  async signedIn(count: number): Promise<UserDriver[]> {
    const users = this.fresh(count);
    const tariff = await this.db.tariff.findUniqueOrThrow({ where: { code: "home-100" } });
    const accounts = await this.db.account.createManyAndReturn({
      data: users.map((user) => ({
        login: `bench-${user.id}`,
        passwordHash: "",
        name: `Абонент ${user.id}`,
        address: "ул. Ленина, 5",
        balance,
        internetTariffId: tariff.id,
      })),
      select: { id: true },
    });
    await this.db.ledgerEntry.createMany({
      data: accounts.map((account) => ({
        accountId: account.id,
        amount: balance,
        kind: "ADJUSTMENT" as const,
        idempotencyKey: `bench:${account.id}`,
        balanceAfter: balance,
      })),
    });
    await this.db.telegramUser.createMany({
      data: users.map((user, i) => ({
        ...telegramUserRow(user),
        activeAccountId: accounts[i]?.id,
      })),
    });
    await this.db.accountLink.createMany({
      data: users.map((user, i) => ({
        telegramUserId: BigInt(user.id),
        accountId: accounts[i]?.id ?? 0,
        method: "PASSWORD" as const,
      })),
    });
    return users;
  }
}

function telegramUserRow(user: UserDriver) {
  return {
    id: BigInt(user.id),
    chatId: BigInt(user.id),
    firstName: user.user.first_name,
    languageCode: "ru",
  };
}
