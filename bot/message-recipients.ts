// Messages the bot sends on its own (not as a reply): each in the recipient's language. A user who
// blocked the bot is marked unreachable by the API transformer and skipped; others are logged.
import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import type { Recipient } from "../core/accounts/telegram-users.ts";
import type { Logger } from "../core/logger.ts";
import type { BotContext } from "./context.ts";
import { localeOf } from "./i18n.ts";

export async function notifyRecipients(
  deps: { api: Api; i18n: I18n<BotContext>; logger: Logger },
  recipients: Recipient[],
  key: string,
  variables?: Record<string, string | number>,
): Promise<void> {
  for (const recipient of recipients) {
    const text = deps.i18n.t(localeOf(recipient.languageCode), key, variables);
    await deps.api.sendMessage(recipient.chatId, text).catch((error: unknown) => {
      deps.logger.warn({ err: error, chatId: recipient.chatId, key }, "notification not delivered");
    });
  }
}
