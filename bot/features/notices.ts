// The buttons under the provider's own messages (low balance, service blocked, trust payment
// ending): each names its contract, which may not be the one the user is looking at. Top up and
// trust payment switch to that contract first (only to one linked to the user: the id is user
// input) and then go on as the menu's buttons do; "do not remind" turns that contract's
// reminders off.
import { Composer } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import { switchActiveAccount } from "../../core/accounts/links.ts";
import { updateSettings } from "../../core/accounts/profile.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";

type Offer = (ctx: BotContext) => Promise<void>;

export function noticesFeature({
  db,
  offers,
}: Pick<BotDeps, "db"> & { offers: { topup: Offer; trust: Offer } }) {
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  privateChat.callbackQuery(/^notice:(topup|trust):(\d{1,9})$/, async (ctx) => {
    const accountId = Number(ctx.match[2]);
    const before = await findActiveAccount(db, ctx.from.id);
    if (!(await switchActiveAccount(db, ctx.from.id, accountId))) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    const now = await findActiveAccount(db, ctx.from.id);
    await ctx.answerCallbackQuery(
      before?.id === accountId ? undefined : ctx.t("switch-done", { login: now?.login ?? "" }),
    );
    await offers[ctx.match[1] as "topup" | "trust"](ctx);
  });

  privateChat.callbackQuery(/^notice:reminders-off:(\d{1,9})$/, async (ctx) => {
    const result = await updateSettings(db, {
      telegramUserId: ctx.from.id,
      accountId: Number(ctx.match[1]),
      change: { remindersEnabled: false },
    });
    if (result.outcome !== "updated") {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("notice-reminders-turned-off", { login: result.profile.login }));
  });

  return feature;
}
