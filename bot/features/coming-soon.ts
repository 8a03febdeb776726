// Commands whose features have not landed yet say so, with the way to reach the provider meanwhile.
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { menuData } from "../keyboards/main-menu.ts";

const upcoming = ["trust", "connect", "support"] as const;

export function comingSoonFeature() {
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");
  for (const name of upcoming) {
    const answer = (ctx: BotContext) =>
      ctx.reply(ctx.t("coming-soon", { feature: ctx.t(`feature-${name}`) }));
    privateChat.command(name, answer);
    privateChat.callbackQuery(menuData(name), async (ctx) => {
      await ctx.answerCallbackQuery();
      await answer(ctx);
    });
  }
  return feature;
}
