// Knows when the bot has answered an update: each chat's answers (the Bot API calls aimed at it:
// messages, edits, callback answers) are counted as the emulator logs them, and an update is
// answered once its chat has had as many calls as were expected up to and including it. A chat's
// updates are handled in order, so counting per chat needs no matching of replies to updates.
import type { ApiCall } from "../../emulator/call-log.ts";
import type { BotApiEmulator } from "../../emulator/index.ts";

interface Waiter {
  /** The chat's call count at which this update is answered. */
  needed: number;
  offeredAt: number;
  answered(latencyMs: number): void;
}

interface ChatState {
  received: number;
  expected: number;
  waiting: Waiter[];
}

export class ReplyTracker {
  private readonly chats = new Map<number, ChatState>();
  private readonly callbackChats = new Map<string, number>();
  private readonly unsubscribe: () => void;
  /** Calls to a chat the Bot API refused (a bug in a bot, or in the benchmark). */
  failedCalls = 0;

  constructor(emulator: BotApiEmulator) {
    this.unsubscribe = emulator.onCall((call) => this.take(call));
  }

  /** Calls aimed at the chat so far. */
  callsTo(chatId: number): number {
    return this.chat(chatId).received;
  }

  /** A callback query's answer counts for the chat it was pressed in. */
  noteCallback(queryId: string, chatId: number): void {
    this.callbackChats.set(queryId, chatId);
  }

  /**
   * Resolves with the ms from `offeredAt` (a performance.now() time) until the chat has had
   * `calls` more calls than all the updates expected before this one.
   */
  expect(chatId: number, calls: number, offeredAt: number): Promise<number> {
    const chat = this.chat(chatId);
    chat.expected += calls;
    const needed = chat.expected;
    return new Promise((answered) => {
      chat.waiting.push({ needed, offeredAt, answered });
      this.settle(chat);
    });
  }

  /** Updates offered and not yet answered, over all chats. */
  unanswered(): number {
    let count = 0;
    for (const chat of this.chats.values()) count += chat.waiting.length;
    return count;
  }

  stop(): void {
    this.unsubscribe();
  }

  private take(call: ApiCall): void {
    const chatId =
      call.method === "answerCallbackQuery"
        ? this.callbackChats.get(String(call.params.callback_query_id))
        : call.params.chat_id === undefined
          ? undefined
          : Number(call.params.chat_id);
    if (chatId === undefined) return;
    if (call.response?.ok !== true) {
      this.failedCalls++;
      return;
    }
    const chat = this.chat(chatId);
    chat.received++;
    this.settle(chat);
  }

  private settle(chat: ChatState): void {
    const now = performance.now();
    while (chat.waiting.length > 0 && (chat.waiting[0]?.needed ?? 0) <= chat.received) {
      const waiter = chat.waiting.shift();
      waiter?.answered(now - waiter.offeredAt);
    }
  }

  private chat(chatId: number): ChatState {
    let chat = this.chats.get(chatId);
    if (chat === undefined) {
      chat = { received: 0, expected: 0, waiting: [] };
      this.chats.set(chatId, chat);
    }
    return chat;
  }
}
