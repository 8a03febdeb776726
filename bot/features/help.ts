// /help: what the bot does, and the choice of language.
import { Composer, InlineKeyboard } from "grammy";
import { buttonFamily, onButton, oneOfField } from "../buttons.ts";
import type { BotContext } from "../context.ts";
import { type Locale, locales } from "../i18n.ts";
import { menuData } from "../keyboards/main-menu.ts";

const languageButton = buttonFamily("language", { locale: oneOfField(locales) });

const otherLocale = (locale: string): Locale => (locale === "en" ? "ru" : "en");

async function helpKeyboard(ctx: BotContext) {
  const current = await ctx.i18n.getLocale();
  return new InlineKeyboard().text(
    ctx.t("help-language"),
    languageButton.pack({ locale: otherLocale(current) }),
  );
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

  onButton(privateChat, languageButton, async (ctx, { locale }) => {
    await ctx.i18n.setLocale(locale);
    await ctx.answerCallbackQuery(ctx.t("language-changed"));
    await ctx.editMessageText(ctx.t("help"), { reply_markup: await helpKeyboard(ctx) });
  });

  return feature;
}
