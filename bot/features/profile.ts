// /profile: the contract's details and what the subscriber changes themselves: email (confirmed by
// a code sent to the new address), phone (their own contact), password (password.ts), balance
// reminders and news. Buttons carry the contract's id, which is user input: they act only while it
// is the user's active contract (and core checks so again), so a stale or forged button is refused.
import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard, Keyboard } from "grammy";
import {
  confirmEmailChange,
  parseEmail,
  requestEmailChange,
} from "../../core/accounts/email-change.ts";
import { codePolicy } from "../../core/accounts/one-time-code.ts";
import {
  type ContractFacts,
  changePhone,
  loadProfile,
  type Profile,
  type SettingsChange,
  updateSettings,
} from "../../core/accounts/profile.ts";
import { billingDayAt } from "../../core/billing/calendar.ts";
import type { FreezeNote } from "../../core/billing/freeze.ts";
import {
  buttonFamily,
  idField,
  numberField,
  onButton,
  onContractButton,
  oneOfField,
} from "../buttons.ts";
import type {
  BotContext,
  BotConversation,
  ConversationContext,
  TranslatingContext,
} from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatTime, maskEmail } from "../format.ts";
import { hint } from "../hint.ts";
import { menuData } from "../keyboards/main-menu.ts";
import { freezeNoteText, loadFreezeNote } from "./freeze.ts";
import { changePasswordButton } from "./password.ts";

const onOff = oneOfField(["on", "off"]);
const emailButton = buttonFamily("profile:email", { accountId: idField() });
const phoneButton = buttonFamily("profile:phone", { accountId: idField() });
/** Turn the balance reminders, or the news, on or off. */
const remindersButton = buttonFamily("profile:reminders", { accountId: idField(), to: onOff });
const newsButton = buttonFamily("profile:news", { accountId: idField(), to: onOff });
/** Warn this many days before the money runs out (core keeps it in its range). */
const daysButton = buttonFamily("profile:days", { accountId: idField(), days: numberField(2) });
/** Days ahead the button can carry: a value set outside the policy by hand still draws the card. */
const inButton = (days: number) => Math.min(Math.max(days, 0), 99);
const daysInfoButton = buttonFamily("profile:days-info");

/** `+7 928 000-00-01`. */
const formatPhone = (e164: string) =>
  e164.replace(/^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/, "+7 $1 $2-$3-$4");

function tariffLine(ctx: TranslatingContext, { internet, iptv }: Profile): string {
  const parts = [
    internet &&
      (internet.speedMbps === null
        ? internet.name
        : ctx.t("profile-tariff-internet", { name: internet.name, speed: internet.speedMbps })),
    iptv &&
      (iptv.channels === null
        ? iptv.name
        : ctx.t("profile-tariff-iptv", { name: iptv.name, channels: iptv.channels })),
  ].filter((part) => typeof part === "string");
  return parts.length > 0 ? parts.join(" + ") : ctx.t("profile-tariff-none");
}

/** The profile card with its buttons; every button names the contract it is for. */
function profileCard(
  ctx: TranslatingContext,
  profile: Profile,
  { contactsHere, freeze }: CardOptions,
) {
  const { id, remindersEnabled, reminderDaysAhead: days, newsOptIn } = profile;
  const text = ctx.t("profile-card", {
    login: profile.login,
    accountName: profile.name,
    address: profile.address,
    phone: profile.phone ? formatPhone(profile.phone) : ctx.t("profile-phone-none"),
    email: profile.email ? maskEmail(profile.email) : ctx.t("profile-email-none"),
    tariff: tariffLine(ctx, profile),
    reminders: remindersEnabled ? "on" : "off",
    days,
    news: newsOptIn ? "on" : "off",
  });
  const card = freeze ? `${text}\n${freezeNoteText(ctx, freeze)}` : text;
  const keyboard = new InlineKeyboard();
  if (contactsHere)
    keyboard
      .text(ctx.t("profile-change-email"), emailButton.pack({ accountId: id }))
      .text(ctx.t("profile-change-phone"), phoneButton.pack({ accountId: id }))
      .row()
      .text(ctx.t("profile-change-password"), changePasswordButton.pack({}))
      .row();
  keyboard
    .text(
      ctx.t(remindersEnabled ? "profile-reminders-off" : "profile-reminders-on"),
      remindersButton.pack({ accountId: id, to: remindersEnabled ? "off" : "on" }),
    )
    .row()
    .text(ctx.t("profile-days-less"), daysButton.pack({ accountId: id, days: inButton(days - 1) }))
    .text(ctx.t("profile-days", { days }), daysInfoButton.pack({}))
    .text(ctx.t("profile-days-more"), daysButton.pack({ accountId: id, days: inButton(days + 1) }))
    .row()
    .text(
      ctx.t(newsOptIn ? "profile-news-off" : "profile-news-on"),
      newsButton.pack({ accountId: id, to: newsOptIn ? "off" : "on" }),
    )
    .row();
  if (profile.contracts > 1)
    keyboard.text(ctx.t("menu-switch", { count: profile.contracts }), menuData("switch")).row();
  keyboard.text(ctx.t("profile-menu"), menuData("menu"));
  return {
    text: contactsHere ? card : `${card}\n\n${ctx.t("profile-change-elsewhere")}`,
    reply_markup: keyboard,
  };
}

interface CardOptions {
  /** Email, phone and password are changed through the bot (the billing keeps them here). */
  contactsHere: boolean;
  /** The freeze the card mentions, if any. */
  freeze: FreezeNote | null;
}

const phoneKeyboard = (ctx: TranslatingContext) =>
  new Keyboard().requestContact(ctx.t("login-share-phone")).resized().oneTime();

const codeFormat = /^\d{6}$/;
const codeMinutes = codePolicy.ttlMs / 60_000;

export function profileFeature({
  db,
  billing,
  config,
  logger,
  mailer,
}: Pick<BotDeps, "db" | "billing" | "config" | "logger" | "mailer">) {
  const contract: ContractFacts = (accountId) =>
    billing.contractSummary(accountId, billingDayAt(new Date(), config.timeZone));
  const contactsHere = billing.capabilities.profileHere;
  /** The freeze the card mentions, if any. */
  const freezeOf = (profile: Profile | null) =>
    profile
      ? loadFreezeNote(billing, profile.id, billingDayAt(new Date(), config.timeZone))
      : Promise.resolve(null);

  async function showCard(
    ctx: TranslatingContext,
    profile: Profile | null,
    freeze: FreezeNote | null,
  ) {
    if (!profile) {
      const login = new InlineKeyboard().text(ctx.t("menu-login"), menuData("login"));
      await ctx.reply(ctx.t("profile-not-signed-in"), { reply_markup: login });
      return;
    }
    const { text, reply_markup } = profileCard(ctx, profile, { contactsHere, freeze });
    await ctx.reply(text, { reply_markup });
  }

  /** Creates a code for the new address and mails it; the code never leaves this function. */
  async function mailCode(
    ctx: TranslatingContext,
    target: { telegramUserId: number; accountId: number },
    email: string,
  ) {
    const request = await requestEmailChange(db, { ...target, email });
    if (request.outcome === "too-many")
      return { outcome: request.outcome, at: request.retryAt.getTime() };
    if (request.outcome !== "code-created") return request;
    try {
      await mailer.send({
        to: request.email,
        subject: ctx.t("profile-email-mail-subject"),
        text: ctx.t("profile-email-mail-text", {
          login: request.login,
          code: request.code,
          minutes: codeMinutes,
        }),
      });
    } catch (error) {
      logger.warn({ err: error, accountId: target.accountId }, "email change code not sent");
      return { outcome: "not-sent" as const };
    }
    return { outcome: "sent" as const, changeId: request.changeId, login: request.login };
  }

  async function changeEmail(
    conversation: BotConversation,
    ctx: ConversationContext,
    accountId: number,
  ) {
    const target = { telegramUserId: ctx.from?.id ?? 0, accountId };
    await ctx.reply(ctx.t("profile-email-ask"));

    let sent: { changeId: number; login: string } | undefined;
    while (!sent) {
      const reply = await conversation.waitFor("message:text", {
        otherwise: (other) => hint(other, "profile-email-bad"),
      });
      const email = parseEmail(reply.message.text);
      if (!email) {
        await reply.reply(reply.t("profile-email-bad"));
        continue;
      }
      const request = await conversation.external(() => mailCode(reply, target, email));
      switch (request.outcome) {
        case "sent":
          sent = request;
          await reply.reply(reply.t("profile-email-code-sent", { email, minutes: codeMinutes }));
          break;
        case "invalid-email":
          await reply.reply(reply.t("profile-email-bad"));
          break;
        case "same-email":
          await reply.reply(reply.t("profile-email-same"));
          break;
        case "too-many":
          await reply.reply(
            reply.t("profile-email-too-many", {
              time: formatTime(new Date(request.at), config.timeZone),
            }),
          );
          return;
        case "not-sent":
          await reply.reply(reply.t("profile-email-not-sent"));
          return;
        case "not-linked":
          await reply.reply(reply.t("button-outdated"));
          return;
      }
    }

    for (;;) {
      const reply = await conversation.waitFor("message:text", {
        otherwise: (other) => hint(other, "profile-email-bad-code"),
      });
      const code = reply.message.text.trim();
      if (!codeFormat.test(code)) {
        await reply.reply(reply.t("profile-email-bad-code"));
        continue;
      }
      const changeId = sent.changeId;
      const result = await conversation.external(() =>
        confirmEmailChange(db, { ...target, changeId, code }),
      );
      switch (result.outcome) {
        case "changed": {
          await reply.reply(reply.t("profile-email-changed", { login: sent.login }));
          const profile = await conversation.external(() => loadProfile(db, contract, target));
          await showCard(reply, profile, await conversation.external(() => freezeOf(profile)));
          return;
        }
        case "wrong":
          await reply.reply(reply.t("profile-email-wrong-code", { left: result.attemptsLeft }));
          continue;
        case "not-linked":
          await reply.reply(reply.t("button-outdated"));
          return;
        default:
          await reply.reply(reply.t("profile-email-code-dead"));
          return;
      }
    }
  }

  async function changePhoneNumber(
    conversation: BotConversation,
    ctx: ConversationContext,
    accountId: number,
  ) {
    const target = { telegramUserId: ctx.from?.id ?? 0, accountId };
    await ctx.reply(ctx.t("profile-phone-ask"), { reply_markup: phoneKeyboard(ctx) });
    for (;;) {
      const reply = await conversation.waitFor("message:contact", {
        otherwise: (other) => hint(other, "profile-phone-bad"),
      });
      const { contact } = reply.message;
      const result = await conversation.external(() =>
        changePhone(db, { ...target, contactUserId: contact.user_id, phone: contact.phone_number }),
      );
      switch (result.outcome) {
        case "changed": {
          const profile = await conversation.external(() => loadProfile(db, contract, target));
          await reply.reply(
            reply.t("profile-phone-changed", {
              login: profile?.login ?? "",
              phone: formatPhone(result.phone),
            }),
            { reply_markup: { remove_keyboard: true } },
          );
          await showCard(reply, profile, await conversation.external(() => freezeOf(profile)));
          return;
        }
        case "not-own-contact":
          await reply.reply(reply.t("profile-phone-not-own"), {
            reply_markup: phoneKeyboard(reply),
          });
          continue;
        case "invalid-phone":
          await reply.reply(reply.t("profile-phone-invalid"), {
            reply_markup: phoneKeyboard(reply),
          });
          continue;
        case "not-linked":
          await reply.reply(reply.t("button-outdated"), {
            reply_markup: { remove_keyboard: true },
          });
          return;
      }
    }
  }

  const conversations = new Composer<BotContext>();
  const inConversations = conversations.chatType("private");
  inConversations.use(createConversation(changeEmail, "profile-email"));
  inConversations.use(createConversation(changePhoneNumber, "profile-phone"));

  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  const showProfile = async (ctx: BotContext & { from: { id: number } }) => {
    const profile = await loadProfile(db, contract, { telegramUserId: ctx.from.id });
    await showCard(ctx, profile, await freezeOf(profile));
  };
  privateChat.command("profile", showProfile);
  privateChat.callbackQuery(menuData("profile"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await showProfile(ctx);
  });

  async function applySettings(
    ctx: BotContext & { from: { id: number } },
    accountId: number,
    change: SettingsChange,
  ) {
    const result = await updateSettings(db, { telegramUserId: ctx.from.id, accountId, change });
    if (result.outcome !== "updated") {
      const refusal = result.outcome === "out-of-range" ? "profile-days-range" : "button-outdated";
      await ctx.answerCallbackQuery(ctx.t(refusal));
      return;
    }
    await ctx.answerCallbackQuery(ctx.t("profile-saved"));
    const profile = await loadProfile(db, contract, {
      telegramUserId: ctx.from.id,
      accountId: result.accountId,
    });
    if (!profile) return;
    const freeze = await freezeOf(profile);
    const { text, reply_markup } = profileCard(ctx, profile, { contactsHere, freeze });
    await ctx.editMessageText(text, { reply_markup });
  }

  onContractButton(privateChat, db, remindersButton, (ctx, account, { to }) =>
    applySettings(ctx, account.id, { remindersEnabled: to === "on" }),
  );
  onContractButton(privateChat, db, newsButton, (ctx, account, { to }) =>
    applySettings(ctx, account.id, { newsOptIn: to === "on" }),
  );
  onContractButton(privateChat, db, daysButton, (ctx, account, { days }) =>
    applySettings(ctx, account.id, { reminderDaysAhead: days }),
  );
  onButton(privateChat, daysInfoButton, (ctx) =>
    ctx.answerCallbackQuery({ text: ctx.t("profile-days-info"), show_alert: true }),
  );

  for (const [button, conversation] of [
    [emailButton, "profile-email"],
    [phoneButton, "profile-phone"],
  ] as const) {
    onContractButton(privateChat, db, button, async (ctx, account) => {
      await ctx.answerCallbackQuery();
      await ctx.conversation.enter(conversation, account.id, { overwrite: true });
    });
  }

  return { conversations, feature };
}
