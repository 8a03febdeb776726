// /contacts: phones, the office address and hours, and the office on the map.
import { Composer } from "grammy";
import { office } from "../../core/office.ts";
import type { BotContext } from "../context.ts";
import { menuData } from "../keyboards/main-menu.ts";

async function showContacts(ctx: BotContext) {
  await ctx.reply(ctx.t("contacts"), { parse_mode: "HTML" });
  await ctx.replyWithVenue(
    office.location.latitude,
    office.location.longitude,
    ctx.t("contacts-venue-title"),
    ctx.t("contacts-venue-address"),
  );
}

export function contactsFeature() {
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");
  privateChat.command("contacts", showContacts);
  privateChat.callbackQuery(menuData("contacts"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await showContacts(ctx);
  });
  return feature;
}
