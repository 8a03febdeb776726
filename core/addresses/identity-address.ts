// What the bot keeps of the address a billing gave with a contract (core/billing/port.ts): its
// text and, where the billing's adapter read it, street, house and flat.
import type { ContractIdentity } from "../billing/port.ts";
import { fieldsOf } from "./address.ts";

export interface AddressColumns {
  address: string;
  street: string | null;
  streetKey: string | null;
  house: string | null;
  flat: string | null;
}

/**
 * The Account columns for the identity's address: all nulls beside the text when the adapter
 * could not read it, none at all when the billing reads no addresses (the row keeps its own).
 */
export function addressColumns(identity: ContractIdentity): AddressColumns | null {
  const parts = identity.structuredAddress;
  if (parts === undefined) return null;
  return { address: identity.address, ...fieldsOf(parts) };
}
