// /login: link Telegram to a contract by its login and password, or by the user's own phone
// number. The password message is deleted at once, whatever the outcome.

import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard, Keyboard } from "grammy";
import type { Message } from "grammy/types";
import { loginFormat } from "../../core/accounts/login-policy.ts";
import {
  type ContactSignIn,
  type PasswordSignIn,
  signInWithContact,
  signInWithPassword,
} from "../../core/accounts/sign-in.ts";
import type {
  BotContext,
  BotConversation,
  ConversationContext,
  TranslatingContext,
} from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatTime } from "../format.ts";
import { hint } from "../hint.ts";
import { mainMenu, menuData } from "../keyboards/main-menu.ts";
import { askForPassword } from "../password-prompt.ts";
import { telegramProfile } from "../telegram-profile.ts";
import { loadMenuState } from "./menu.ts";
import { forgotPasswordButton, waitForPassword } from "./password.ts";

/** Outcomes as JSON, as a conversation stores them: dates as milliseconds. */
type StoredSignIn =
  | Exclude<PasswordSignIn | ContactSignIn, { outcome: "locked" } | { outcome: "too-many-tries" }>
  | { outcome: "locked" | "too-many-tries"; at: number }
  /** A contact shared where the billing signs in by login and password only. */
  | { outcome: "not-here" };

function toStored(result: PasswordSignIn | ContactSignIn): StoredSignIn {
  if (result.outcome === "locked") return { outcome: "locked", at: result.until.getTime() };
  if (result.outcome === "too-many-tries")
    return { outcome: result.outcome, at: result.retryAt.getTime() };
  return result;
}

const phoneKeyboard = (ctx: TranslatingContext) =>
  new Keyboard().requestContact(ctx.t("login-share-phone")).resized().oneTime();

/**
 * The sign-in conversation and its entry points. `conversation` is installed before the other
 * features, so that while a user is in it, every update goes to it (only /cancel comes first).
 */
export function loginFeature({
  db,
  billing,
  config,
  logger,
}: Pick<BotDeps, "db" | "billing" | "config" | "logger">) {
  async function answer(
    ctx: ConversationContext,
    result: StoredSignIn,
    run: BotConversation | null,
  ) {
    const retry = new InlineKeyboard().text(ctx.t("login-retry"), menuData("login"));
    const retryOrRecover = retry.clone().row().add(forgotPasswordButton(ctx));
    switch (result.outcome) {
      case "linked": {
        await ctx.reply(
          ctx.t("login-success", { login: result.account.login, accountName: result.account.name }),
          { reply_markup: { remove_keyboard: true } },
        );
        const from = ctx.from?.id ?? 0;
        const state = run
          ? await run.external(() => loadMenuState({ db, billing }, from))
          : await loadMenuState({ db, billing }, from);
        const { text, reply_markup } = mainMenu(ctx, state);
        await ctx.reply(text, { reply_markup });
        return;
      }
      case "invalid":
        await ctx.reply(ctx.t("login-invalid"), { reply_markup: retryOrRecover });
        return;
      case "locked":
        await ctx.reply(
          ctx.t("login-locked", { time: formatTime(new Date(result.at), config.timeZone) }),
          { reply_markup: new InlineKeyboard().add(forgotPasswordButton(ctx)) },
        );
        return;
      case "too-many-tries":
        await ctx.reply(
          ctx.t("login-too-many", { time: formatTime(new Date(result.at), config.timeZone) }),
        );
        return;
      case "not-own-contact":
        await ctx.reply(ctx.t("login-contact-not-own"), { reply_markup: phoneKeyboard(ctx) });
        return;
      case "no-match":
        await ctx.reply(ctx.t("login-contact-no-match"), { reply_markup: retry });
        return;
      case "several-matches":
        await ctx.reply(ctx.t("login-contact-several"), { reply_markup: retry });
        return;
      case "unavailable":
        await ctx.reply(ctx.t("login-billing-unavailable"), { reply_markup: retry });
        return;
      case "not-here":
        await ctx.reply(ctx.t("login-contact-not-here"), { reply_markup: retry });
        return;
    }
  }

  const contactSignInHere = async (ctx: TranslatingContext, message: Message) => {
    const telegram = telegramProfile(ctx);
    if (!telegram || !message.contact) return { outcome: "not-own-contact" as const };
    return toStored(
      await signInWithContact(db, {
        telegram,
        contactUserId: message.contact.user_id,
        phone: message.contact.phone_number,
      }),
    );
  };

  // A billing whose phone numbers the bot does not hold cannot match a shared contact.
  const byContact = billing.capabilities.contactSignIn;
  const contactSignIn = async (ctx: TranslatingContext, message: Message) =>
    byContact ? contactSignInHere(ctx, message) : ({ outcome: "not-here" } as const);

  async function login(conversation: BotConversation, ctx: ConversationContext) {
    await ctx.reply(
      ctx.t(byContact ? "login-ask-login" : "login-ask-login-only"),
      byContact ? { reply_markup: phoneKeyboard(ctx) } : {},
    );

    let login: string | undefined;
    while (login === undefined) {
      const reply = await conversation.waitFor(["message:text", "message:contact"], {
        otherwise: (other) => hint(other, "login-bad-login"),
      });
      if (reply.message.contact && !byContact) {
        await reply.reply(reply.t("login-contact-not-here"));
        continue;
      }
      if (reply.message.contact) {
        const result = await conversation.external(() => contactSignIn(reply, reply.message));
        await answer(reply, result, conversation);
        return;
      }
      const text = reply.message.text?.trim() ?? "";
      if (loginFormat.test(text)) login = text;
      else await reply.reply(reply.t("login-bad-login"));
    }

    await askForPassword({ conversation, db }, ctx, "login-ask-password");
    const secret = await waitForPassword(conversation, { db, logger });
    const password = secret.message.text;
    const telegram = telegramProfile(secret);
    if (!telegram) return;
    const result = await conversation.external(async () =>
      toStored(await signInWithPassword(db, billing, { telegram, login, password })),
    );
    await answer(secret, result, conversation);
  }

  const conversations = new Composer<BotContext>();
  conversations.chatType("private").use(createConversation(login, "login"));

  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  const enter = (ctx: BotContext) => ctx.conversation.enter("login", { overwrite: true });
  privateChat.command("login", enter);
  privateChat.callbackQuery(menuData("login"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await enter(ctx);
  });

  // A contact shared after the conversation ended (the keyboard stays on some clients).
  privateChat.on("message:contact", async (ctx) => {
    await answer(ctx, await contactSignIn(ctx, ctx.message), null);
  });

  return { conversations, feature };
}
