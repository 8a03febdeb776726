// The buttons under the provider's own messages (low balance, service blocked, trust payment
// ending): each names its contract, which may not be the one the user is looking at. Top up and
// trust payment switch to that contract first (only to one linked to the user: the id is user
// input) and then go on as the menu's buttons do; "do not remind" turns that contract's
// reminders off, while it is the user's active one.
import { Composer } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import { switchActiveAccount } from "../../core/accounts/links.ts";
import { updateSettings } from "../../core/accounts/profile.ts";
import { buttonFamily, idField, onButton, onContractButton } from "../buttons.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";

type Offer = (ctx: BotContext) => Promise<void>;

/** The buttons of the notices (drawn in bot/notice-messages.ts), each for the contract it names. */
export const noticeButtons = {
  topup: buttonFamily("notice:topup", { accountId: idField() }),
  trust: buttonFamily("notice:trust", { accountId: idField() }),
  remindersOff: buttonFamily("notice:reminders-off", { accountId: idField() }),
};

export function noticesFeature({
  db,
  offers,
}: Pick<BotDeps, "db"> & { offers: { topup: Offer; trust: Offer } }) {
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  for (const offer of ["topup", "trust"] as const) {
    onButton(privateChat, noticeButtons[offer], async (ctx, { accountId }) => {
      const before = await findActiveAccount(db, ctx.from.id);
      if (!(await switchActiveAccount(db, ctx.from.id, accountId))) {
        await ctx.answerCallbackQuery(ctx.t("button-outdated"));
        return;
      }
      const now = await findActiveAccount(db, ctx.from.id);
      await ctx.answerCallbackQuery(
        before?.id === accountId ? undefined : ctx.t("switch-done", { login: now?.login ?? "" }),
      );
      await offers[offer](ctx);
    });
  }

  onContractButton(privateChat, db, noticeButtons.remindersOff, async (ctx, account) => {
    const result = await updateSettings(db, {
      telegramUserId: ctx.from.id,
      accountId: account.id,
      change: { remindersEnabled: false },
    });
    if (result.outcome !== "updated") {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("notice-reminders-turned-off", { login: account.login }));
  });

  return feature;
}
