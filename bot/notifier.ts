// The Notifier core's jobs send through (core/ports.ts): each notice worded in the recipient's
// language, with its buttons, through the bot's API (throttled and retried; a 403 marks the user
// unreachable). A message that does not go is logged and reported as not delivered.
import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import type { Config } from "../core/config.ts";
import type { Logger } from "../core/logger.ts";
import type { Notice, Notifier } from "../core/ports.ts";
import type { BotContext } from "./context.ts";
import { requestsDigestMessage } from "./features/staff-requests.ts";
import { trustExpiringMessage } from "./features/trust.ts";
import { localeOf } from "./i18n.ts";

export function createNotifier(deps: {
  api: Api;
  i18n: I18n<BotContext>;
  logger: Logger;
  config: Pick<Config, "timeZone">;
}): Notifier {
  const render = (
    notice: Notice,
    t: (key: string, variables?: Record<string, string | number>) => string,
  ) => {
    switch (notice.kind) {
      case "trust-expiring":
        return trustExpiringMessage(t, notice, deps.config.timeZone);
      case "requests-digest":
        return requestsDigestMessage(t, notice, deps.config.timeZone);
    }
  };
  return {
    async send(recipient, notice) {
      const locale = localeOf(recipient.languageCode);
      const message = render(notice, (key, variables) => deps.i18n.t(locale, key, variables));
      try {
        await deps.api.sendMessage(recipient.chatId, message.text, {
          reply_markup: message.reply_markup,
        });
        return true;
      } catch (error) {
        deps.logger.warn(
          { err: error, chatId: recipient.chatId, notice: notice.kind },
          "notification not delivered",
        );
        return false;
      }
    },
  };
}
