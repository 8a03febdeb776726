import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { BotContext } from "./context.ts";

export const locales = ["ru", "en"] as const;
export type Locale = (typeof locales)[number];

/** The locale for a Telegram language code, as the bot picks it for a user it writes to first. */
export const localeOf = (languageCode: string | null | undefined): Locale =>
  languageCode?.toLowerCase().startsWith("en") ? "en" : "ru";

/**
 * Russian first: the user's Telegram language picks English, anything else gets Russian; a choice
 * made in the bot (help screen) is kept in the session.
 */
export function createI18n(): I18n<BotContext> {
  const i18n = new I18n<BotContext>({
    defaultLocale: "ru",
    useSession: true,
    fluentBundleOptions: { useIsolating: false },
  });
  i18n.loadLocalesDirSync(fileURLToPath(new URL("./locales", import.meta.url)));
  return i18n;
}
