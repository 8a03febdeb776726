// An external billing's credential for a contract: kept sealed, opened with old keys and resealed,
// and when the billing rejects it, dropped with every link suspended (nothing deleted) until each
// user signs in again.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import { sealedCredentials } from "../../core/accounts/billing-credentials.ts";
import { createCredentialBox } from "../../core/accounts/credential-box.ts";
import { findSuspendedLink } from "../../core/accounts/links.ts";
import { linkTelegramUser } from "../../core/accounts/sign-in.ts";
import { enqueueAccountNotices } from "../../core/notify/outbox.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { noPostgres } from "../support/require-services.ts";

let nextUserId = 710_000;
const telegramUser = () => {
  nextUserId += 1;
  return { id: nextUserId, chatId: nextUserId, firstName: "Тест", languageCode: "ru" };
};

describe.skipIf(noPostgres)("billing credentials", () => {
  const { database } = useDemoDatabase();
  const db = () => database.prisma;
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  async function contract(login: string) {
    return db().account.create({
      data: { login, name: "Абонент", address: "ул. Ленина, 5", passwordHash: "" },
    });
  }

  it("keeps the credential sealed and gives it back", async () => {
    const store = sealedCredentials(db(), createCredentialBox(newKey));
    const account = await contract("cred-1");
    await store.keep(account.id, "md5-of-the-password");
    const row = await db().account.findUniqueOrThrow({ where: { id: account.id } });
    expect(row.billingCredential).toMatch(/^v1\./);
    expect(row.billingCredential).not.toContain("md5-of-the-password");
    expect(await store.find(account.id)).toBe("md5-of-the-password");
    expect(await store.find((await contract("cred-none")).id)).toBeNull();
  });

  it("opens what an old key sealed and seals it again with the current one", async () => {
    const account = await contract("cred-2");
    await sealedCredentials(db(), createCredentialBox(oldKey)).keep(account.id, "secret-2");
    const rotated = sealedCredentials(db(), createCredentialBox(newKey, [oldKey]));
    expect(await rotated.find(account.id)).toBe("secret-2");
    const onlyNewKey = sealedCredentials(db(), createCredentialBox(newKey));
    expect(await onlyNewKey.find(account.id)).toBe("secret-2");
  });

  it("on rejection drops it and suspends every link until that user signs in again", async () => {
    const store = sealedCredentials(db(), createCredentialBox(newKey));
    const account = await contract("cred-3");
    const [owner, flatmate] = [telegramUser(), telegramUser()];
    await linkTelegramUser(db(), owner, account.id, "PASSWORD");
    await linkTelegramUser(db(), flatmate, account.id, "PASSWORD");
    await store.keep(account.id, "old-password-md5");

    await store.rejected(account.id);
    expect(await store.find(account.id)).toBeNull();
    expect(await db().accountLink.count({ where: { accountId: account.id } })).toBe(2);
    for (const user of [owner, flatmate]) {
      expect(await findActiveAccount(db(), user.id)).toBeNull();
      expect(await findSuspendedLink(db(), user.id)).toEqual({ login: "cred-3" });
    }
    const noticesWhileSuspended = await enqueueAccountNotices(db(), "test-notice", "2026-12-02", [
      { accountId: account.id, payload: { kind: "test" } },
    ]);
    expect(noticesWhileSuspended).toBe(0);

    await linkTelegramUser(db(), owner, account.id, "PASSWORD");
    await store.keep(account.id, "new-password-md5");
    expect(await findActiveAccount(db(), owner.id)).toMatchObject({ login: "cred-3" });
    expect(await findSuspendedLink(db(), owner.id)).toBeNull();
    expect(await findActiveAccount(db(), flatmate.id)).toBeNull();
    expect(await findSuspendedLink(db(), flatmate.id)).toEqual({ login: "cred-3" });
    const noticesAfter = await enqueueAccountNotices(db(), "test-notice", "2026-12-03", [
      { accountId: account.id, payload: { kind: "test" } },
    ]);
    expect(noticesAfter).toBe(1);
  });
});
