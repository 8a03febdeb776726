// /start and /menu: the greeting and the main menu, different for a signed-in subscriber.
import { Composer } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import { rememberTelegramUser } from "../../core/accounts/telegram-users.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { mainMenuKeyboard } from "../keyboards/main-menu.ts";

export function menuFeature({ db }: Pick<BotDeps, "db">) {
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  async function showMenu(ctx: BotContext) {
    if (!ctx.from) return;
    const account = await findActiveAccount(db, ctx.from.id);
    const text = account
      ? ctx.t("menu-linked", { login: account.login, accountName: account.name })
      : ctx.t("menu-unlinked");
    await ctx.reply(text, { reply_markup: mainMenuKeyboard(ctx, account !== null) });
  }

  privateChat.command("start", async (ctx) => {
    await rememberTelegramUser(db, {
      id: ctx.from.id,
      chatId: ctx.chat.id,
      firstName: ctx.from.first_name,
      lastName: ctx.from.last_name,
      username: ctx.from.username,
      languageCode: ctx.from.language_code,
    });
    await ctx.reply(ctx.t("welcome", { name: ctx.from.first_name }));
    await showMenu(ctx);
  });

  privateChat.command("menu", showMenu);
  privateChat.callbackQuery("menu:menu", async (ctx) => {
    await ctx.answerCallbackQuery();
    await showMenu(ctx);
  });

  return feature;
}
