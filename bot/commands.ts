import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import type { BotCommandScope } from "grammy/types";
import type { Config } from "../core/config.ts";
import type { Logger } from "../core/logger.ts";
import type { BotContext } from "./context.ts";
import { type Locale, locales } from "./i18n.ts";

export const commands = [
  "start",
  "menu",
  "balance",
  "topup",
  "trust",
  "freeze",
  "tariffs",
  "connect",
  "login",
  "logout",
  "profile",
  "support",
  "contacts",
  "help",
  "cancel",
] as const;

/** The commands the agents' group answers (bot/features/support-agents.ts). */
export const agentCommands = ["close", "reopen", "card", "stats"] as const;
/** The commands the staff chat answers (staff-requests.ts, staff-announce.ts, staff-incidents.ts). */
export const staffCommands = ["requests", "find", "announce", "incident", "incidents"] as const;

type Command = (typeof commands | typeof agentCommands | typeof staffCommands)[number];

const descriptionKeys = {
  start: "command-start",
  menu: "command-menu",
  balance: "command-balance",
  topup: "command-topup",
  trust: "command-trust",
  freeze: "command-freeze",
  tariffs: "command-tariffs",
  connect: "command-connect",
  login: "command-login",
  logout: "command-logout",
  profile: "command-profile",
  support: "command-support",
  contacts: "command-contacts",
  help: "command-help",
  cancel: "command-cancel",
  close: "command-close",
  reopen: "command-reopen",
  card: "command-card",
  stats: "command-stats",
  requests: "command-requests",
  find: "command-find",
  announce: "command-announce",
  incident: "command-incident",
  incidents: "command-incidents",
} as const satisfies Record<Command, string>;

function describe(i18n: I18n<BotContext>, list: readonly Command[], locale: Locale) {
  return list.map((command) => ({
    command,
    description: i18n.t(locale, descriptionKeys[command]),
  }));
}

/** A command menu for one scope: Russian by default, English for English-speaking users. */
async function setMenu(
  api: Api,
  i18n: I18n<BotContext>,
  list: readonly Command[],
  scope: BotCommandScope,
) {
  await api.setMyCommands(describe(i18n, list, "ru"), { scope });
  for (const locale of locales) {
    await api.setMyCommands(describe(i18n, list, locale), { scope, language_code: locale });
  }
}

/**
 * The command menus: the subscribers' in private chats, the agents' in the support group and the
 * staff's in the staff chat (when they are configured). A chat the bot cannot reach costs only
 * its own menu.
 */
export async function registerCommands(
  api: Api,
  i18n: I18n<BotContext>,
  { supportChatId, staffChatId }: Pick<Config, "supportChatId" | "staffChatId">,
  logger: Logger,
): Promise<void> {
  await setMenu(api, i18n, commands, { type: "all_private_chats" });
  const chats = [
    { chatId: supportChatId, list: agentCommands, chat: "support" },
    { chatId: staffChatId, list: staffCommands, chat: "staff" },
  ];
  for (const { chatId, list, chat } of chats) {
    if (chatId === undefined) continue;
    await setMenu(api, i18n, list, { type: "chat", chat_id: chatId }).catch((error: unknown) =>
      logger.warn({ err: error, chat }, "the chat's bot commands not registered"),
    );
  }
}
