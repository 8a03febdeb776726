// A secret typed for a step the bot lost (its conversation state gone with Redis, expired, or on
// another instance): a reply to one of the bot's password prompts that no live step took, or the
// first plain text soon after such a prompt, unless the user moved on in between (a command or a
// button, as the inbox holds the chat's updates). It is deleted, never relayed to support nor
// logged, and the user is told to start again. Installed right after the conversations, before
// support and the fallback.
import type { I18n } from "@grammyjs/i18n";
import { Composer, Context, matchFilter } from "grammy";
import type { Update } from "grammy/types";
import {
  forgetPasswordPrompt,
  type LostPasswordPrompt,
  takeLostPasswordPrompt,
} from "../../core/accounts/password-prompts.ts";
import { chatUpdatesBetween } from "../../core/inbox/update-inbox.ts";
import { chatKey } from "../chat-key.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { isPasswordPrompt, passwordPromptRecognizer, passwordPrompts } from "../password-prompt.ts";
import { deleteSecret } from "../telegram-profile.ts";

/** More of the chat's updates than this between the prompt and a text: the user moved on. */
const updatesLookedAt = 100;
const isMovingOn = matchFilter(["message::bot_command", "callback_query"]);

export function lostPasswordStepFeature({
  db,
  logger,
  i18n,
}: Pick<BotDeps, "db" | "logger"> & { i18n: I18n<BotContext> }) {
  const restartCommandOf = passwordPromptRecognizer(i18n);

  /** Whether the chat sent a command or pressed a button between the prompt and this update. */
  async function movedOnSince(ctx: BotContext, { updateId }: LostPasswordPrompt) {
    const key = chatKey(ctx);
    if (key === undefined) return true;
    const between = await chatUpdatesBetween<Update>(db, {
      chatKey: key,
      after: updateId,
      before: ctx.update.update_id,
      limit: updatesLookedAt + 1,
    });
    return (
      between.length > updatesLookedAt ||
      between.some((update) => isMovingOn(new Context(update, ctx.api, ctx.me)))
    );
  }

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
    if (!lost || !isPasswordPrompt(lost.prompt)) return undefined;
    // Unable to tell (the database failing just now), the text is taken for the secret: deleting
    // a harmless message costs less than leaving a password in the chat.
    if (await movedOnSince(ctx, lost).catch(() => false)) return undefined;
    return passwordPrompts[lost.prompt].command;
  }

  const feature = new Composer<BotContext>();
  feature.chatType("private").on("message", async (ctx, next) => {
    const command = await restartCommand(ctx);
    if (!command) return next();
    await deleteSecret(ctx, logger);
    await ctx.reply(ctx.t("password-step-expired", { command }));
  });
  return feature;
}
