import type { Context } from "grammy";
import type { TelegramProfile } from "../core/accounts/telegram-users.ts";
import type { Logger } from "../core/logger.ts";
import { rememberSecret } from "./secret-updates.ts";

/** The sender as core records Telegram users; undefined for updates without a sender or chat. */
export function telegramProfile(ctx: Context): TelegramProfile | undefined {
  if (!ctx.from || !ctx.chat) return undefined;
  return {
    id: ctx.from.id,
    chatId: ctx.chat.id,
    firstName: ctx.from.first_name,
    lastName: ctx.from.last_name,
    username: ctx.from.username,
    languageCode: ctx.from.language_code,
  };
}

/**
 * Deletes a message that holds a secret (a password) at once, and the inbox's copy of it once it is
 * handled; a failure to delete is logged, not fatal.
 */
export async function deleteSecret(ctx: Context, logger: Logger): Promise<void> {
  rememberSecret(ctx.update);
  await ctx.deleteMessage().catch((error: unknown) => {
    logger.warn({ err: error, chatId: ctx.chat?.id }, "password message not deleted");
  });
}
