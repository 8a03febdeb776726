// /start and /menu: the greeting and the main menu, different for a signed-in subscriber; the
// switch between linked contracts.
import { Composer, InlineKeyboard } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import {
  type LinkedAccount,
  listLinkedAccounts,
  switchActiveAccount,
} from "../../core/accounts/links.ts";
import { findKnownTelegramUser, rememberTelegramUser } from "../../core/accounts/telegram-users.ts";
import { buttonFamily, idField, onButton } from "../buttons.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { incidentBanner, withBanner } from "../incident-banner.ts";
import { type MenuState, mainMenu, menuData } from "../keyboards/main-menu.ts";
import { telegramProfile } from "../telegram-profile.ts";
import { freezePort } from "./freeze.ts";

/** Make this linked contract the active one (any of the user's, not only the active one). */
const switchButton = buttonFamily("switch", { accountId: idField() });

/** `linked`: the user's linked contracts when just read already (not read again). */
export async function loadMenuState(
  { db, billing, incidents }: Pick<BotDeps, "db" | "billing" | "incidents">,
  telegramUserId: number,
  linked?: LinkedAccount[],
): Promise<MenuState> {
  linked ??= await listLinkedAccounts(db, telegramUserId);
  const account = linked.find((candidate) => candidate.active) ?? null;
  return {
    account,
    contracts: linked.length,
    freeze: freezePort(billing) !== null,
    incidents: account && incidents ? await incidents.of(account.id) : [],
  };
}

export function menuFeature(deps: Pick<BotDeps, "db" | "billing" | "incidents" | "config">) {
  const { db } = deps;
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  async function showMenu(ctx: BotContext, linked?: LinkedAccount[]) {
    if (!ctx.from) return;
    const state = await loadMenuState(deps, ctx.from.id, linked);
    const { text, reply_markup } = mainMenu(ctx, state);
    await ctx.reply(withBanner(incidentBanner(ctx, state.incidents, deps.config.timeZone), text), {
      reply_markup,
    });
  }

  // One read for the profile and the menu: the profile is written only when it changed.
  privateChat.command("start", async (ctx) => {
    const known = await findKnownTelegramUser(db, ctx.from.id);
    const profile = telegramProfile(ctx);
    if (profile) await rememberTelegramUser(db, profile, known?.stored);
    await ctx.reply(ctx.t("welcome", { name: ctx.from.first_name }));
    await showMenu(ctx, known?.linked ?? []);
  });

  privateChat.command("menu", (ctx) => showMenu(ctx));
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
