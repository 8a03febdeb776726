// Telegram answers 403 to a message for a user who blocked the bot, and sends a my_chat_member
// update when they block or unblock it: both keep TelegramUser.reachable true to life.
import { Composer, type Transformer } from "grammy";
import { setReachable } from "../core/accounts/telegram-users.ts";
import type { BotContext } from "./context.ts";
import type { BotDeps } from "./deps.ts";

const privateChatOf = (payload: unknown): number | undefined => {
  if (typeof payload !== "object" || payload === null || !("chat_id" in payload)) return undefined;
  const chatId = Number(payload.chat_id);
  return Number.isSafeInteger(chatId) && chatId > 0 ? chatId : undefined;
};

export function markBlockedUsers({ db, logger }: Pick<BotDeps, "db" | "logger">): Transformer {
  return async (prev, method, payload, signal) => {
    const response = await prev(method, payload, signal);
    const chatId = privateChatOf(payload);
    if (!response.ok && response.error_code === 403 && chatId !== undefined) {
      await setReachable(db, chatId, false).catch((error: unknown) =>
        logger.warn({ err: error, chatId }, "could not mark user unreachable"),
      );
    }
    return response;
  };
}

export function reachabilityFeature({ db }: Pick<BotDeps, "db">) {
  const feature = new Composer<BotContext>();
  feature.chatType("private").on("my_chat_member", async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    await setReachable(db, ctx.from.id, status !== "kicked");
  });
  return feature;
}
