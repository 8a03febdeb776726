// A secret typed for a step the bot lost (its conversation state gone with Redis, expired, or on
// another instance): a reply to one of the bot's password prompts that no live step took, or the
// first plain text soon after such a prompt. It is deleted, never relayed to support nor logged,
// and the user is told to start again. Installed right after the conversations, before support
// and the fallback.
import type { I18n } from "@grammyjs/i18n";
import { Composer } from "grammy";
import {
  forgetPasswordPrompt,
  takeLostPasswordPrompt,
} from "../../core/accounts/password-prompts.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { isPasswordPrompt, passwordPromptRecognizer, passwordPrompts } from "../password-prompt.ts";
import { deleteSecret } from "../telegram-profile.ts";

export function lostPasswordStepFeature({
  db,
  logger,
  i18n,
}: Pick<BotDeps, "db" | "logger"> & { i18n: I18n<BotContext> }) {
  const restartCommandOf = passwordPromptRecognizer(i18n);

  async function restartCommand(ctx: BotContext & { chat: { id: number } }) {
    const prompt = ctx.message?.reply_to_message;
    if (prompt?.from?.id === ctx.me.id && prompt.text) {
      const command = restartCommandOf(prompt.text);
      if (command) {
        await forgetPasswordPrompt(db, ctx.chat.id);
        return command;
      }
    }
    const text = ctx.message?.text;
    if (text === undefined || text.startsWith("/")) return undefined;
    const lost = await takeLostPasswordPrompt(db, { chatId: ctx.chat.id });
    return lost && isPasswordPrompt(lost) ? passwordPrompts[lost].command : undefined;
  }

  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");
  privateChat.on("message", async (ctx, next) => {
    const command = await restartCommand(ctx);
    if (!command) return next();
    await deleteSecret(ctx, logger);
    await ctx.reply(ctx.t("password-step-expired", { command }));
  });
  // A command or a button no step took: the user has moved on from any lost step.
  privateChat.on(["message::bot_command", "callback_query"], async (ctx, next) => {
    await forgetPasswordPrompt(db, ctx.chat.id);
    return next();
  });
  return feature;
}
