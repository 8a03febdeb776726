import { describe, expect, it } from "vitest";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import {
  listLinkedAccounts,
  switchActiveAccount,
  unlinkAccount,
} from "../../core/accounts/links.ts";
import { loginPolicy } from "../../core/accounts/login-policy.ts";
import { hashPassword } from "../../core/accounts/password.ts";
import { signInWithContact, signInWithPassword } from "../../core/accounts/sign-in.ts";
import { signOutEverywhere } from "../../core/accounts/sign-out-everywhere.ts";
import { verifyLocalPassword } from "../../core/billing/local-password.ts";
import { demoPassword } from "../../prisma/seed.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { noPostgres } from "../support/require-services.ts";

const localBilling = { verifyPassword: verifyLocalPassword };

let nextUserId = 500_000;
const telegramUser = () => {
  nextUserId += 1;
  return { id: nextUserId, chatId: nextUserId, firstName: "Тест", languageCode: "ru" };
};
const minutes = (n: number) => n * 60_000;

describe.skipIf(noPostgres)("signing in", () => {
  const { database } = useDemoDatabase();

  it("links the contract with the right password and makes it active", async () => {
    const telegram = telegramUser();
    const result = await signInWithPassword(database.prisma, localBilling, {
      telegram,
      login: " 10001 ",
      password: demoPassword,
    });
    expect(result).toMatchObject({ outcome: "linked", account: { login: "10001" } });
    expect(await findActiveAccount(database.prisma, telegram.id)).toMatchObject({ login: "10001" });
    const link = await database.prisma.accountLink.findFirstOrThrow({
      where: { telegramUserId: BigInt(telegram.id) },
    });
    expect(link.method).toBe("PASSWORD");
  });

  it("answers a wrong login exactly as a wrong password", async () => {
    const telegram = telegramUser();
    const unknown = await signInWithPassword(database.prisma, localBilling, {
      telegram,
      login: "99999",
      password: demoPassword,
    });
    const wrong = await signInWithPassword(database.prisma, localBilling, {
      telegram,
      login: "10004",
      password: "not-the-password",
    });
    expect(unknown).toEqual({ outcome: "invalid" });
    expect(wrong).toEqual(unknown);
  });

  it("locks a login after 5 wrong passwords in 15 minutes, for 15 minutes, even for the right one", async () => {
    const start = new Date("2026-11-20T10:00:00Z");
    const attacker = telegramUser();
    for (let i = 0; i < loginPolicy.maxFailures - 1; i++) {
      const result = await signInWithPassword(database.prisma, localBilling, {
        telegram: attacker,
        login: "10002",
        password: `guess-${i}`,
        now: new Date(start.getTime() + minutes(i)),
      });
      expect(result).toEqual({ outcome: "invalid" });
    }
    const fifth = await signInWithPassword(database.prisma, localBilling, {
      telegram: attacker,
      login: "10002",
      password: "guess-5",
      now: new Date(start.getTime() + minutes(5)),
    });
    const until = new Date(start.getTime() + minutes(20));
    expect(fifth).toEqual({ outcome: "locked", until });

    const owner = telegramUser();
    const whileLocked = await signInWithPassword(database.prisma, localBilling, {
      telegram: owner,
      login: "10002",
      password: demoPassword,
      now: new Date(start.getTime() + minutes(19)),
    });
    expect(whileLocked).toEqual({ outcome: "locked", until });
    const afterwards = await signInWithPassword(database.prisma, localBilling, {
      telegram: owner,
      login: "10002",
      password: demoPassword,
      now: new Date(start.getTime() + minutes(21)),
    });
    expect(afterwards.outcome).toBe("linked");
  });

  it("counts wrong passwords in a sliding 15-minute window, from any Telegram user", async () => {
    const start = new Date("2026-11-21T10:00:00Z");
    const at = (minute: number) => new Date(start.getTime() + minutes(minute));
    const wrong = (minute: number) =>
      signInWithPassword(database.prisma, localBilling, {
        telegram: telegramUser(),
        login: "10003",
        password: "wrong",
        now: at(minute),
      });
    // Four at 0, 4, 8, 12 and the fifth at 16: only four fall in any 15 minutes.
    for (const minute of [0, 4, 8, 12, 16])
      expect(await wrong(minute)).toEqual({ outcome: "invalid" });
    // A burst across a fixed window's edge still locks: 4, 8, 12, 16 and now 17.
    expect(await wrong(17)).toEqual({ outcome: "locked", until: at(32) });
  });

  it("forgets earlier wrong passwords after a successful sign-in", async () => {
    const start = new Date("2026-11-22T10:00:00Z");
    const at = (minute: number) => new Date(start.getTime() + minutes(minute));
    const owner = telegramUser();
    const attempt = (minute: number, password: string) =>
      signInWithPassword(database.prisma, localBilling, {
        telegram: owner,
        login: "10004",
        password,
        now: at(minute),
      });
    for (const minute of [0, 1, 2, 3])
      expect((await attempt(minute, "typo")).outcome).toBe("invalid");
    expect((await attempt(4, demoPassword)).outcome).toBe("linked");
    for (const minute of [5, 6, 7, 8])
      expect((await attempt(minute, "typo")).outcome).toBe("invalid");
  });

  it("lets one Telegram user try 10 passwords an hour, whatever the logins", async () => {
    const start = new Date("2026-11-23T10:00:00Z");
    const user = telegramUser();
    const logins = ["10001", "10003", "10004", "55555", "10005"];
    for (let i = 0; i < loginPolicy.maxTriesPerHour; i++) {
      await signInWithPassword(database.prisma, localBilling, {
        telegram: user,
        login: logins[i % logins.length] ?? "10001",
        password: `guess-${i}`,
        now: new Date(start.getTime() + minutes(i)),
      });
    }
    const eleventh = await signInWithPassword(database.prisma, localBilling, {
      telegram: user,
      login: "10004",
      password: demoPassword,
      now: new Date(start.getTime() + minutes(30)),
    });
    expect(eleventh).toEqual({
      outcome: "too-many-tries",
      retryAt: new Date(start.getTime() + minutes(60)),
    });
    const nextHour = await signInWithPassword(database.prisma, localBilling, {
      telegram: user,
      login: "10004",
      password: demoPassword,
      now: new Date(start.getTime() + minutes(70)),
    });
    expect(nextHour.outcome).toBe("linked");
  });
});

describe.skipIf(noPostgres)("signing in with a shared phone", () => {
  const { database } = useDemoDatabase();

  it("links the one contract with the sender's own number, in any spelling", async () => {
    const telegram = telegramUser();
    const result = await signInWithContact(database.prisma, {
      telegram,
      contactUserId: telegram.id,
      phone: "79280000003",
    });
    expect(result).toMatchObject({ outcome: "linked", account: { login: "10003" } });
    const link = await database.prisma.accountLink.findFirstOrThrow({
      where: { telegramUserId: BigInt(telegram.id) },
    });
    expect(link.method).toBe("CONTACT");
  });

  it("refuses someone else's contact, an unknown number, a closed contract and an ambiguous number", async () => {
    const telegram = telegramUser();
    expect(
      await signInWithContact(database.prisma, {
        telegram,
        contactUserId: telegram.id + 1,
        phone: "+79280000001",
      }),
    ).toEqual({ outcome: "not-own-contact" });
    expect(
      await signInWithContact(database.prisma, {
        telegram,
        contactUserId: undefined,
        phone: "+79280000001",
      }),
    ).toEqual({ outcome: "not-own-contact" });
    expect(
      await signInWithContact(database.prisma, {
        telegram,
        contactUserId: telegram.id,
        phone: "+79991112233",
      }),
    ).toEqual({ outcome: "no-match" });
    expect(
      await signInWithContact(database.prisma, {
        telegram,
        contactUserId: telegram.id,
        phone: "+79280000005",
      }),
    ).toEqual({ outcome: "no-match" });

    await database.prisma.account.create({
      data: {
        login: "20001",
        name: "Второй договор",
        address: "г. Каспийск",
        phone: "+79280000004",
        passwordHash: await hashPassword("x-password-1"),
      },
    });
    expect(
      await signInWithContact(database.prisma, {
        telegram,
        contactUserId: telegram.id,
        phone: "+79280000004",
      }),
    ).toEqual({ outcome: "several-matches" });
    expect(
      await database.prisma.accountLink.count({ where: { telegramUserId: BigInt(telegram.id) } }),
    ).toBe(0);
  });
});

describe.skipIf(noPostgres)("several contracts and signing out", () => {
  const { database } = useDemoDatabase();

  const signIn = async (telegram: ReturnType<typeof telegramUser>, login: string) => {
    const result = await signInWithPassword(database.prisma, localBilling, {
      telegram,
      login,
      password: demoPassword,
    });
    if (result.outcome !== "linked") throw new Error(`sign-in failed: ${result.outcome}`);
    return result.account;
  };

  it("keeps several contracts, switches between them and unlinks one", async () => {
    const user = telegramUser();
    const first = await signIn(user, "10001");
    const second = await signIn(user, "10004");
    expect(await listLinkedAccounts(database.prisma, user.id)).toEqual([
      { ...first, active: false },
      { ...second, active: true },
    ]);
    expect(await switchActiveAccount(database.prisma, user.id, first.id)).toBe(true);
    expect((await findActiveAccount(database.prisma, user.id))?.login).toBe("10001");

    const notLinked = await database.prisma.account.findUniqueOrThrow({
      where: { login: "10002" },
    });
    expect(await switchActiveAccount(database.prisma, user.id, notLinked.id)).toBe(false);
    expect((await findActiveAccount(database.prisma, user.id))?.login).toBe("10001");

    expect(await unlinkAccount(database.prisma, user.id, first.id)).toBe(true);
    expect((await findActiveAccount(database.prisma, user.id))?.login).toBe("10004");
    expect(await unlinkAccount(database.prisma, user.id, first.id)).toBe(false);
  });

  it("signs every Telegram user out of a contract after its password", async () => {
    const owner = telegramUser();
    const relative = telegramUser();
    const account = await signIn(owner, "10003");
    await signIn(relative, "10003");
    await signIn(relative, "10001");

    expect(
      await signOutEverywhere(database.prisma, localBilling, {
        telegramUserId: owner.id,
        accountId: account.id,
        password: "wrong-password",
      }),
    ).toEqual({ outcome: "invalid" });
    expect(await database.prisma.accountLink.count({ where: { accountId: account.id } })).toBe(2);

    const stranger = telegramUser();
    expect(
      await signOutEverywhere(database.prisma, localBilling, {
        telegramUserId: stranger.id,
        accountId: account.id,
        password: demoPassword,
      }),
    ).toEqual({ outcome: "not-linked" });

    expect(
      await signOutEverywhere(database.prisma, localBilling, {
        telegramUserId: owner.id,
        accountId: account.id,
        password: demoPassword,
      }),
    ).toEqual({ outcome: "signed-out", otherTelegramUserIds: [relative.id] });
    expect(await database.prisma.accountLink.count({ where: { accountId: account.id } })).toBe(0);
    expect((await findActiveAccount(database.prisma, relative.id))?.login).toBe("10001");
    expect(await findActiveAccount(database.prisma, owner.id)).toBeNull();
  });
});
