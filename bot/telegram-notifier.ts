// The Notifier core's jobs send through (core/ports.ts): each notice worded in the recipient's
// language, with its buttons, through the bot's API (throttled, 429s waited out, 5xx retried; a
// 403 marks the user unreachable), silently at night (the daily charge blocks contracts at
// 00:05). What Telegram answered decides what the outbox does next.
import type { I18n } from "@grammyjs/i18n";
import { type Api, GrammyError } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { Config } from "../core/config.ts";
import type { Logger } from "../core/logger.ts";
import type { DeliveryOutcome, Notifier } from "../core/ports.ts";
import { wallClockAt } from "../core/zoned-time.ts";
import { CallCutError } from "./api-shutdown.ts";
import type { BotContext } from "./context.ts";
import { localeOf } from "./i18n.ts";
import { noticeMessage } from "./notice-messages.ts";

/** 22:00 to 08:00 where the subscriber lives: messages arrive without a sound. */
export function isNight(at: Date, timeZone: string): boolean {
  const { hour } = wallClockAt(at, timeZone);
  return hour >= 22 || hour < 8;
}

export function outcomeOf(error: unknown): DeliveryOutcome {
  if (error instanceof CallCutError && error.mayHaveArrived)
    return { outcome: "unconfirmed", error: error.message };
  if (!(error instanceof GrammyError)) return { outcome: "failed", error: String(error) };
  if (error.error_code === 403) return { outcome: "blocked" };
  if (error.error_code === 400) return { outcome: "rejected", error: error.description };
  return { outcome: "failed", error: error.description };
}

export function createNotifier(deps: {
  api: Api;
  i18n: I18n<BotContext>;
  logger: Logger;
  config: Pick<Config, "timeZone">;
}): Notifier {
  return {
    async send(recipient, notice) {
      const locale = localeOf(recipient.languageCode);
      const message = noticeMessage(
        (key, variables) => deps.i18n.t(locale, key, variables),
        notice,
        deps.config.timeZone,
      );
      try {
        await deps.api.sendMessage(recipient.chatId, message.text, {
          ...(message.entities ? { entities: message.entities as MessageEntity[] } : {}),
          ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
          ...(isNight(new Date(), deps.config.timeZone) ? { disable_notification: true } : {}),
        });
        return { outcome: "sent" };
      } catch (error) {
        deps.logger.warn(
          { err: error, chatId: recipient.chatId, notice: notice.kind },
          "notification not delivered",
        );
        return outcomeOf(error);
      }
    },
  };
}
