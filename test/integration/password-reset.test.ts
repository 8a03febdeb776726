import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../core/accounts/password.ts";
import {
  enterResetCode,
  maxCodesPerHour,
  openPasswordChange,
  setNewPassword,
  startPasswordReset,
} from "../../core/accounts/password-reset.ts";
import { verifyLocalPassword } from "../../core/billing/local-password.ts";
import { demoPassword } from "../../prisma/seed.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { noPostgres } from "../support/require-services.ts";

const localBilling = { verifyPassword: verifyLocalPassword };

const minutes = (n: number) => n * 60_000;
const telegram = (id: number) => ({ id, chatId: id, firstName: "Тест" });

describe.skipIf(noPostgres)("password reset", () => {
  const { database } = useDemoDatabase();

  async function sentReset(login: string, telegramUserId: number, now: Date) {
    const started = await startPasswordReset(database.prisma, { login, telegramUserId, now });
    if (started.outcome !== "sent") throw new Error(`no code: ${started.outcome}`);
    return started;
  }

  it("expires a code after 15 minutes and lets only the user who asked use it", async () => {
    const now = new Date("2026-11-25T10:00:00Z");
    const reset = await sentReset("10001", 700_001, now);
    expect(
      await enterResetCode(database.prisma, {
        resetId: reset.resetId,
        telegramUserId: 700_002,
        code: reset.code,
        now,
      }),
    ).toEqual({ outcome: "expired" });
    expect(
      await enterResetCode(database.prisma, {
        resetId: reset.resetId,
        telegramUserId: 700_001,
        code: reset.code,
        now: new Date(now.getTime() + minutes(16)),
      }),
    ).toEqual({ outcome: "expired" });
  });

  it("sets the password once, unlocks the login, and refuses a second use", async () => {
    const now = new Date("2026-11-25T11:00:00Z");
    await database.prisma.account.update({
      where: { login: "10003" },
      data: { lockedUntil: new Date(now.getTime() + minutes(10)) },
    });
    const reset = await sentReset("10003", 700_003, now);
    expect(
      await enterResetCode(database.prisma, {
        resetId: reset.resetId,
        telegramUserId: 700_003,
        code: reset.code,
        now,
      }),
    ).toEqual({ outcome: "verified" });
    const weak = await setNewPassword(database.prisma, {
      resetId: reset.resetId,
      telegram: telegram(700_003),
      password: "10003",
      now,
    });
    expect(weak).toEqual({ outcome: "weak", problem: "length" });
    const changed = await setNewPassword(database.prisma, {
      resetId: reset.resetId,
      telegram: telegram(700_003),
      password: "Novyi-parol-3",
      now,
    });
    expect(changed).toMatchObject({
      outcome: "changed",
      account: { login: "10003" },
      otherTelegramUserIds: [],
    });
    const again = await setNewPassword(database.prisma, {
      resetId: reset.resetId,
      telegram: telegram(700_003),
      password: "Drugoi-parol-4",
      now,
    });
    expect(again).toEqual({ outcome: "expired" });
    const account = await database.prisma.account.findUniqueOrThrow({ where: { login: "10003" } });
    expect(account.lockedUntil).toBeNull();
    expect(await verifyPassword("Novyi-parol-3", account.passwordHash)).toBe(true);
  });

  it("does not set a password before the code is verified", async () => {
    const now = new Date("2026-11-25T12:00:00Z");
    const reset = await sentReset("10002", 700_004, now);
    expect(
      await setNewPassword(database.prisma, {
        resetId: reset.resetId,
        telegram: telegram(700_004),
        password: "Novyi-parol-5",
        now,
      }),
    ).toEqual({ outcome: "expired" });
  });

  it(`sends at most ${maxCodesPerHour} codes an hour per contract`, async () => {
    const now = new Date("2026-11-25T13:00:00Z");
    for (let i = 0; i < maxCodesPerHour; i++)
      await sentReset("10005", 700_005, new Date(now.getTime() + minutes(i)));
    expect(
      await startPasswordReset(database.prisma, {
        login: "10005",
        telegramUserId: 700_005,
        now: new Date(now.getTime() + minutes(5)),
      }),
    ).toEqual({
      outcome: "too-many",
      retryAt: new Date(now.getTime() + minutes(60)),
    });
  });

  it("opens a change only with the current password", async () => {
    const account = await database.prisma.account.findUniqueOrThrow({ where: { login: "10004" } });
    expect(
      await openPasswordChange(database.prisma, localBilling, {
        telegramUserId: 700_006,
        accountId: account.id,
        currentPassword: "nope",
      }),
    ).toEqual({ outcome: "invalid" });
    expect(
      await openPasswordChange(database.prisma, localBilling, {
        telegramUserId: 700_006,
        accountId: account.id,
        currentPassword: demoPassword,
      }),
    ).toMatchObject({ outcome: "verified" });
  });
});
