// The bot's prompts for a secret: a password or a mailed code. Each is sent with a ForceReply, so
// a Telegram client sends the answer as a reply to it; a reply to a prompt is then recognised by
// the prompt's text alone, with no stored state, even after the step itself is lost (Redis
// restarted, another instance). The prompt is also remembered for the chat in the database, for
// an answer sent without the reply.
import type { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { ForceReply } from "grammy/types";
import { keepPasswordPrompt, rememberPasswordPrompt } from "../core/accounts/password-prompts.ts";
import type { Db } from "../core/db.ts";
import type { BotContext, BotConversation, TranslatingContext } from "./context.ts";
import { locales } from "./i18n.ts";

const passwordPlaceholder = "password-placeholder";

/** Each prompt: the command that starts its step again, and the input field's placeholder. */
export const passwordPrompts = {
  "login-ask-password": { command: "/login", placeholder: passwordPlaceholder },
  "logout-everywhere-ask-password": { command: "/logout", placeholder: passwordPlaceholder },
  "password-change-ask-current": { command: "/profile", placeholder: passwordPlaceholder },
  "password-ask-new": { command: "/profile", placeholder: passwordPlaceholder },
  "password-recovery-code-sent": { command: "/login", placeholder: "password-code-placeholder" },
} as const;

export type PasswordPrompt = keyof typeof passwordPrompts;

export const isPasswordPrompt = (key: string): key is PasswordPrompt =>
  Object.hasOwn(passwordPrompts, key);

/**
 * Sends the prompt of a conversation's secret step, remembered for the chat first: a prompt the
 * user may see is never one the bot does not know of.
 */
export async function askForPassword(
  { conversation, db }: { conversation: BotConversation; db: Db },
  ctx: TranslatingContext,
  prompt: PasswordPrompt,
  variables?: Record<string, string | number>,
): Promise<void> {
  const reply_markup: ForceReply = {
    force_reply: true,
    input_field_placeholder: ctx.t(passwordPrompts[prompt].placeholder),
  };
  const chatId = ctx.chat?.id;
  // The update being handled, which `ctx` (the conversation's first, say) need not be.
  if (chatId !== undefined)
    await conversation.external((outside) =>
      rememberPasswordPrompt(db, { chatId, prompt, updateId: outside.update.update_id }),
    );
  await ctx.reply(ctx.t(prompt, variables), { reply_markup });
}

/**
 * A secret step turned this update down (a command, a button, not a secret) and waits on: the user
 * has not moved on by it, and a lost step's answer after it is still recognised.
 */
export async function stillAwaitingPassword(
  { conversation, db }: { conversation: BotConversation; db: Db },
  ctx: Context,
): Promise<void> {
  const chatId = ctx.chat?.id;
  const updateId = ctx.update.update_id;
  if (chatId !== undefined)
    await conversation.external(() => keepPasswordPrompt(db, { chatId, updateId }));
}

const slot = "\u0000";
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Which prompt a text is, in any locale, whatever its variables (a login, an email) were: the
 * command that starts its step again, or undefined.
 */
export function passwordPromptRecognizer(i18n: I18n<BotContext>) {
  const patterns = Object.entries(passwordPrompts).flatMap(([key, { command }]) =>
    locales.map((locale) => {
      const rendered = i18n.t(locale, key, { login: slot, email: slot });
      const pattern = new RegExp(`^${rendered.split(slot).map(literal).join("[^]+?")}$`);
      return { pattern, command };
    }),
  );
  return (text: string) => patterns.find(({ pattern }) => pattern.test(text))?.command;
}
