// /help: what the bot does, and the choice of language.
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.ts";
import { type Locale, locales } from "../i18n.ts";
import { menuData } from "../keyboards/main-menu.ts";

const otherLocale = (locale: string): Locale => (locale === "en" ? "ru" : "en");

async function helpKeyboard(ctx: BotContext) {
  const current = await ctx.i18n.getLocale();
  return new InlineKeyboard().text(ctx.t("help-language"), `language:${otherLocale(current)}`);
}

export function helpFeature() {
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  const showHelp = async (ctx: BotContext) =>
    ctx.reply(ctx.t("help"), { reply_markup: await helpKeyboard(ctx) });
  privateChat.command("help", showHelp);
  privateChat.callbackQuery(menuData("help"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await showHelp(ctx);
  });

  privateChat.callbackQuery(/^language:(.+)$/, async (ctx) => {
    const locale = locales.find((known) => known === ctx.match[1]);
    if (!locale) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.i18n.setLocale(locale);
    await ctx.answerCallbackQuery(ctx.t("language-changed"));
    await ctx.editMessageText(ctx.t("help"), { reply_markup: await helpKeyboard(ctx) });
  });

  return feature;
}
