import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context, SessionFlavor } from "grammy";

/** Per-chat state kept in Redis (in memory without it) so a restart loses nothing. */
export interface SessionData {
  /** Set by the i18n plugin when the user picks a language other than Telegram's. */
  __language_code?: string;
  /**
   * Waiting for a new password after a recovery code or the current password: only the reset's
   * id is kept, never a password (a conversation would store the messages it waited for).
   */
  newPasswordFor?: { resetId: number; until: number };
}

export type Translate = I18nFlavor["t"];

/** What every handler and conversation step can rely on: the update and the user's language. */
export type TranslatingContext = Context & { t: Translate };

export type BotContext = ConversationFlavor<Context & SessionFlavor<SessionData> & I18nFlavor>;

/** The context inside a conversation: no session (it is replayed), translation from outside. */
export type ConversationContext = TranslatingContext;

export type BotConversation = Conversation<BotContext, ConversationContext>;
