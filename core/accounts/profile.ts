// A subscriber's profile: what the contract says about them, and the settings they change
// themselves (balance reminders, news, phone). Every function acts only on the Telegram user's
// active contract, checked against the links in the database. What the contract says (name,
// address, phone, email, tariffs) is the billing's; the settings are the bot's own.
import { z } from "zod";
import type { BalanceCard } from "../billing/balance.ts";
import type { Db } from "../db.ts";
import { findActiveAccount } from "./active-account.ts";
import { normalizePhone } from "./phone.ts";

const reminderPolicy = { minDaysAhead: 1, maxDaysAhead: 7 } as const;

export interface Profile {
  id: number;
  login: string;
  name: string;
  address: string;
  /** E.164. */
  phone: string | null;
  email: string | null;
  internet: { name: string; speedMbps: number | null } | null;
  iptv: { name: string; channels: number | null } | null;
  remindersEnabled: boolean;
  reminderDaysAhead: number;
  newsOptIn: boolean;
  /** How many contracts the Telegram user has linked (more than one: they can switch). */
  contracts: number;
}

/** The contract as the billing has it today (Billing.contractSummary). */
export type ContractFacts = (accountId: number) => Promise<BalanceCard>;

export interface ProfileTarget {
  telegramUserId: number;
  /** The contract the user acted on (from a button: user input); it must be their active one. */
  accountId?: number;
}

/**
 * The id of the contract to act on: the user's active one, and only if it is the one they acted
 * on; null otherwise (not signed in, signed out since, switched to another contract, forged).
 */
export async function accountToActOn(db: Db, target: ProfileTarget): Promise<number | null> {
  const active = await findActiveAccount(db, target.telegramUserId);
  if (!active) return null;
  if (target.accountId !== undefined && target.accountId !== active.id) return null;
  return active.id;
}

export async function loadProfile(
  db: Db,
  contract: ContractFacts,
  target: ProfileTarget,
): Promise<Profile | null> {
  const id = await accountToActOn(db, target);
  if (id === null) return null;
  const [settings, facts, contracts] = await Promise.all([
    db.account.findUniqueOrThrow({
      where: { id },
      select: { id: true, remindersEnabled: true, reminderDaysAhead: true, newsOptIn: true },
    }),
    contract(id),
    db.accountLink.count({ where: { telegramUserId: BigInt(target.telegramUserId) } }),
  ]);
  return {
    ...settings,
    login: facts.login,
    name: facts.name,
    address: facts.address,
    phone: facts.phone,
    email: facts.email,
    internet: facts.internet && { name: facts.internet.name, speedMbps: facts.internet.speedMbps },
    iptv: facts.iptv && { name: facts.iptv.name, channels: facts.iptv.channels },
    contracts,
  };
}

const settingsSchema = z
  .object({
    remindersEnabled: z.boolean(),
    reminderDaysAhead: z
      .number()
      .int()
      .min(reminderPolicy.minDaysAhead)
      .max(reminderPolicy.maxDaysAhead),
    newsOptIn: z.boolean(),
  })
  .partial();

export type SettingsChange = z.input<typeof settingsSchema>;

export type SettingsUpdate =
  | { outcome: "updated"; accountId: number }
  | { outcome: "not-linked" }
  | { outcome: "out-of-range" };

/** Changes reminder and news settings; days ahead outside 1–7 are refused. */
export async function updateSettings(
  db: Db,
  input: ProfileTarget & { change: SettingsChange },
): Promise<SettingsUpdate> {
  const change = settingsSchema.safeParse(input.change);
  if (!change.success) return { outcome: "out-of-range" };
  const id = await accountToActOn(db, input);
  if (id === null) return { outcome: "not-linked" };
  await db.account.update({ where: { id }, data: change.data });
  return { outcome: "updated", accountId: id };
}

export type PhoneChange =
  | { outcome: "changed"; phone: string }
  | { outcome: "not-own-contact" }
  | { outcome: "invalid-phone" }
  | { outcome: "not-linked" };

/** Sets the contract's phone from a contact the user shared: only their own, a Russian number. */
export async function changePhone(
  db: Db,
  input: ProfileTarget & { contactUserId: number | undefined; phone: string },
): Promise<PhoneChange> {
  if (input.contactUserId !== input.telegramUserId) return { outcome: "not-own-contact" };
  const phone = normalizePhone(input.phone);
  if (!phone) return { outcome: "invalid-phone" };
  const id = await accountToActOn(db, input);
  if (id === null) return { outcome: "not-linked" };
  await db.account.update({ where: { id }, data: { phone } });
  return { outcome: "changed", phone };
}
