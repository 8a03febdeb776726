// How an anchor bot receives updates: long polling with @grammyjs/runner, or a webhook (grammY's
// webhookCallback on node:http) registered with up to ANCHOR_MAX_CONNECTIONS deliveries at once.
// Prints "ready" once it receives, and stops on SIGTERM.
import { createServer } from "node:http";
import { run } from "@grammyjs/runner";
import { type Bot, webhookCallback } from "grammy";

export function anchorBot(): { token: string; apiRoot: string } {
  const token = process.env.BOT_TOKEN;
  const apiRoot = process.env.TELEGRAM_API_ROOT;
  if (!token || !apiRoot) throw new Error("an anchor needs BOT_TOKEN and TELEGRAM_API_ROOT");
  return { token, apiRoot };
}

export async function serveAnchor(bot: Bot, onStop: () => Promise<void> = async () => {}) {
  await bot.init();
  const port = Number(process.env.ANCHOR_WEBHOOK_PORT ?? 0);
  let stopReceiving: () => Promise<void>;
  if (port > 0) {
    const secret = "anchor-secret";
    const server = createServer(webhookCallback(bot, "http", { secretToken: secret }));
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    await bot.api.setWebhook(`http://127.0.0.1:${port}/`, {
      secret_token: secret,
      max_connections: Number(process.env.ANCHOR_MAX_CONNECTIONS ?? 40),
    });
    stopReceiving = () => new Promise((resolve) => server.close(() => resolve()));
  } else {
    await bot.api.deleteWebhook();
    const runner = run(bot);
    stopReceiving = () => runner.stop();
  }
  process.once("SIGTERM", () => {
    void stopReceiving()
      .then(onStop)
      .finally(() => process.exit(0));
  });
  console.log("ready");
}
