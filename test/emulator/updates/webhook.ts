import type { Update, WebhookInfo } from "grammy/types";
import type { UpdateQueue } from "./update-queue.ts";

export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections: number;
  ipAddress?: string;
}

export interface WebhookDeps {
  queue: UpdateQueue;
  unixTime: () => number;
  retryDelayMs: () => number;
  /** Runs a method the bot answered with in the webhook response body. */
  runReply: (method: string, params: Record<string, unknown>) => Promise<void>;
}

/**
 * Pushes queued updates to the bot's webhook: in order per chat with one in
 * flight per chat, up to max_connections at once, an update leaving the queue
 * only on a 2xx answer and retried after a delay otherwise.
 */
export class WebhookDelivery {
  private config: WebhookConfig | undefined;
  /** Chats with an update in flight or waiting for its retry. */
  private readonly busy = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private controller = new AbortController();
  private unsubscribe: (() => void) | undefined;
  private lastErrorDate: number | undefined;
  private lastErrorMessage: string | undefined;

  constructor(private readonly deps: WebhookDeps) {}

  get active(): boolean {
    return this.config !== undefined;
  }

  set(config: WebhookConfig): void {
    this.stop();
    this.config = config;
    this.unsubscribe = this.deps.queue.onPush(() => this.pump());
    this.pump();
  }

  delete(): void {
    this.stop();
    this.config = undefined;
  }

  info(): WebhookInfo {
    const config = this.config;
    return {
      url: config?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.deps.queue.size,
      ...(config?.ipAddress === undefined ? {} : { ip_address: config.ipAddress }),
      ...(this.lastErrorDate === undefined
        ? {}
        : { last_error_date: this.lastErrorDate, last_error_message: this.lastErrorMessage ?? "" }),
      ...(config === undefined ? {} : { max_connections: config.maxConnections }),
      ...(this.deps.queue.allowedUpdates === undefined
        ? {}
        : { allowed_updates: this.deps.queue.allowedUpdates }),
    };
  }

  /** Stops delivering: cancels requests in flight and pending retries. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.controller.abort();
    this.controller = new AbortController();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.busy.clear();
  }

  private pump(): void {
    const config = this.config;
    if (config === undefined) return;
    // A chat stays blocked for the whole pass once one of its updates waits, to keep order.
    const blocked = new Set(this.busy);
    for (const update of this.deps.queue.peek()) {
      if (this.busy.size >= config.maxConnections) return;
      const key = chatKey(update);
      if (blocked.has(key)) continue;
      blocked.add(key);
      this.busy.add(key);
      void this.deliver(config, update, key);
    }
  }

  private async deliver(config: WebhookConfig, update: Update, key: string): Promise<void> {
    const signal = this.controller.signal;
    let failure: string | undefined;
    try {
      const response = await fetch(config.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(config.secretToken === undefined
            ? {}
            : { "X-Telegram-Bot-Api-Secret-Token": config.secretToken }),
        },
        body: JSON.stringify(update),
        signal,
      });
      const body = await response.text();
      if (response.ok) {
        this.deps.queue.remove(update);
        await this.runReply(body);
      } else {
        failure = `Wrong response from the webhook: ${response.status} ${response.statusText}`;
      }
    } catch (error) {
      if (signal.aborted) return;
      failure = connectionFailure(error);
    }
    if (signal.aborted) return;
    if (failure === undefined) {
      this.busy.delete(key);
      this.pump();
      return;
    }
    this.lastErrorDate = this.deps.unixTime();
    this.lastErrorMessage = failure;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.busy.delete(key);
      this.pump();
    }, this.deps.retryDelayMs());
    this.timers.add(timer);
  }

  /** A bot may answer an update with a method call in the response body. */
  private async runReply(body: string): Promise<void> {
    if (body.trim() === "") return;
    let reply: unknown;
    try {
      reply = JSON.parse(body);
    } catch {
      return;
    }
    if (typeof reply !== "object" || reply === null || !("method" in reply)) return;
    const { method, ...params } = reply as Record<string, unknown>;
    if (typeof method === "string") await this.deps.runReply(method, params);
  }
}

/** Updates of one chat (or, without a chat, of one user) are delivered one at a time. */
function chatKey(update: Update): string {
  const message =
    update.message ?? update.edited_message ?? update.channel_post ?? update.edited_channel_post;
  if (message !== undefined) return `chat:${message.chat.id}`;
  const chatId =
    update.callback_query?.message?.chat.id ??
    update.my_chat_member?.chat.id ??
    update.chat_member?.chat.id;
  if (chatId !== undefined) return `chat:${chatId}`;
  const userId =
    update.callback_query?.from.id ??
    update.pre_checkout_query?.from.id ??
    update.inline_query?.from.id;
  return userId === undefined ? `update:${update.update_id}` : `chat:${userId}`;
}

function connectionFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code =
    typeof cause === "object" && cause !== null && "code" in cause ? cause.code : undefined;
  if (code === "ECONNREFUSED") return "Connection refused";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "Connection reset by peer";
  return cause instanceof Error ? cause.message : String(cause);
}
