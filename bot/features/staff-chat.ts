// The staff chat (STAFF_CHAT_ID) as the connection requests and /announce see it: the language its
// texts are in, how a member is named on a card, and who counts as a member.
import type { I18n } from "@grammyjs/i18n";
import type { User } from "grammy/types";
import { withoutControls } from "../../core/plain-text.ts";
import { chatMembership } from "../chat-membership.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import type { Locale } from "../i18n.ts";

/** The staff chat reads Russian, whatever the language of the member who pressed. */
const staffLocale: Locale = "ru";

export type StaffDeps = Pick<BotDeps, "db" | "config" | "logger"> & { i18n: I18n<BotContext> };

export type Vars = Record<string, string | number>;

export function staffText({ i18n }: Pick<StaffDeps, "i18n">) {
  return (key: string, vars?: Vars) => i18n.t(staffLocale, key, vars);
}

/** How staff appear on a card: name, and @username when there is one. */
export function staffName(user: User): string {
  const name = withoutControls([user.first_name, user.last_name].filter(Boolean).join(" "));
  return user.username ? `${name} (@${withoutControls(user.username)})` : name;
}

/**
 * Whether who sent or pressed is a member of the staff chat, asked each time
 * (bot/chat-membership.ts); a check Telegram did not answer counts as "no".
 */
export function staffMembership(
  { config, logger }: Pick<StaffDeps, "config" | "logger">,
  chatId: number,
) {
  const membershipOf = chatMembership(chatId, logger, config.membershipCheckTimeoutMs);
  return async (ctx: BotContext) => (await membershipOf(ctx)) === true;
}
