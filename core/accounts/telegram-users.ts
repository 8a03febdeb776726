// Who writes to the bot: Telegram users as the provider knows them.
import type { Db } from "../db.ts";
import { withoutControls } from "../plain-text.ts";

export interface TelegramProfile {
  id: number;
  chatId: number;
  firstName: string;
  lastName?: string | undefined;
  username?: string | undefined;
  languageCode?: string | undefined;
}

/** Records the user's current Telegram profile; a user who writes again is reachable again. */
export async function rememberTelegramUser(db: Db, profile: TelegramProfile): Promise<void> {
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
