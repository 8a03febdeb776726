// Calls made inside a conversation go through a fresh Api that the conversations plugin builds for
// each update (it records them for replays), without bot.api's transformers. These are the ones
// safe to add there too: waiting out a 429 and retrying 5xx, ignoring harmless errors, marking a
// user who blocked the bot. Not the throttler: it would also pace the replayed calls, which never
// reach Telegram; a conversation answers one person's messages, well within the per-chat limit.
// And the stop's cut (bot/api-shutdown.ts), as on bot.api.
import type { MiddlewareFn } from "grammy";
import { refuseIfCut } from "./api-shutdown.ts";
import type { ConversationContext } from "./context.ts";
import type { BotDeps } from "./deps.ts";
import { ignoreHarmlessErrors } from "./harmless-api-errors.ts";
import { markBlockedUsers } from "./reachability.ts";
import { retryTransformer } from "./telegram-limits.ts";

export function conversationApi(
  deps: Pick<BotDeps, "db" | "logger" | "shutdown">,
): MiddlewareFn<ConversationContext> {
  return (ctx, next) => {
    ctx.api.config.use(
      refuseIfCut,
      retryTransformer(),
      ignoreHarmlessErrors,
      markBlockedUsers(deps),
    );
    if (deps.shutdown) ctx.api.config.use(deps.shutdown.transformer);
    return next();
  };
}
