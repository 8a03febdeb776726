// /cancel leaves whatever conversation the chat is in. Installed before the conversations so
// that it is heard from inside any of them.
import { Composer } from "grammy";
import { forgetPasswordPrompt } from "../../core/accounts/password-prompts.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";

export function cancelFeature({ db }: Pick<BotDeps, "db">) {
  const feature = new Composer<BotContext>();
  feature.command("cancel", async (ctx) => {
    const inConversation =
      Object.keys(ctx.conversation.active()).length > 0 || ctx.session.newPasswordFor !== undefined;
    await ctx.conversation.exitAll();
    ctx.session.newPasswordFor = undefined;
    if (ctx.chat) await forgetPasswordPrompt(db, ctx.chat.id);
    await ctx.reply(ctx.t(inConversation ? "cancel-done" : "cancel-nothing"), {
      reply_markup: { remove_keyboard: true },
    });
  });
  return feature;
}
