// /start and /menu: the greeting and the main menu, different for a signed-in subscriber; the
// switch between linked contracts.
import { Composer, InlineKeyboard } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import { listLinkedAccounts, switchActiveAccount } from "../../core/accounts/links.ts";
import { rememberTelegramUser } from "../../core/accounts/telegram-users.ts";
import { buttonFamily, idField, onButton } from "../buttons.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { type MenuState, mainMenu, menuData } from "../keyboards/main-menu.ts";
import { telegramProfile } from "../telegram-profile.ts";
import { freezePort } from "./freeze.ts";

/** Make this linked contract the active one (any of the user's, not only the active one). */
const switchButton = buttonFamily("switch", { accountId: idField() });

export async function loadMenuState(
  { db, billing }: Pick<BotDeps, "db" | "billing">,
  telegramUserId: number,
): Promise<MenuState> {
  const linked = await listLinkedAccounts(db, telegramUserId);
  return {
    account: linked.find((account) => account.active) ?? null,
    contracts: linked.length,
    freeze: freezePort(billing) !== null,
  };
}

export function menuFeature(deps: Pick<BotDeps, "db" | "billing">) {
  const { db } = deps;
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  async function showMenu(ctx: BotContext) {
    if (!ctx.from) return;
    const { text, reply_markup } = mainMenu(ctx, await loadMenuState(deps, ctx.from.id));
    await ctx.reply(text, { reply_markup });
  }

  privateChat.command("start", async (ctx) => {
    const profile = telegramProfile(ctx);
    if (profile) await rememberTelegramUser(db, profile);
    await ctx.reply(ctx.t("welcome", { name: ctx.from.first_name }));
    await showMenu(ctx);
  });

  privateChat.command("menu", showMenu);
  privateChat.callbackQuery(menuData("menu"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await showMenu(ctx);
  });

  privateChat.callbackQuery(menuData("switch"), async (ctx) => {
    await ctx.answerCallbackQuery();
    const linked = await listLinkedAccounts(db, ctx.from.id);
    const keyboard = InlineKeyboard.from(
      linked.map((account) => [
        InlineKeyboard.text(
          `${account.active ? "✅ " : ""}${account.login} · ${account.name}`,
          switchButton.pack({ accountId: account.id }),
        ),
      ]),
    );
    await ctx.reply(ctx.t("switch-choose"), { reply_markup: keyboard });
  });

  // The account id in the data is the user's input: core switches only to a contract linked to them.
  onButton(privateChat, switchButton, async (ctx, { accountId }) => {
    const switched = await switchActiveAccount(db, ctx.from.id, accountId);
    if (!switched) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    const account = await findActiveAccount(db, ctx.from.id);
    await ctx.answerCallbackQuery(ctx.t("switch-done", { login: account?.login ?? "" }));
    await showMenu(ctx);
  });

  return feature;
}
