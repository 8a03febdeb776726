// What the terminal shows: every new or edited bot message in the demo's chats as soon as it
// appears, with the buttons on screen numbered so that ":N" can press one, above the prompt.
import { clearLine, cursorTo, type Interface } from "node:readline";
import type { ReplyKeyboardMarkup } from "grammy/types";
import type { ChatMessage, GroupDriver, UserDriver } from "../emulator/index.ts";
import {
  keyboardButtonText,
  type RenderContext,
  renderKeyboard,
  renderMessage,
  type ScreenButton,
} from "./render.ts";
import type { Texts } from "./texts.ts";

export interface DemoChats {
  subscriber: UserDriver;
  agent: UserDriver;
  /** The agents' forum supergroup. */
  support: GroupDriver;
  /** The office staff group. */
  staff: GroupDriver;
}

/** A numbered button and who presses it: the subscriber in the private chat, the agent in groups. */
export type NumberedButton = ScreenButton & { presser: UserDriver };

/** Generous: a wait that times out just starts again. */
const watchTimeoutMs = 60_000;

export class Screen {
  /** When the user or the bot last did something. */
  lastActivity = Date.now();
  /** What was printed of each bot message (`chat:message` → its JSON), to spot new ones and edits. */
  private readonly printed = new Map<string, string>();
  private printedKeyboard = "null";
  private readonly reportedDeletions = new Set<number>();
  private readonly buttons = new Map<number, NumberedButton>();
  private nextNumber = 1;
  /** Set by every user action: the next numbered button starts the numbering from 1 again. */
  private renumber = true;
  private stopped = false;

  constructor(
    private readonly chats: DemoChats,
    private readonly texts: Texts,
    private readonly output: NodeJS.WritableStream,
    /** Given when the terminal is interactive: printing keeps its prompt and what is typed. */
    private readonly rl: Interface | undefined,
  ) {}

  /** Prints above the prompt, keeping what the user is typing. */
  print(lines: string[]): void {
    if (this.rl) {
      clearLine(this.output, 0);
      cursorTo(this.output, 0);
    }
    this.output.write(`${lines.join("\n")}\n`);
    if (this.rl && !this.stopped) this.rl.prompt(true);
  }

  prompt(): void {
    if (this.rl && !this.stopped) this.rl.prompt();
  }

  /** The user did something: what the bot answers is numbered from 1 again. */
  userActed(): void {
    this.renumber = true;
    this.lastActivity = Date.now();
  }

  button(n: number): NumberedButton | undefined {
    return this.buttons.get(n);
  }

  /** The numbered buttons, as one line. */
  buttonsOnScreen(): string {
    return [...this.buttons].map(([n, button]) => `[${n}] ${buttonText(button)}`).join("  ");
  }

  /** Prints the bot's messages as they come, until `stop()`. */
  async watch(): Promise<void> {
    while (!this.stopped) {
      const changes = await this.chats.subscriber
        .waitFor(() => this.changes(), { timeoutMs: watchTimeoutMs })
        .catch(() => undefined);
      if (changes !== undefined && !this.stopped) this.show(changes);
    }
  }

  /** Prints what is not printed yet, then nothing more. */
  stop(): void {
    const last = this.changes();
    if (last !== undefined) this.show(last);
    this.stopped = true;
  }

  topicName(threadId: number | undefined): string {
    if (threadId === undefined) return this.texts.generalTopic;
    const topic = this.chats.support.topics().find((t) => t.message_thread_id === threadId);
    return topic?.name ?? String(threadId);
  }

  private changes(): Changes | undefined {
    const { subscriber, support, staff } = this.chats;
    const messages: Changes["messages"] = [];
    for (const chat of [subscriber, support, staff]) {
      for (const message of chat.messages()) {
        const key = `${message.chat.id}:${message.message_id}`;
        const json = JSON.stringify(message);
        const before = this.printed.get(key);
        // Deleted before it was ever shown: there is nothing to take back.
        if (before === json || (before === undefined && message.deleted)) continue;
        messages.push({ key, json, message, edited: before !== undefined });
      }
    }
    // The bot deletes some of the user's messages (a password): the terminal still shows them.
    const deletedOwn = subscriber
      .history()
      .filter((m) => m.deleted && m.from?.id === subscriber.id)
      .map((m) => m.message_id)
      .filter((id) => !this.reportedDeletions.has(id));
    const keyboard = subscriber.replyKeyboard();
    const keyboardJson = JSON.stringify(keyboard ?? null);
    const keyboardChanged = keyboardJson !== this.printedKeyboard;
    if (messages.length === 0 && deletedOwn.length === 0 && !keyboardChanged) return undefined;
    return { messages, deletedOwn, keyboard, keyboardJson, keyboardChanged };
  }

  private show({ messages, deletedOwn, keyboard, keyboardJson, keyboardChanged }: Changes): void {
    this.lastActivity = Date.now();
    let renumbered = false;
    const ctx: RenderContext = {
      texts: this.texts,
      number: (button) => {
        if (this.renumber) {
          this.renumber = false;
          renumbered = true;
          this.buttons.clear();
          this.nextNumber = 1;
        }
        const n = this.nextNumber++;
        const inGroup = button.kind === "inline" && button.message.chat.type !== "private";
        this.buttons.set(n, {
          ...button,
          presser: inGroup ? this.chats.agent : this.chats.subscriber,
        });
        return n;
      },
    };
    const lines: string[] = [];
    for (const id of deletedOwn) {
      this.reportedDeletions.add(id);
      lines.push(`🗑 ${this.texts.ownDeleted}`);
    }
    for (const { key, json, message, edited } of messages) {
      this.printed.set(key, json);
      if (edited) this.forgetButtons(message); // the message shows its buttons anew, if any
      lines.push(...renderMessage(message, this.header(message, edited), ctx));
    }
    // The reply keyboard stays on screen in Telegram: show it again when the numbers start over.
    if (keyboardChanged || (renumbered && keyboard !== undefined)) {
      this.printedKeyboard = keyboardJson;
      lines.push(...renderKeyboard(keyboard, ctx));
    }
    this.print(lines);
  }

  private forgetButtons(message: ChatMessage): void {
    for (const [n, button] of this.buttons) {
      if (button.kind !== "inline") continue;
      const { chat, message_id } = button.message;
      if (chat.id === message.chat.id && message_id === message.message_id) this.buttons.delete(n);
    }
  }

  private header(message: ChatMessage, edited: boolean): string {
    const { texts } = this;
    const where: string[] = [];
    if (message.chat.type !== "private") {
      where.push(texts.inChat(message.chat.title));
      if (message.is_topic_message && message.message_thread_id !== undefined) {
        where.push(texts.inTopic(this.topicName(message.message_thread_id)));
      }
    }
    const change = message.deleted ? ` (${texts.deleted})` : edited ? ` (${texts.edited})` : "";
    return `🤖 ${texts.bot}${where.length === 0 ? "" : ` ${where.join(", ")}`}${change}:`;
  }
}

interface Changes {
  messages: { key: string; json: string; message: ChatMessage; edited: boolean }[];
  /** The subscriber's own messages the bot deleted. */
  deletedOwn: number[];
  keyboard: ReplyKeyboardMarkup | undefined;
  keyboardJson: string;
  keyboardChanged: boolean;
}

export function buttonText(button: ScreenButton): string {
  return button.kind === "inline" ? button.button.text : keyboardButtonText(button.button);
}

export function titleOf(group: GroupDriver): string {
  const { chat } = group;
  return chat.type === "private" ? String(chat.id) : chat.title;
}
