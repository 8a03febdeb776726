// What an external billing's calls for a contract are signed with, kept sealed on the contract's
// row (credential-box.ts). When the billing stops accepting it (the password was changed in the
// billing), it is dropped and every link to the contract suspended: nothing else is deleted, and
// each user sees the contract again once they sign in with the new password.
import type { Db } from "../db.ts";
import type { CredentialBox } from "./credential-box.ts";

export interface CredentialStore {
  /** The contract's credential, or null when there is none (never signed in, or rejected). */
  find(accountId: number): Promise<string | null>;
  /** The credential with the contract's login, read together (what a call is signed with). */
  findWithLogin(accountId: number): Promise<{ login: string; credential: string } | null>;
  keep(accountId: number, credential: string): Promise<void>;
  /** The billing refused it: drop it and suspend the contract's links. */
  rejected(accountId: number, now?: Date): Promise<void>;
}

export function sealedCredentials(db: Db, box: CredentialBox): CredentialStore {
  const keep = async (accountId: number, credential: string) => {
    await db.account.update({
      where: { id: accountId },
      data: { billingCredential: box.seal(credential) },
    });
  };
  const findWithLogin = async (accountId: number) => {
    const row = await db.account.findUnique({
      where: { id: accountId },
      select: { login: true, billingCredential: true },
    });
    const sealed = row?.billingCredential;
    if (!row || !sealed) return null;
    const credential = box.open(sealed);
    if (credential === null) return null;
    if (box.needsReseal(sealed)) await keep(accountId, credential);
    return { login: row.login, credential };
  };
  return {
    keep,
    find: async (accountId) => (await findWithLogin(accountId))?.credential ?? null,
    findWithLogin,
    async rejected(accountId, now = new Date()) {
      await db.$transaction([
        db.account.update({ where: { id: accountId }, data: { billingCredential: null } }),
        db.accountLink.updateMany({
          where: { accountId, suspendedAt: null },
          data: { suspendedAt: now },
        }),
      ]);
    },
  };
}
