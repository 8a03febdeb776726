// The webhook: an update is stored in the inbox before Telegram gets its 200, and handled from
// there after; if it cannot be stored, a 500 makes Telegram deliver it again (during a PostgreSQL
// outage only a payment: the rest are handled unstored, see UpdateInbox.accept). Several instances
// may share the database: each takes over the others' unhandled updates only after a lease.
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../core/logger.ts";
import type { BotContext } from "./context.ts";
import { handlerLeaseMs, type UpdateInbox } from "./update-inbox.ts";

const maxBodyBytes = 1024 * 1024;

export interface WebhookOptions {
  url: string;
  secret: string;
  port: number;
}

export async function startWebhook(
  bot: Bot<BotContext>,
  inbox: UpdateInbox,
  allowedUpdates: readonly Exclude<keyof Update, "update_id">[],
  { url, secret, port }: WebhookOptions,
  logger: Logger,
): Promise<(handlersDeadline: Promise<unknown>) => Promise<void>> {
  const path = new URL(url).pathname;
  const server: Server = createServer(async (request, response) => {
    if (request.method !== "POST" || request.url !== path) {
      response.writeHead(404).end();
      return;
    }
    if (!hasSecret(request, secret)) {
      response.writeHead(401).end();
      return;
    }
    let update: Update;
    try {
      update = JSON.parse(await readBody(request)) as Update;
      if (!Number.isInteger(update?.update_id)) throw new Error("no update_id");
    } catch {
      response.writeHead(400).end();
      return;
    }
    let accepted: Awaited<ReturnType<UpdateInbox["accept"]>>;
    try {
      accepted = await inbox.accept([update]);
    } catch (error) {
      logger.error(
        { err: error, updateId: update.update_id },
        "update not stored; Telegram will retry",
      );
      response.writeHead(500).end();
      return;
    }
    if (accepted.confirmed.length === 0) {
      logger.debug({ updateId: update.update_id }, "a payment waits for the database");
      response.writeHead(500).end();
      return;
    }
    response.writeHead(200).end();
    // Sent again, it is in the inbox already: its first delivery is being handled, or, if that
    // instance died before answering, the sweep replays it.
    const [fresh] = accepted.fresh;
    if (fresh) void inbox.handle(fresh);
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  await inbox.replay(handlerLeaseMs);
  const stopSweeping = inbox.startSweeping();
  await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...allowedUpdates] });
  return async (handlersDeadline) => {
    stopSweeping();
    // A request being answered is storing its update: given the same deadline as the handlers.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.race([closed, handlersDeadline]);
    server.closeAllConnections();
    await inbox.drain(handlersDeadline);
  };
}

function hasSecret(request: IncomingMessage, secret: string): boolean {
  const given = Buffer.from(String(request.headers["x-telegram-bot-api-secret-token"] ?? ""));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new Error("body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
