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
  keepLocaleMatches(i18n);
  return i18n;
}

type MatchBundles = (locales: string[]) => unknown;

/** Enough for every language Telegram's apps offer; beyond it a match is made each time. */
const keptMatchesLimit = 100;

/**
 * The plugin negotiates the locale list against the bundles (@fluent/langneg) on every `t` call,
 * several per update; the bundles never change once loaded, so each list's match is kept.
 */
function keepLocaleMatches(i18n: I18n<BotContext>) {
  const fluent = i18n.fluent as unknown as { matchBundles: MatchBundles };
  const match = fluent.matchBundles.bind(fluent);
  const kept = new Map<string, unknown>();
  fluent.matchBundles = (requested) => {
    const key = requested.join(",");
    if (kept.has(key)) return kept.get(key);
    const bundles = match(requested);
    if (kept.size < keptMatchesLimit) kept.set(key, bundles);
    return bundles;
  };
}
