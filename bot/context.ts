import type { ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context, SessionFlavor } from "grammy";

/** Per-chat state kept in Redis (in memory without it) so a restart loses nothing. */
export interface SessionData {
  /** Set by the i18n plugin when the user picks a language other than Telegram's. */
  __language_code?: string;
}

export type BotContext = ConversationFlavor<Context & SessionFlavor<SessionData> & I18nFlavor>;
