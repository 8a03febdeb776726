import { InlineKeyboard } from "grammy";
import { type AccountSummary, findActiveAccount } from "../core/accounts/active-account.ts";
import { findSuspendedLink } from "../core/accounts/links.ts";
import type { Db } from "../core/db.ts";
import type { BotContext } from "./context.ts";
import { menuData } from "./keyboards/main-menu.ts";

/**
 * The contract a subscriber's screen is for (their active one, checked against the links); a user
 * who has none is asked to sign in and gets null.
 */
export async function accountOrSignIn(ctx: BotContext, db: Db): Promise<AccountSummary | null> {
  const account = ctx.from ? await findActiveAccount(db, ctx.from.id) : null;
  if (!account) {
    const suspended = ctx.from ? await findSuspendedLink(db, ctx.from.id) : null;
    await ctx.reply(
      suspended
        ? ctx.t("login-suspended", { login: suspended.login })
        : ctx.t("balance-sign-in-first"),
      { reply_markup: new InlineKeyboard().text(ctx.t("menu-login"), menuData("login")) },
    );
  }
  return account;
}
