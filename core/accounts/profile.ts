// A subscriber's profile: what the contract says about them, and the settings they change
// themselves (balance reminders, news, phone). Every function acts only on the Telegram user's
// active contract, checked against the links in the database.
import { z } from "zod";
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

export async function loadProfile(db: Db, target: ProfileTarget): Promise<Profile | null> {
  const id = await accountToActOn(db, target);
  if (id === null) return null;
  const [account, contracts] = await Promise.all([
    db.account.findUniqueOrThrow({
      where: { id },
      select: {
        id: true,
        login: true,
        name: true,
        address: true,
        phone: true,
        email: true,
        remindersEnabled: true,
        reminderDaysAhead: true,
        newsOptIn: true,
        internetTariff: { select: { name: true, speedMbps: true } },
        iptvTariff: { select: { name: true, channels: true } },
      },
    }),
    db.accountLink.count({ where: { telegramUserId: BigInt(target.telegramUserId) } }),
  ]);
  const { internetTariff, iptvTariff, ...fields } = account;
  return { ...fields, internet: internetTariff, iptv: iptvTariff, contracts };
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
  | { outcome: "updated"; profile: Profile }
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
  const profile = await loadProfile(db, { telegramUserId: input.telegramUserId, accountId: id });
  return profile ? { outcome: "updated", profile } : { outcome: "not-linked" };
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
