import type { Message } from "grammy/types";
import type { Check } from "../state/changes.ts";
import type { ChatAction, ChatRecord, StoredMessage } from "../state/chat.ts";
import type { World } from "../state/world.ts";

/** A message as a test sees it: the current version, and whether it was deleted. */
export type ChatMessage = Message & { readonly deleted: boolean };

export interface WaitOptions {
  /** Defaults to the emulator's `timeoutMs`. */
  timeoutMs?: number;
}

export interface ThreadFilter {
  /** Only messages in this forum topic (or reply thread). */
  threadId?: number;
}

/**
 * What a member sees in one chat. Reading is synchronous and reflects the
 * emulator's state now; `nextBotMessage` consumes the bot's messages in
 * order, so each is returned once.
 */
export class ChatView {
  /** How many of the bot's messages in this chat `nextBotMessage` has consumed. */
  private consumed = 0;

  constructor(
    protected readonly world: World,
    readonly chatId: number,
    protected readonly defaultTimeoutMs: () => number,
  ) {}

  protected get record(): ChatRecord {
    return this.world.chatRecord(this.chatId);
  }

  /** Messages the bot sent here, edits applied, deleted ones marked; service messages left out. */
  messages(filter: ThreadFilter = {}): ChatMessage[] {
    return this.botMessages(filter).map(view);
  }

  /** Every message in the chat: the users', the bot's and service messages. */
  history(): ChatMessage[] {
    return this.record.all().map(view);
  }

  /** The bot's latest message here that is not deleted. */
  lastBotMessage(filter: ThreadFilter = {}): ChatMessage | undefined {
    const latest = this.botMessages(filter).findLast((stored) => !stored.deleted);
    return latest === undefined ? undefined : view(latest);
  }

  /** The bot's next message after the last one consumed, waiting for it if needed. */
  async nextBotMessage(options: WaitOptions & ThreadFilter = {}): Promise<ChatMessage> {
    const all = () => this.botMessages({});
    const index = await this.world.changes.until(
      () => {
        const found = all().findIndex(
          (stored, i) => i >= this.consumed && inThread(stored, options.threadId),
        );
        return found === -1 ? undefined : found + 1;
      },
      {
        timeoutMs: options.timeoutMs ?? this.defaultTimeoutMs(),
        describe: () => `waiting for a bot message in chat ${this.chatId}; ${this.summary()}`,
      },
    );
    this.consumed = index;
    const stored = all()[index - 1];
    if (stored === undefined) throw new Error("unreachable: consumed message vanished");
    return view(stored);
  }

  /** Marks every bot message sent so far as consumed, so `nextBotMessage` waits for a new one. */
  skipBotMessages(): void {
    this.consumed = this.botMessages({}).length;
  }

  /**
   * Resolves with the first truthy value of `check` (which may be async, e.g.
   * a database query), tried now, after every change in the emulator and
   * every 25 ms. A check that throws (an `expect`) counts as not yet.
   */
  waitFor<T>(check: Check<T>, options: WaitOptions = {}): Promise<T> {
    return this.world.changes.until(check, {
      timeoutMs: options.timeoutMs ?? this.defaultTimeoutMs(),
      describe: () => `waiting for a condition in chat ${this.chatId}; ${this.summary()}`,
    });
  }

  /** The chat actions (typing…) the bot sent here. */
  chatActions(): readonly ChatAction[] {
    return this.record.actions;
  }

  private botMessages({ threadId }: ThreadFilter): StoredMessage[] {
    return this.record.all().filter((stored) => stored.sentByBot && inThread(stored, threadId));
  }

  private summary(): string {
    const recent = this.record
      .all()
      .slice(-5)
      .map((stored) => {
        const { message } = stored;
        const who =
          message.from?.id === this.world.bot.id ? "bot" : (message.from?.first_name ?? "?");
        const what =
          message.text ?? message.caption ?? Object.keys(message).find(isContentField) ?? "?";
        return `#${message.message_id} ${who}${stored.deleted ? " (deleted)" : ""}: ${JSON.stringify(what)}`;
      });
    return recent.length === 0 ? "the chat is empty" : `latest messages:\n  ${recent.join("\n  ")}`;
  }
}

const COMMON_FIELDS = new Set([
  "message_id",
  "from",
  "chat",
  "date",
  "message_thread_id",
  "is_topic_message",
  "reply_to_message",
  "edit_date",
  "reply_markup",
  "has_protected_content",
]);

function isContentField(field: string): boolean {
  return !COMMON_FIELDS.has(field);
}

function inThread(stored: StoredMessage, threadId: number | undefined): boolean {
  return threadId === undefined || stored.message.message_thread_id === threadId;
}

function view(stored: StoredMessage): ChatMessage {
  return { ...stored.message, deleted: stored.deleted };
}
