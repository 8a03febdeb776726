// /logout: leave the active contract, all of them, or sign every device out of one contract
// (after its password; the other Telegram users are told).
import { createConversation } from "@grammyjs/conversations";
import type { I18n } from "@grammyjs/i18n";
import { Composer, InlineKeyboard } from "grammy";
import { listLinkedAccounts, unlinkAccount, unlinkAllAccounts } from "../../core/accounts/links.ts";
import { signOutEverywhere } from "../../core/accounts/sign-out-everywhere.ts";
import { findRecipients } from "../../core/accounts/telegram-users.ts";
import { buttonFamily, idField, onButton } from "../buttons.ts";
import type {
  BotContext,
  BotConversation,
  ConversationContext,
  TranslatingContext,
} from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatTime } from "../format.ts";
import { mainMenu } from "../keyboards/main-menu.ts";
import { notifyRecipients } from "../message-recipients.ts";
import { askForPassword } from "../password-prompt.ts";
import { loadMenuState } from "./menu.ts";
import { waitForPassword } from "./password.ts";

// They name the contract shown, which need not still be the active one (not onContractButton).
const oneButton = buttonFamily("logout:one", { accountId: idField() });
const everywhereButton = buttonFamily("logout:everywhere", { accountId: idField() });
const allButton = buttonFamily("logout:all");
const stayButton = buttonFamily("logout:stay");

export function logoutFeature(
  deps: Pick<BotDeps, "db" | "billing" | "config" | "logger"> & { i18n: I18n<BotContext> },
) {
  const { db, billing, config, logger, i18n } = deps;

  async function showMenu(ctx: TranslatingContext, telegramUserId: number) {
    const { text, reply_markup } = mainMenu(
      ctx,
      await loadMenuState({ db, billing }, telegramUserId),
    );
    await ctx.reply(text, { reply_markup });
  }

  async function everywhere(
    conversation: BotConversation,
    ctx: ConversationContext,
    accountId: number,
    login: string,
  ) {
    await askForPassword({ conversation, db }, ctx, "logout-everywhere-ask-password");
    const secret = await waitForPassword(conversation, { db, logger });
    const telegramUserId = secret.from.id;
    const password = secret.message.text;
    const result = await conversation.external(async () => {
      const outcome = await signOutEverywhere(db, billing, { telegramUserId, accountId, password });
      if (outcome.outcome === "locked")
        return { outcome: "locked" as const, at: outcome.until.getTime() };
      if (outcome.outcome === "too-many-tries")
        return { outcome: "too-many-tries" as const, at: outcome.retryAt.getTime() };
      return outcome;
    });
    switch (result.outcome) {
      case "signed-out": {
        await conversation.external(async () =>
          notifyRecipients(
            { api: secret.api, i18n, logger },
            await findRecipients(db, result.otherTelegramUserIds),
            "logout-everywhere-notice",
            { login },
          ),
        );
        await secret.reply(ctx.t("logout-everywhere-done", { login }));
        await conversation.external(() => showMenu(secret, telegramUserId));
        return;
      }
      case "invalid":
        await secret.reply(ctx.t("login-invalid"));
        return;
      case "locked":
        await secret.reply(
          ctx.t("login-locked", { time: formatTime(new Date(result.at), config.timeZone) }),
        );
        return;
      case "too-many-tries":
        await secret.reply(
          ctx.t("login-too-many", { time: formatTime(new Date(result.at), config.timeZone) }),
        );
        return;
      case "not-linked":
        await secret.reply(ctx.t("button-outdated"));
        return;
      case "unavailable":
        await secret.reply(ctx.t("login-billing-unavailable"));
        return;
    }
  }

  const conversations = new Composer<BotContext>();
  conversations.chatType("private").use(createConversation(everywhere, "logout-everywhere"));

  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  privateChat.command("logout", async (ctx) => {
    const linked = await listLinkedAccounts(db, ctx.from.id);
    const active = linked.find((account) => account.active);
    if (!active) {
      await ctx.reply(ctx.t("logout-not-signed-in"));
      return;
    }
    const keyboard = new InlineKeyboard()
      .text(ctx.t("logout-one", { login: active.login }), oneButton.pack({ accountId: active.id }))
      .row();
    if (linked.length > 1)
      keyboard.text(ctx.t("logout-all", { count: linked.length }), allButton.pack({})).row();
    keyboard
      .text(
        ctx.t("logout-everywhere", { login: active.login }),
        everywhereButton.pack({ accountId: active.id }),
      )
      .row()
      .text(ctx.t("logout-stay"), stayButton.pack({}));
    await ctx.reply(ctx.t("logout-choose", { login: active.login, accountName: active.name }), {
      reply_markup: keyboard,
    });
  });

  // Account ids in the data are the user's input: core acts only on contracts linked to them.
  onButton(privateChat, oneButton, async (ctx, { accountId }) => {
    const login = (await listLinkedAccounts(db, ctx.from.id)).find(
      (a) => a.id === accountId,
    )?.login;
    if (!login || !(await unlinkAccount(db, ctx.from.id, accountId))) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("logout-done", { login }));
    await showMenu(ctx, ctx.from.id);
  });

  onButton(privateChat, allButton, async (ctx) => {
    const count = await unlinkAllAccounts(db, ctx.from.id);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t(count > 0 ? "logout-all-done" : "logout-not-signed-in"));
    await showMenu(ctx, ctx.from.id);
  });

  onButton(privateChat, everywhereButton, async (ctx, { accountId }) => {
    const account = (await listLinkedAccounts(db, ctx.from.id)).find((a) => a.id === accountId);
    if (!account) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter("logout-everywhere", accountId, account.login, {
      overwrite: true,
    });
  });

  onButton(privateChat, stayButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("logout-stayed"));
  });

  return { conversations, feature };
}
