// The terminal as a Telegram client: each typed line goes to the bot as the demo subscriber's
// message (or, in the groups, as the agent's), or is a demo control (":3" presses button 3).
// What the bot sends is printed by the Screen.
import { createInterface, type Interface } from "node:readline";
import { setTimeout as delay } from "node:timers/promises";
import { inspect } from "node:util";
import type { ChatMessage, GroupDriver } from "../emulator/index.ts";
import type { DemoMail } from "./bot-log.ts";
import { type Control, parseLine, type View } from "./controls.ts";
import { formatMoney, keyboardButtonText, renderMail } from "./render.ts";
import { buttonText, type DemoChats, Screen, titleOf } from "./screen.ts";
import type { Texts } from "./texts.ts";

export type { DemoChats };

export interface TerminalChatOptions {
  chats: DemoChats;
  texts: Texts;
  /** The subscriber's phone for :contact and for keyboard buttons that request the contact. */
  phone: string;
  /** What :help lists after the controls: the demo contracts and their password. */
  accounts: string[];
  password: string;
  /** Where the bot's log goes, for :help. */
  logFile: string;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
}

/** At the end of the input: how long the bot must stay quiet before the demo stops, at most. */
const settleQuietMs = 1_500;
const settleMaxMs = 10_000;

export class TerminalChat {
  private readonly rl: Interface;
  private readonly screen: Screen;
  private readonly tty: boolean;
  private readonly texts: Texts;
  private readonly chats: DemoChats;
  private view: View = "me";
  /** The support forum's topic the agent writes in; undefined is General. */
  private topicId: number | undefined;
  private readonly lines: string[] = [];
  private wake: (() => void) | undefined;
  private inputClosed = false;
  private quitRequested = false;

  constructor(private readonly options: TerminalChatOptions) {
    this.texts = options.texts;
    this.chats = options.chats;
    this.tty = options.output.isTTY === true && options.input.isTTY === true;
    this.rl = createInterface({ input: options.input, output: options.output, terminal: this.tty });
    this.screen = new Screen(
      this.chats,
      this.texts,
      options.output,
      this.tty ? this.rl : undefined,
    );
    this.rl.setPrompt(this.promptText());
    this.rl.on("line", (line) => {
      this.lines.push(line);
      this.wake?.();
    });
    this.rl.on("close", () => {
      this.inputClosed = true;
      this.wake?.();
    });
    // Ctrl-C in a terminal (readline reads it as a key; main.ts handles real signals).
    this.rl.on("SIGINT", () => this.requestQuit());
  }

  /** Asks the loop to finish after the current line; a second request exits at once. */
  requestQuit(): void {
    if (this.quitRequested) process.exit(130);
    this.quitRequested = true;
    this.wake?.();
  }

  showMail(mail: DemoMail): void {
    this.screen.lastActivity = Date.now();
    this.screen.print(renderMail(mail, this.texts));
  }

  /** Reads and handles lines until :quit, Ctrl-D or Ctrl-C; prints the bot's messages meanwhile. */
  async run(): Promise<void> {
    void this.screen.watch();
    this.screen.prompt();
    for (;;) {
      const line = this.quitRequested ? undefined : this.lines.shift();
      if (line === undefined) {
        if (this.quitRequested) break;
        if (this.inputClosed) {
          await this.settle();
          break;
        }
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = undefined;
        continue;
      }
      // Piped input is not echoed: show it, as a terminal would.
      if (!this.tty) this.screen.print([`${this.promptText()}${line}`]);
      const control = parseLine(line);
      if (control.kind === "quit") break;
      try {
        await this.handle(control);
      } catch (error) {
        const reason = error instanceof Error ? error.message : inspect(error);
        this.screen.print([`⚠ ${this.texts.failed(reason)}`]);
      }
      this.screen.prompt();
    }
    this.screen.print([this.texts.stopping]);
  }

  /** Prints what the bot sent last and gives the terminal back. */
  close(message: string): void {
    this.screen.stop();
    this.screen.print([message]);
    this.rl.close();
  }

  /** The input ended (Ctrl-D, the end of a piped script): let the bot finish answering first. */
  private async settle(): Promise<void> {
    const deadline = Date.now() + settleMaxMs;
    while (Date.now() < deadline && Date.now() - this.screen.lastActivity < settleQuietMs) {
      await delay(50);
    }
  }

  private async handle(control: Control): Promise<void> {
    const { subscriber, agent } = this.chats;
    const print = (...lines: string[]) => this.screen.print(lines);
    switch (control.kind) {
      case "nothing":
      case "quit":
        return;
      case "send": {
        this.screen.userActed();
        if (this.view === "me") {
          await subscriber.send(control.text);
        } else {
          const inTopic = this.view === "agents" && this.topicId !== undefined;
          await agent.sendIn(this.group(), control.text, inTopic ? { threadId: this.topicId } : {});
        }
        return;
      }
      case "press":
        return this.press(control.number);
      case "contact": {
        this.screen.userActed();
        const phone = control.phone ?? this.options.phone;
        await subscriber.shareContact({ phone });
        return print(this.texts.contactSent(phone));
      }
      case "pay": {
        const invoice = subscriber.messages().findLast((m) => m.invoice && !m.deleted);
        return invoice === undefined ? print(this.texts.noInvoice) : this.pay(invoice);
      }
      case "view":
        return print(...this.switchView(control.view));
      case "topic":
        return print(...this.topic(control.number));
      case "help": {
        const { accounts, password, phone, logFile } = this.options;
        return print(...this.texts.help(accounts, password, phone, logFile));
      }
      case "unknown":
        return print(this.texts.unknownControl(control.line));
    }
  }

  private async press(n: number): Promise<void> {
    const found = this.screen.button(n);
    if (found === undefined) {
      return this.screen.print([this.texts.noButton(n, this.screen.buttonsOnScreen())]);
    }
    this.screen.print([this.texts.pressed(buttonText(found))]);
    if (found.kind === "keyboard") {
      this.screen.userActed();
      const text = keyboardButtonText(found.button);
      await found.presser.pressKeyboard(text, { phone: this.options.phone });
      return;
    }
    const { button, message, presser } = found;
    if ("callback_data" in button) {
      this.screen.userActed();
      const query = await presser.pressData(message, button.callback_data);
      // The answer (a toast or an alert) shows when it comes; the input does not wait for it.
      presser.waitForCallbackAnswer(query, { timeoutMs: 60_000 }).then(
        (answer) => {
          if (!answer.text) return;
          const kind = answer.showAlert ? this.texts.alert : this.texts.toast;
          this.screen.print([`   💬 ${kind}: ${answer.text}`]);
        },
        () => {},
      );
    } else if ("pay" in button) {
      await this.pay(message);
    } else if ("url" in button) {
      this.screen.print([this.texts.openUrl(button.url)]);
    } else if ("copy_text" in button) {
      this.screen.print([this.texts.copied(button.copy_text.text)]);
    } else {
      this.screen.print([this.texts.unsupportedButton(button.text)]);
    }
  }

  /** Pays an invoice as Telegram's payment form does: the bot confirms, then gets the payment. */
  private async pay(invoiceMessage: ChatMessage): Promise<void> {
    const { invoice } = invoiceMessage;
    if (invoice === undefined) return this.screen.print([this.texts.notAnInvoice]);
    if (this.chats.subscriber.isPaid(invoiceMessage))
      return this.screen.print([this.texts.alreadyPaid]);
    this.screen.userActed();
    this.screen.print([this.texts.paying(formatMoney(invoice.total_amount, invoice.currency))]);
    const outcome = await this.chats.subscriber.pay(invoiceMessage);
    const result =
      outcome.status === "paid"
        ? `✔ ${this.texts.paid}`
        : outcome.status === "declined"
          ? `✖ ${this.texts.declined(outcome.errorMessage)}`
          : `✖ ${this.texts.payTimeout}`;
    this.screen.print([result]);
  }

  private switchView(view: View): string[] {
    this.view = view;
    this.rl.setPrompt(this.promptText());
    if (view === "me") return [this.texts.viewMe(this.chats.subscriber.user.first_name)];
    const title = titleOf(this.group());
    const lines = [this.texts.viewGroup(this.chats.agent.user.first_name, title)];
    return view === "agents" ? [...lines, ...this.topicLines()] : lines;
  }

  /** Lists the support forum's topics, or picks one (0 is General) to write in as the agent. */
  private topic(n: number | undefined): string[] {
    const { support } = this.chats;
    if (support.chat.type !== "supergroup" || !support.chat.is_forum) return [this.texts.notForum];
    if (n === undefined) return this.topicLines();
    const topics = support.topics();
    if (n > topics.length) return [this.texts.noTopic(n)];
    this.topicId = n === 0 ? undefined : topics[n - 1]?.message_thread_id;
    const switched = this.view === "agents" ? [] : this.switchView("agents").slice(0, 1);
    this.rl.setPrompt(this.promptText());
    return [...switched, this.texts.topicChosen(this.screen.topicName(this.topicId))];
  }

  private topicLines(): string[] {
    const topics = [
      { id: undefined as number | undefined, name: this.texts.generalTopic, closed: false },
      ...this.chats.support.topics().map(({ message_thread_id, name, closed }) => ({
        id: message_thread_id as number | undefined,
        name,
        closed,
      })),
    ];
    return [
      `${this.texts.topics} (:topic N):`,
      ...topics.map(({ id, name, closed }, n) => {
        const current = id === this.topicId ? " •" : "  ";
        return `${current} [${n}] ${name}${closed ? ` (${this.texts.closed})` : ""}`;
      }),
    ];
  }

  private group(): GroupDriver {
    return this.view === "staff" ? this.chats.staff : this.chats.support;
  }

  private promptText(): string {
    const name = this.chats.agent.user.first_name;
    if (this.view === "staff") return `${name} @ ${titleOf(this.chats.staff)} › `;
    if (this.view === "agents") {
      const topic = this.screen.topicName(this.topicId);
      return `${name} @ ${titleOf(this.chats.support)} / ${topic} › `;
    }
    return `${this.texts.you} › `;
  }
}
