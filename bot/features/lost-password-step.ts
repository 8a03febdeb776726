// A reply to one of the bot's password prompts that no live step took: the step was lost (its
// conversation state gone with Redis, expired, or on another instance). The message is most
// likely a password, so it is deleted, never relayed to support nor logged, and the user is told
// to start again. Installed right after the conversations, before support and the fallback.
import type { I18n } from "@grammyjs/i18n";
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { passwordPromptRecognizer } from "../password-prompt.ts";
import { deleteSecret } from "../telegram-profile.ts";

export function lostPasswordStepFeature({
  logger,
  i18n,
}: Pick<BotDeps, "logger"> & { i18n: I18n<BotContext> }) {
  const restartCommandOf = passwordPromptRecognizer(i18n);
  const feature = new Composer<BotContext>();
  feature.chatType("private").on("message", async (ctx, next) => {
    const prompt = ctx.message.reply_to_message;
    const command =
      prompt?.from?.id === ctx.me.id && prompt.text ? restartCommandOf(prompt.text) : undefined;
    if (!command) return next();
    await deleteSecret(ctx, logger);
    await ctx.reply(ctx.t("password-step-expired", { command }));
  });
  return feature;
}
