// Who writes to the bot: Telegram users as the provider knows them.
import { isDeepStrictEqual } from "node:util";
import type { Db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { withoutControls } from "../plain-text.ts";
import { type LinkedAccount, linkedAccountsOf, linkedAccountsSelect } from "./links.ts";

export interface TelegramProfile {
  id: number;
  chatId: number;
  firstName: string;
  lastName?: string | undefined;
  username?: string | undefined;
  languageCode?: string | undefined;
}

/** A known user as stored, and their linked contracts: what /start reads, in one query. */
export interface KnownTelegramUser {
  stored: StoredProfile;
  linked: LinkedAccount[];
}

const profileFields = {
  chatId: true,
  firstName: true,
  lastName: true,
  username: true,
  languageCode: true,
  reachable: true,
} as const;

export type StoredProfile = Prisma.TelegramUserGetPayload<{ select: typeof profileFields }>;

export async function findKnownTelegramUser(
  db: Db,
  telegramUserId: number,
): Promise<KnownTelegramUser | null> {
  const user = await db.telegramUser.findUnique({
    where: { id: BigInt(telegramUserId) },
    select: { ...profileFields, ...linkedAccountsSelect },
  });
  if (!user) return null;
  const { chatId, firstName, lastName, username, languageCode, reachable } = user;
  return {
    stored: { chatId, firstName, lastName, username, languageCode, reachable },
    linked: linkedAccountsOf(user),
  };
}

/**
 * Records the user's current Telegram profile; a user who writes again is reachable again. Given
 * what is `stored` already, writes nothing when that is the profile already.
 */
export async function rememberTelegramUser(
  db: Db,
  profile: TelegramProfile,
  stored?: StoredProfile,
): Promise<void> {
  const text = (value: string | undefined) =>
    value === undefined ? null : withoutControls(value).slice(0, 256);
  const data = {
    chatId: BigInt(profile.chatId),
    firstName: text(profile.firstName) ?? "",
    lastName: text(profile.lastName),
    username: text(profile.username),
    languageCode: text(profile.languageCode),
    reachable: true,
  };
  if (stored && isDeepStrictEqual(stored, data)) return;
  await db.telegramUser.upsert({
    where: { id: BigInt(profile.id) },
    create: { id: BigInt(profile.id), ...data },
    update: data,
  });
}

/**
 * A user who blocked the bot (403 from Telegram) is unreachable: jobs and broadcasts skip them
 * until they unblock it or write again.
 */
export async function setReachable(
  db: Db,
  telegramUserId: number,
  reachable: boolean,
): Promise<void> {
  await db.telegramUser.updateMany({ where: { id: BigInt(telegramUserId) }, data: { reachable } });
}

export interface Recipient {
  id: number;
  chatId: number;
  languageCode: string | null;
}

/** The reachable ones among these Telegram users, with where and in what language to write. */
export async function findRecipients(db: Db, telegramUserIds: number[]): Promise<Recipient[]> {
  if (telegramUserIds.length === 0) return [];
  const users = await db.telegramUser.findMany({
    where: { id: { in: telegramUserIds.map((id) => BigInt(id)) }, reachable: true },
    select: { id: true, chatId: true, languageCode: true },
  });
  return users.map((user) => ({
    id: Number(user.id),
    chatId: Number(user.chatId),
    languageCode: user.languageCode,
  }));
}
