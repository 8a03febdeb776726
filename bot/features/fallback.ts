// What no feature handled: a private message gets a pointer to the menu, quoting it (of several
// sent at once, the user sees which one it answers), a stale or forged button a short answer
// (callback data is user input).
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";

export function fallbackFeature() {
  const feature = new Composer<BotContext>();
  feature.on("callback_query", (ctx) => ctx.answerCallbackQuery(ctx.t("button-outdated")));
  feature.chatType("private").on("message", (ctx) =>
    ctx.reply(ctx.t("not-understood"), {
      reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true },
    }),
  );
  return feature;
}
