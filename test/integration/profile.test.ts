import { describe, expect, it } from "vitest";
import {
  confirmEmailChange,
  emailChangePolicy,
  requestEmailChange,
} from "../../core/accounts/email-change.ts";
import { switchActiveAccount } from "../../core/accounts/links.ts";
import { codePolicy } from "../../core/accounts/one-time-code.ts";
import { changePhone, loadProfile, updateSettings } from "../../core/accounts/profile.ts";
import { getBalanceCard } from "../../core/billing/balance.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { noPostgres } from "../support/require-services.ts";

const minutes = (n: number) => n * 60_000;

describe.skipIf(noPostgres)("the subscriber's profile", () => {
  const { database } = useDemoDatabase();
  let nextUserId = 600_000;

  const contract = (accountId: number) => getBalanceCard(database.prisma, accountId, "2026-12-01");
  const account = (login: string) =>
    database.prisma.account.findUniqueOrThrow({ where: { login } });

  /** A new Telegram user linked to these contracts; the last one is active. */
  async function userWith(...logins: string[]): Promise<number> {
    nextUserId += 1;
    const id = BigInt(nextUserId);
    await database.prisma.telegramUser.create({
      data: { id, chatId: id, firstName: "Тест", languageCode: "ru" },
    });
    for (const login of logins) {
      const { id: accountId } = await account(login);
      await database.prisma.accountLink.create({
        data: { telegramUserId: id, accountId, method: "PASSWORD" },
      });
      await database.prisma.telegramUser.update({
        where: { id },
        data: { activeAccountId: accountId },
      });
    }
    return nextUserId;
  }

  describe("card and settings", () => {
    it("shows the active contract with its tariffs and settings", async () => {
      const telegramUserId = await userWith("10004", "10001");
      expect(await loadProfile(database.prisma, contract, { telegramUserId })).toMatchObject({
        login: "10001",
        name: "Магомедов Руслан Ахмедович",
        phone: "+79280000001",
        email: "ruslan.demo@example.ru",
        internet: { name: "Домашний 100", speedMbps: 100 },
        iptv: { name: "IPTV Базовый", channels: 120 },
        remindersEnabled: true,
        reminderDaysAhead: 3,
        newsOptIn: false,
        contracts: 2,
      });
    });

    it("has nothing for a user without contracts or for a contract that is not their active one", async () => {
      const stranger = await userWith();
      expect(await loadProfile(database.prisma, contract, { telegramUserId: stranger })).toBeNull();
      const telegramUserId = await userWith("10004", "10003");
      const inactive = await account("10004");
      const foreign = await account("10002");
      for (const accountId of [inactive.id, foreign.id])
        expect(
          await loadProfile(database.prisma, contract, { telegramUserId, accountId }),
        ).toBeNull();
    });

    it("turns reminders and news on and off and keeps days ahead within 1–7", async () => {
      const telegramUserId = await userWith("10003");
      const { id: accountId } = await account("10003");
      const update = (change: Parameters<typeof updateSettings>[1]["change"]) =>
        updateSettings(database.prisma, { telegramUserId, accountId, change });

      expect(await update({ remindersEnabled: false, newsOptIn: true })).toEqual({
        outcome: "updated",
        accountId,
      });
      expect(await loadProfile(database.prisma, contract, { telegramUserId })).toMatchObject({
        remindersEnabled: false,
        newsOptIn: true,
      });
      for (const days of [1, 7]) {
        expect(await update({ reminderDaysAhead: days })).toMatchObject({ outcome: "updated" });
        expect(await account("10003")).toMatchObject({ reminderDaysAhead: days });
      }
      for (const days of [0, 8, -1, 2.5])
        expect(await update({ reminderDaysAhead: days })).toEqual({ outcome: "out-of-range" });
      expect(await account("10003")).toMatchObject({
        remindersEnabled: false,
        reminderDaysAhead: 7,
        newsOptIn: true,
      });
    });

    it("refuses to change a contract that is not the user's active one", async () => {
      const telegramUserId = await userWith("10001", "10004");
      const before = await account("10002");
      const foreign = await updateSettings(database.prisma, {
        telegramUserId,
        accountId: before.id,
        change: { newsOptIn: !before.newsOptIn },
      });
      expect(foreign).toEqual({ outcome: "not-linked" });

      const previous = await account("10001");
      const stale = await updateSettings(database.prisma, {
        telegramUserId,
        accountId: previous.id,
        change: { newsOptIn: !previous.newsOptIn },
      });
      expect(stale).toEqual({ outcome: "not-linked" });
      expect((await account("10002")).newsOptIn).toBe(before.newsOptIn);
      expect((await account("10001")).newsOptIn).toBe(previous.newsOptIn);

      await switchActiveAccount(database.prisma, telegramUserId, previous.id);
      expect(
        await updateSettings(database.prisma, {
          telegramUserId,
          accountId: previous.id,
          change: { newsOptIn: true },
        }),
      ).toEqual({ outcome: "updated", accountId: previous.id });
      expect((await account("10001")).newsOptIn).toBe(true);
    });
  });

  describe("phone", () => {
    it("takes the user's own contact, normalised, and refuses another's or a foreign number", async () => {
      const telegramUserId = await userWith("10002");
      const { id: accountId } = await account("10002");
      const change = (contactUserId: number | undefined, phone: string) =>
        changePhone(database.prisma, { telegramUserId, accountId, contactUserId, phone });

      expect(await change(telegramUserId + 1, "+79281112233")).toEqual({
        outcome: "not-own-contact",
      });
      expect(await change(undefined, "+79281112233")).toEqual({ outcome: "not-own-contact" });
      expect(await change(telegramUserId, "+44 20 7946 0000")).toEqual({
        outcome: "invalid-phone",
      });
      expect((await account("10002")).phone).toBe("+79280000002");

      expect(await change(telegramUserId, "8 (928) 111-22-33")).toEqual({
        outcome: "changed",
        phone: "+79281112233",
      });
      expect((await account("10002")).phone).toBe("+79281112233");
    });

    it("refuses a contract that is not the user's", async () => {
      const telegramUserId = await userWith("10003");
      const { id: accountId } = await account("10005");
      expect(
        await changePhone(database.prisma, {
          telegramUserId,
          accountId,
          contactUserId: telegramUserId,
          phone: "+79281112233",
        }),
      ).toEqual({ outcome: "not-linked" });
    });
  });

  describe("email", () => {
    const start = new Date("2026-11-20T10:00:00Z");
    const at = (ms: number) => new Date(start.getTime() + ms);

    async function requestCode(login: string, email: string, now = start) {
      const telegramUserId = await userWith(login);
      const { id: accountId } = await account(login);
      const request = await requestEmailChange(database.prisma, {
        telegramUserId,
        accountId,
        email,
        now,
      });
      if (request.outcome !== "code-created") throw new Error(`no code: ${request.outcome}`);
      const confirm = (code: string, when = now) =>
        confirmEmailChange(database.prisma, {
          telegramUserId,
          accountId,
          changeId: request.changeId,
          code,
          now: when,
        });
      return { telegramUserId, accountId, request, confirm };
    }

    const wrongCode = (code: string) => (code === "000000" ? "111111" : "000000");

    it("changes the email after the code sent to the new address, stored only hashed", async () => {
      const { request, confirm } = await requestCode("10004", " amina.new@example.ru ");
      expect(request).toMatchObject({ email: "amina.new@example.ru", login: "10004" });
      expect(request.code).toMatch(/^\d{6}$/);
      const stored = await database.prisma.emailChange.findUniqueOrThrow({
        where: { id: request.changeId },
      });
      expect(stored.codeHash).not.toContain(request.code);
      expect(stored.expiresAt).toEqual(at(codePolicy.ttlMs));
      expect((await account("10004")).email).toBeNull();

      expect(await confirm(wrongCode(request.code))).toEqual({ outcome: "wrong", attemptsLeft: 4 });
      expect(await confirm(request.code)).toEqual({
        outcome: "changed",
        email: "amina.new@example.ru",
      });
      expect((await account("10004")).email).toBe("amina.new@example.ru");
      expect(await confirm(request.code)).toEqual({ outcome: "used" });
    });

    it("refuses an expired code", async () => {
      const { request, confirm } = await requestCode("10003", "late@example.ru");
      expect(await confirm(request.code, at(codePolicy.ttlMs))).toEqual({ outcome: "expired" });
      expect((await account("10003")).email).toBe("sergey.demo@example.ru");
    });

    it("ends the request after 5 wrong codes, even for the right one then", async () => {
      const { request, confirm } = await requestCode("10005", "guess@example.ru");
      const wrong = wrongCode(request.code);
      for (let left = codePolicy.maxAttempts - 1; left > 0; left--)
        expect(await confirm(wrong)).toEqual({ outcome: "wrong", attemptsLeft: left });
      expect(await confirm(wrong)).toEqual({ outcome: "exhausted" });
      expect(await confirm(request.code)).toEqual({ outcome: "exhausted" });
      expect((await account("10005")).email).toBe("ahmed.demo@example.ru");
    });

    it("accepts the code only from the Telegram user who asked, while the contract is theirs", async () => {
      const { accountId, request, confirm } = await requestCode("10002", "patimat.new@example.ru");
      const relative = await userWith("10002");
      expect(
        await confirmEmailChange(database.prisma, {
          telegramUserId: relative,
          accountId,
          changeId: request.changeId,
          code: request.code,
          now: start,
        }),
      ).toEqual({ outcome: "not-linked" });
      await database.prisma.accountLink.deleteMany({ where: { accountId } });
      expect(await confirm(request.code)).toEqual({ outcome: "not-linked" });
      expect((await account("10002")).email).toBe("patimat.demo@example.ru");
    });

    it("sends at most 3 codes an hour for a contract", async () => {
      const telegramUserId = await userWith("10001");
      const { id: accountId } = await account("10001");
      const later = new Date("2026-11-21T10:00:00Z");
      const request = (email: string, now: Date) =>
        requestEmailChange(database.prisma, { telegramUserId, accountId, email, now });
      for (let i = 0; i < emailChangePolicy.maxCodesPerHour; i++)
        expect(
          await request(`try${i}@example.ru`, new Date(later.getTime() + minutes(i))),
        ).toMatchObject({ outcome: "code-created" });
      expect(await request("one-more@example.ru", new Date(later.getTime() + minutes(30)))).toEqual(
        {
          outcome: "too-many",
          retryAt: new Date(later.getTime() + minutes(60)),
        },
      );
      expect(
        await request("next-hour@example.ru", new Date(later.getTime() + minutes(61))),
      ).toMatchObject({ outcome: "code-created" });
    });

    it("refuses a malformed address, the current one, and a contract that is not the user's", async () => {
      const telegramUserId = await userWith("10001");
      const { id: accountId } = await account("10001");
      const request = (email: string, id = accountId) =>
        requestEmailChange(database.prisma, { telegramUserId, accountId: id, email });
      for (const bad of ["ruslan", "a@b", "два слова@example.ru", `${"a".repeat(250)}@example.ru`])
        expect(await request(bad)).toEqual({ outcome: "invalid-email" });
      expect(await request("Ruslan.Demo@example.ru")).toEqual({ outcome: "same-email" });
      const { id: foreign } = await account("10004");
      expect(await request("mine@example.ru", foreign)).toEqual({ outcome: "not-linked" });
    });
  });
});
