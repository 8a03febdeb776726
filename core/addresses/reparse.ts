// Fills every contract's street, house and flat with today's rules: for contracts stored before
// addresses were parsed, or after the rules learned a spelling. On the built-in billing the
// address text is the bot's own and is read again; on an external one (Ubilling) the billing is
// asked for each contract's address, as a sign-in would, text and all. Writes only what changes,
// so a rerun writes nothing.
import {
  BillingCredentialRejectedError,
  BillingUnavailableError,
} from "../billing/billing-errors.ts";
import type { ContractIdentity } from "../billing/port.ts";
import type { Db } from "../db.ts";
import { addressFields } from "./address.ts";
import { type AddressColumns, addressColumns } from "./identity-address.ts";

export interface ReparseReport {
  contracts: number;
  parsed: number;
  updated: number;
  /** Contracts whose address stays text only. */
  unread: { login: string; address: string }[];
  /** Contracts the billing could not be asked about, left as they are, and why. */
  notAsked: { login: string; why: NotAsked }[];
}

/** No working credential to ask with (never signed in, or the password changed there), or no answer. */
export type NotAsked = "no-credential" | "unavailable";

interface StoredContract {
  id: number;
  login: string;
  address: string;
}

/** A contract's address as it should be stored, or why it cannot be known now. */
export type AddressSource = (
  contract: StoredContract,
) => Promise<AddressColumns | { notAsked: NotAsked }>;

/** The stored text, read with the provider's own spelling (core/addresses/address.ts). */
export const storedText: AddressSource = async ({ address }) => ({
  address,
  ...addressFields(address),
});

/** The external billing's address of the contract, read by its adapter. */
export function askedOfBilling(
  identityOf: (accountId: number) => Promise<ContractIdentity>,
): AddressSource {
  return async ({ id }) => {
    try {
      const identity = await identityOf(id);
      return (
        addressColumns(identity) ?? {
          address: identity.address,
          ...addressFields(identity.address),
        }
      );
    } catch (error) {
      if (error instanceof BillingCredentialRejectedError) return { notAsked: "no-credential" };
      if (error instanceof BillingUnavailableError) return { notAsked: "unavailable" };
      throw error;
    }
  };
}

/** A billing that failed this many contracts running is down: the rest are not asked. */
const unansweredInARow = 3;

const columns = ["address", "street", "streetKey", "house", "flat"] as const;

export async function reparseAddresses(
  db: Db,
  source: AddressSource = storedText,
): Promise<ReparseReport> {
  const accounts = await db.account.findMany({
    select: {
      id: true,
      login: true,
      address: true,
      street: true,
      streetKey: true,
      house: true,
      flat: true,
    },
    orderBy: { id: "asc" },
  });
  const report: ReparseReport = {
    contracts: accounts.length,
    parsed: 0,
    updated: 0,
    unread: [],
    notAsked: [],
  };
  let unanswered = 0;
  for (const account of accounts) {
    const fields =
      unanswered >= unansweredInARow
        ? ({ notAsked: "unavailable" } as const)
        : await source(account);
    if ("notAsked" in fields) {
      report.notAsked.push({ login: account.login, why: fields.notAsked });
      if (fields.notAsked === "unavailable") unanswered += 1;
      continue;
    }
    unanswered = 0;
    if (fields.streetKey === null)
      report.unread.push({ login: account.login, address: fields.address });
    else report.parsed += 1;
    if (columns.every((key) => fields[key] === account[key])) continue;
    await db.account.update({ where: { id: account.id }, data: fields });
    report.updated += 1;
  }
  return report;
}
