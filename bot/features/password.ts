// Password recovery ("Забыли пароль?": a code to the contract's email) and password change (the
// current password in /profile). Both end in one step that takes the new password: its message is
// deleted at once, and every other Telegram user of the contract is told it changed.

import { createConversation } from "@grammyjs/conversations";
import type { I18n } from "@grammyjs/i18n";
import { Composer, InlineKeyboard } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import { loginFormat } from "../../core/accounts/login-policy.ts";
import { codePolicy } from "../../core/accounts/one-time-code.ts";
import { forgetPasswordPrompt, keepPasswordPrompt } from "../../core/accounts/password-prompts.ts";
import {
  enterResetCode,
  openPasswordChange,
  setNewPassword,
  startPasswordReset,
} from "../../core/accounts/password-reset.ts";
import type { PasswordProblem } from "../../core/accounts/password-rules.ts";
import { findRecipients } from "../../core/accounts/telegram-users.ts";
import type { Db } from "../../core/db.ts";
import type { Logger } from "../../core/logger.ts";
import { buttonFamily, onButton } from "../buttons.ts";
import type {
  BotContext,
  BotConversation,
  ConversationContext,
  TranslatingContext,
} from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatTime, maskEmail } from "../format.ts";
import { hint } from "../hint.ts";
import { mainMenu } from "../keyboards/main-menu.ts";
import { notifyRecipients } from "../message-recipients.ts";
import { askForPassword, stillAwaitingPassword } from "../password-prompt.ts";
import { deleteSecret, telegramProfile } from "../telegram-profile.ts";
import { loadMenuState } from "./menu.ts";

const forgotButton = buttonFamily("password:forgot");
/** Change the password of the active contract (under the profile card). */
export const changePasswordButton = buttonFamily("password:change");

export const forgotPasswordButton = (ctx: TranslatingContext) =>
  InlineKeyboard.text(ctx.t("password-forgot"), forgotButton.pack({}));

/**
 * The longest password there can be: core/accounts/password-rules.ts allows 8 to 64 characters,
 * and every way a password is set (the bot, the operator's CLI, the CSV import) goes through it.
 */
const longestPassword = 64;

const weakPasswordKeys = {
  length: "password-weak-length",
  "digits-only": "password-weak-digits-only",
  "same-as-login": "password-weak-same-as-login",
} as const satisfies Record<PasswordProblem, string>;

/**
 * Why a message at a password step cannot be the password, or null if it may be: a bot command
 * ("/" first; /cancel itself is heard before any conversation), or longer than any password. Such
 * a message is never checked, so it costs no try towards the lockout or the hourly limit.
 */
function notAPassword(text: string): "password-step-command" | "password-step-too-long" | null {
  if (text.startsWith("/")) return "password-step-command";
  if ([...text].length > longestPassword) return "password-step-too-long";
  return null;
}

/**
 * A password step inside a conversation: waits for a text, deletes it at once (a password typed
 * with a slash is still a secret), and gives back only one that may be a password; anything else
 * gets a hint and the step stays.
 */
export async function waitForPassword(
  conversation: BotConversation,
  { db, logger }: { db: Db; logger: Logger },
) {
  for (;;) {
    const secret = await conversation.waitFor("message:text", {
      otherwise: async (other) => {
        await stillAwaitingPassword({ conversation, db }, other);
        await hint(other, "login-bad-password");
      },
    });
    await deleteSecret(secret, logger);
    const problem = notAPassword(secret.message.text);
    if (!problem) {
      await conversation.external(() => forgetPasswordPrompt(db, secret.chat.id));
      return secret;
    }
    await stillAwaitingPassword({ conversation, db }, secret);
    await secret.reply(secret.t(problem));
  }
}

export function passwordFeature(
  deps: Pick<BotDeps, "db" | "billing" | "config" | "logger" | "mailer"> & {
    i18n: I18n<BotContext>;
  },
) {
  const { db, billing, config, logger, mailer, i18n } = deps;
  const time = (ms: number) => formatTime(new Date(ms), config.timeZone);

  /** Hands over to the new-password step (a plain handler, so no password is ever stored). */
  async function askNewPassword(
    conversation: BotConversation,
    ctx: ConversationContext,
    resetId: number,
  ) {
    await conversation.external((outside) => {
      outside.session.newPasswordFor = { resetId, until: Date.now() + codePolicy.ttlMs };
    });
    await askForPassword({ conversation, db }, ctx, "password-ask-new");
  }

  async function recovery(conversation: BotConversation, ctx: ConversationContext) {
    await ctx.reply(ctx.t("password-recovery-ask-login"));
    let login: string | undefined;
    while (login === undefined) {
      const reply = await conversation.waitFor("message:text", {
        otherwise: (other) => hint(other, "login-bad-login"),
      });
      if (loginFormat.test(reply.message.text.trim())) login = reply.message.text.trim();
      else await reply.reply(reply.t("login-bad-login"));
    }
    const telegramUserId = ctx.from?.id ?? 0;
    const started = await conversation.external(async () => {
      const result = await startPasswordReset(db, { login, telegramUserId });
      if (result.outcome === "too-many")
        return { outcome: result.outcome, at: result.retryAt.getTime() };
      if (result.outcome !== "sent") return result;
      await mailer.send({
        to: result.email,
        subject: ctx.t("password-mail-subject"),
        text: ctx.t("password-mail-text", { login: result.login, code: result.code }),
      });
      return { outcome: result.outcome, resetId: result.resetId, email: maskEmail(result.email) };
    });
    if (started.outcome === "no-email") {
      await ctx.reply(ctx.t("password-recovery-no-email"));
      return;
    }
    if (started.outcome === "too-many") {
      await ctx.reply(ctx.t("password-recovery-too-many", { time: time(started.at) }));
      return;
    }
    await askForPassword({ conversation, db }, ctx, "password-recovery-code-sent", {
      email: started.email,
    });

    for (;;) {
      const reply = await conversation.waitFor("message:text", {
        otherwise: async (other) => {
          await stillAwaitingPassword({ conversation, db }, other);
          await hint(other, "password-recovery-bad-code");
        },
      });
      const code = reply.message.text.trim();
      if (!/^\d{6}$/.test(code)) {
        await stillAwaitingPassword({ conversation, db }, reply);
        await reply.reply(reply.t("password-recovery-bad-code"));
        continue;
      }
      const entry = await conversation.external(() =>
        enterResetCode(db, { resetId: started.resetId, telegramUserId, code }),
      );
      await deleteSecret(reply, logger);
      switch (entry.outcome) {
        case "verified":
          await askNewPassword(conversation, reply, started.resetId);
          return;
        case "wrong":
          await reply.reply(reply.t("password-recovery-wrong-code", { left: entry.attemptsLeft }));
          continue;
        default:
          await conversation.external(() => forgetPasswordPrompt(db, reply.chat.id));
          await reply.reply(reply.t("password-recovery-code-dead"), {
            reply_markup: new InlineKeyboard().add(forgotPasswordButton(reply)),
          });
          return;
      }
    }
  }

  async function change(conversation: BotConversation, ctx: ConversationContext) {
    const telegramUserId = ctx.from?.id ?? 0;
    const account = await conversation.external(() => findActiveAccount(db, telegramUserId));
    if (!account) {
      await ctx.reply(ctx.t("password-change-not-signed-in"));
      return;
    }
    await askForPassword({ conversation, db }, ctx, "password-change-ask-current", {
      login: account.login,
    });
    const secret = await waitForPassword(conversation, { db, logger });
    const currentPassword = secret.message.text;
    const opened = await conversation.external(async () => {
      const result = await openPasswordChange(db, billing, {
        telegramUserId,
        accountId: account.id,
        currentPassword,
      });
      if (result.outcome === "locked")
        return { outcome: result.outcome, at: result.until.getTime() };
      if (result.outcome === "too-many-tries")
        return { outcome: result.outcome, at: result.retryAt.getTime() };
      return result;
    });
    switch (opened.outcome) {
      case "verified":
        await askNewPassword(conversation, secret, opened.resetId);
        return;
      case "invalid":
        await secret.reply(secret.t("password-change-wrong-current"), {
          reply_markup: new InlineKeyboard().add(forgotPasswordButton(secret)),
        });
        return;
      case "locked":
        await secret.reply(secret.t("login-locked", { time: time(opened.at) }));
        return;
      case "too-many-tries":
        await secret.reply(secret.t("login-too-many", { time: time(opened.at) }));
        return;
      case "unavailable":
        await secret.reply(secret.t("login-billing-unavailable"));
        return;
    }
  }

  const conversations = new Composer<BotContext>();
  const inConversations = conversations.chatType("private");
  inConversations.use(createConversation(recovery, "password-recovery"));
  inConversations.use(createConversation(change, "password-change"));

  // The new-password step: before the other features, like a conversation.
  const newPassword = conversations.chatType("private").filter((ctx) => {
    const pending = ctx.session.newPasswordFor;
    if (pending && pending.until < Date.now()) ctx.session.newPasswordFor = undefined;
    return ctx.session.newPasswordFor !== undefined;
  });
  newPassword.on("message:text", async (ctx) => {
    const pending = ctx.session.newPasswordFor;
    const telegram = telegramProfile(ctx);
    if (!pending || !telegram) return;
    await deleteSecret(ctx, logger);
    if (notAPassword(ctx.message.text) === "password-step-command") {
      // The step waits on: the command is not the user moving on.
      await keepPasswordPrompt(db, { chatId: ctx.chat.id, updateId: ctx.update.update_id });
      await ctx.reply(ctx.t("password-new-as-text"));
      return;
    }
    const result = await setNewPassword(db, {
      resetId: pending.resetId,
      telegram,
      password: ctx.message.text,
    });
    if (result.outcome === "weak") {
      await ctx.reply(ctx.t(weakPasswordKeys[result.problem]));
      return;
    }
    ctx.session.newPasswordFor = undefined;
    await forgetPasswordPrompt(db, ctx.chat.id);
    if (result.outcome === "expired") {
      await ctx.reply(ctx.t("password-recovery-code-dead"));
      return;
    }
    await notifyRecipients(
      { api: ctx.api, i18n, logger },
      await findRecipients(db, result.otherTelegramUserIds),
      "password-changed-notice",
      { login: result.account.login },
    );
    await ctx.reply(ctx.t("password-changed", { login: result.account.login }));
    const { text, reply_markup } = mainMenu(ctx, await loadMenuState({ db, billing }, ctx.from.id));
    await ctx.reply(text, { reply_markup });
  });
  newPassword.on("message", (ctx) => ctx.reply(ctx.t("password-new-as-text")));

  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");
  // An external billing keeps the passwords: they are changed and recovered there.
  const passwordsHere = billing.capabilities.profileHere;
  onButton(privateChat, forgotButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    if (passwordsHere) await ctx.conversation.enter("password-recovery", { overwrite: true });
    else await ctx.reply(ctx.t("password-recovery-elsewhere"));
  });
  onButton(privateChat, changePasswordButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    if (passwordsHere) await ctx.conversation.enter("password-change", { overwrite: true });
    else await ctx.reply(ctx.t("password-change-elsewhere"));
  });

  return { conversations, feature };
}
