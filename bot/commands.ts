import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import type { BotContext } from "./context.ts";
import { type Locale, locales } from "./i18n.ts";

export const commands = [
  "start",
  "menu",
  "balance",
  "topup",
  "trust",
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

function describe(i18n: I18n<BotContext>, locale: Locale) {
  return commands.map((command) => ({
    command,
    description: i18n.t(locale, `command-${command}`),
  }));
}

/** The command menu in private chats: Russian by default, English for English-speaking users. */
export async function registerCommands(api: Api, i18n: I18n<BotContext>): Promise<void> {
  const scope = { type: "all_private_chats" } as const;
  await api.setMyCommands(describe(i18n, "ru"), { scope });
  for (const locale of locales) {
    await api.setMyCommands(describe(i18n, locale), { scope, language_code: locale });
  }
}
