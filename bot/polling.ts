// Long polling with @grammyjs/runner. On stop it waits for the updates in flight and then confirms
// them to Telegram, so that the next start does not handle them a second time.
import { setTimeout } from "node:timers/promises";
import { run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "./context.ts";

const drainTimeoutMs = 30_000;

export async function startPolling(
  bot: Bot<BotContext>,
  allowedUpdates: readonly string[],
): Promise<() => Promise<void>> {
  let lastFetched: number | undefined;
  bot.api.config.use(async (prev, method, payload, signal) => {
    const response = await prev(method, payload, signal);
    if (method === "getUpdates" && response.ok) {
      const updates = response.result as Update[];
      lastFetched = updates.at(-1)?.update_id ?? lastFetched;
    }
    return response;
  });

  await bot.api.deleteWebhook();
  const runner = run(bot, {
    runner: { fetch: { allowed_updates: [...allowedUpdates] as never } },
  });
  return async () => {
    await runner.stop();
    // stop() ends the fetching loop; the concurrent sink may still be running updates.
    const deadline = Date.now() + drainTimeoutMs;
    while (runner.size() > 0 && Date.now() < deadline) await setTimeout(20);
    if (lastFetched === undefined) return;
    await bot.api.getUpdates({ offset: lastFetched + 1, limit: 1, timeout: 0 }).catch(() => {});
  };
}
