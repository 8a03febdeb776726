import type {
  BotCommand,
  CallbackQuery,
  Contact,
  InlineKeyboardButton,
  KeyboardButton,
  Message,
  ReplyKeyboardMarkup,
  Update,
  User,
} from "grammy/types";
import type { ChatRecord, StoredMessage } from "../state/chat.ts";
import type { CallbackAnswer } from "../state/queries.ts";
import type { MessageContent, Placement, UserRecord, World } from "../state/world.ts";
import { formatText } from "../text/format-text.ts";
import { ChatView, type WaitOptions } from "./chat-view.ts";
import { type PaymentOutcome, type PayOptions, payInvoice } from "./payment.ts";

/** A chat a user can write in: a group driver or a chat id. */
export type ChatTarget = { readonly chatId: number } | number;

export interface PressOptions {
  /** The message whose button to press; by default the latest bot message in the private chat that has it. */
  message?: Message;
}

export interface ContactOptions {
  phone: string;
  /** Whose contact: the sender's own by default, another user's id, or null for a non-Telegram contact. */
  userId?: number | null;
  firstName?: string;
  lastName?: string;
}

export interface DocumentOptions {
  fileName?: string;
  mimeType?: string;
  content?: string | Buffer;
  caption?: string;
}

/**
 * A Telegram user driven by a test: writes to the bot (or in groups), presses
 * buttons, shares contacts, pays; and, as a `ChatView`, reads the private chat.
 */
export class UserDriver extends ChatView {
  constructor(
    world: World,
    private readonly userRecord: UserRecord,
    defaultTimeoutMs: () => number,
    private readonly preCheckoutTimeoutMs: () => number,
  ) {
    super(world, userRecord.user.id, defaultTimeoutMs);
  }

  get id(): number {
    return this.userRecord.user.id;
  }

  get user(): User {
    return this.userRecord.user;
  }

  /** Sends text to the bot; a leading /command gets its bot_command entity as in Telegram. */
  async send(text: string, options: { replyTo?: Message } = {}): Promise<Message> {
    return this.sendText(this.record, text, options.replyTo);
  }

  /** Replies to a message (the bot's or anyone's) in that message's chat and topic. */
  async replyTo(message: Message, text: string): Promise<Message> {
    return this.sendText(this.world.chatRecord(message.chat.id), text, message);
  }

  /** Writes in a group, optionally in a forum topic. */
  async sendIn(
    group: ChatTarget,
    text: string,
    options: { threadId?: number } = {},
  ): Promise<Message> {
    const chat = this.world.chatRecord(chatIdOf(group));
    return this.post(chat, textContent(text), { ...threadPlacement(chat, options.threadId) });
  }

  /** Writes in a forum topic of a group. */
  async sendInTopic(group: ChatTarget, threadId: number, text: string): Promise<Message> {
    return this.sendIn(group, text, { threadId });
  }

  /** Edits one of the user's own text messages; the bot gets an `edited_message` update. */
  async edit(message: Message, text: string): Promise<Message> {
    const chat = this.world.chatRecord(message.chat.id);
    const stored = this.ownMessage(chat, message);
    if (stored.message.text === undefined) throw new Error("Only text messages can be edited");
    const { entities: _, ...rest } = stored.message;
    const formatted = formatText({ text });
    stored.message = {
      ...rest,
      text: formatted.text,
      ...(formatted.entities.length === 0 ? {} : { entities: formatted.entities }),
      edit_date: this.world.unixTime(),
    };
    this.world.changes.notify();
    if (this.world.botSees(chat, stored.message)) {
      this.world.queueMessageUpdate("edited_message", stored.message);
    }
    return stored.message;
  }

  /**
   * Presses an inline callback button by its text (exact, or a RegExp) and
   * returns the callback query the bot receives.
   */
  async press(button: string | RegExp, options: PressOptions = {}): Promise<CallbackQuery> {
    const candidates =
      options.message === undefined
        ? this.record
            .all()
            .filter((stored) => stored.sentByBot && !stored.deleted)
            .reverse()
        : [this.current(options.message)];
    for (const stored of candidates) {
      const found = inlineButtons(stored.message).find((candidate) =>
        matches(candidate.text, button),
      );
      if (found === undefined) continue;
      if ("pay" in found) throw new Error(`"${found.text}" is a pay button: use pay(message)`);
      if (!("callback_data" in found)) {
        throw new Error(
          `Button "${found.text}" is not a callback button: ${JSON.stringify(found)}`,
        );
      }
      return this.sendCallback(stored.message, found.callback_data);
    }
    const available = candidates.flatMap((stored) =>
      inlineButtons(stored.message).map((b) => b.text),
    );
    throw new Error(
      `${this.user.first_name} found no inline button ${String(button)}; buttons on screen: ${
        available.length === 0 ? "none" : available.map((text) => JSON.stringify(text)).join(", ")
      }`,
    );
  }

  /** Sends a callback query with any data for a message, as a forged or stale button would. */
  async pressData(message: Message, data: string): Promise<CallbackQuery> {
    const chat = this.world.chatRecord(message.chat.id);
    return this.sendCallback(chat.find(message.message_id)?.message ?? message, data);
  }

  /** Presses a reply-keyboard button: sends its text, or the contact or location it requests. */
  async pressKeyboard(button: string | RegExp, extra: { phone?: string } = {}): Promise<Message> {
    const keyboard = this.replyKeyboard();
    const found = keyboard?.keyboard
      .flat()
      .find((candidate) => matches(buttonText(candidate), button));
    if (found === undefined || typeof found === "string") {
      if (typeof found === "string") return this.send(found);
      const shown = keyboard?.keyboard.flat().map(buttonText) ?? [];
      throw new Error(
        `No keyboard button ${String(button)}; keyboard: ${shown.join(", ") || "none"}`,
      );
    }
    if ("request_contact" in found && found.request_contact) {
      return this.shareContact({ phone: extra.phone ?? "79990000000" });
    }
    if ("request_location" in found && found.request_location) {
      return this.sendLocation(55.7558, 37.6173);
    }
    return this.send(found.text);
  }

  /** Shares a contact: the user's own by default (`contact.user_id` = the sender). */
  async shareContact(options: ContactOptions): Promise<Message> {
    const own = options.userId === undefined || options.userId === this.id;
    const userId = options.userId === undefined ? this.id : options.userId;
    const other = userId === null ? undefined : this.world.users.get(userId)?.user;
    const firstName =
      options.firstName ?? (own ? this.user.first_name : (other?.first_name ?? "Contact"));
    const lastName = options.lastName ?? (own ? this.user.last_name : other?.last_name);
    const contact: Contact = {
      phone_number: options.phone,
      first_name: firstName,
      ...(lastName === undefined ? {} : { last_name: lastName }),
      ...(userId === null ? {} : { user_id: userId }),
    };
    return this.post(this.record, { contact });
  }

  async sendLocation(latitude: number, longitude: number): Promise<Message> {
    return this.post(this.record, { location: { latitude, longitude } });
  }

  /** Sends a photo (two sizes, like Telegram's thumbnails) to the bot. */
  async sendPhoto(options: { caption?: string; content?: Buffer } = {}): Promise<Message> {
    const sizes = [
      { width: 90, height: 68 },
      { width: 1280, height: 960 },
    ].map(({ width, height }) => {
      const data = options.content ?? Buffer.from(`photo ${width}x${height}`);
      const file = this.world.files.add({ kind: "photo", data, mimeType: "image/jpeg" });
      return {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        width,
        height,
        file_size: data.length,
      };
    });
    return this.post(this.record, { photo: sizes, ...captionContent(options.caption) });
  }

  async sendDocument(options: DocumentOptions = {}): Promise<Message> {
    const data = Buffer.from(options.content ?? "document");
    const fileName = options.fileName ?? "document.txt";
    const mimeType = options.mimeType ?? "text/plain";
    const file = this.world.files.add({ kind: "document", data, fileName, mimeType });
    const document = {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      file_name: fileName,
      mime_type: mimeType,
      file_size: data.length,
    };
    return this.post(this.record, { document, ...captionContent(options.caption) });
  }

  async sendSticker(options: { emoji?: string } = {}): Promise<Message> {
    const file = this.world.files.add({ kind: "sticker", data: Buffer.from("sticker") });
    return this.post(this.record, {
      sticker: {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: options.emoji ?? "👍",
      },
    });
  }

  async sendVoice(options: { durationSeconds?: number } = {}): Promise<Message> {
    const data = Buffer.from("voice");
    const file = this.world.files.add({ kind: "voice", data, mimeType: "audio/ogg" });
    return this.post(this.record, {
      voice: {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        duration: options.durationSeconds ?? 3,
        mime_type: "audio/ogg",
        file_size: data.length,
      },
    });
  }

  /**
   * Pays an invoice message: sends a pre_checkout_query, waits up to the
   * emulator's `preCheckoutTimeoutMs` for the answer and, only if approved,
   * sends the successful_payment message with fresh charge ids.
   */
  /** Whether the invoice in this message has been paid (Telegram then shows its receipt). */
  isPaid(invoice: Message): boolean {
    return this.world.chatRecord(invoice.chat.id).find(invoice.message_id)?.paid === true;
  }

  pay(invoice: Message, options: PayOptions = {}): Promise<PaymentOutcome> {
    return payInvoice(this.world, this.user, invoice, options, this.preCheckoutTimeoutMs());
  }

  /** The bot's answers to this user's callback queries, oldest first. */
  callbackAnswers(): CallbackAnswer[] {
    return [...this.world.callbackQueries.values()].flatMap((record) =>
      record.query.from.id === this.id && record.answer !== undefined ? [record.answer] : [],
    );
  }

  /** Waits until the bot answers the given callback query. */
  waitForCallbackAnswer(query: CallbackQuery, options: WaitOptions = {}): Promise<CallbackAnswer> {
    return this.waitFor(() => this.world.callbackQueries.get(query.id)?.answer, options);
  }

  /** The reply keyboard the user sees in the private chat, if any. */
  replyKeyboard(): ReplyKeyboardMarkup | undefined {
    return this.record.replyKeyboard;
  }

  /** The command menu this user sees in the private chat, resolved by scope and language. */
  commands(): BotCommand[] {
    return this.world.commands.visibleTo({
      chatId: this.id,
      userId: this.id,
      isPrivate: true,
      isAdmin: false,
      ...(this.user.language_code === undefined ? {} : { languageCode: this.user.language_code }),
    });
  }

  /** Pushes this user's latest update to the bot again (see `BotApiEmulator.redeliver`). */
  redeliverLast(options: { sameId?: boolean } = {}): Update | undefined {
    const last = this.world.updates.history.findLast((update) => fromOf(update) === this.id);
    if (last === undefined) throw new Error(`${this.user.first_name} has sent nothing yet`);
    return this.world.redeliver(last, options);
  }

  private sendText(chat: ChatRecord, text: string, replyTo: Message | undefined): Message {
    const placement: Placement = {};
    if (replyTo !== undefined) {
      placement.replyTo = this.current(replyTo);
      if (replyTo.is_topic_message && replyTo.message_thread_id !== undefined) {
        placement.threadId = replyTo.message_thread_id;
      }
    }
    return this.post(chat, textContent(text), placement);
  }

  /** Stores the user's message and hands it to the bot if the bot can see it. */
  protected post(chat: ChatRecord, content: MessageContent, placement: Placement = {}): Message {
    if (chat.isPrivate && chat.id !== this.id) {
      throw new Error(
        `${this.user.first_name} can only write in their own private chat with the bot`,
      );
    }
    if (chat.isPrivate && this.userRecord.blockedBot) {
      throw new Error(`${this.user.first_name} has blocked the bot; unblock it first`);
    }
    const status = chat.memberStatus(this.id);
    if (status === "left" || status === "kicked") {
      throw new Error(`${this.user.first_name} is not a member of chat ${chat.id} (${status})`);
    }
    const topic =
      placement.threadId === undefined ? undefined : chat.topics.get(placement.threadId);
    if (topic?.closed && status !== "administrator" && status !== "creator") {
      throw new Error(`Topic ${placement.threadId} is closed: members cannot write in it`);
    }
    const stored = this.world.postMessage(chat, this.user, content, placement);
    if (chat.isPrivate) this.userRecord.startedBot = true;
    if (this.world.botSees(chat, stored.message)) {
      this.world.queueMessageUpdate("message", stored.message);
    }
    return stored.message;
  }

  private sendCallback(message: Message, data: string): CallbackQuery {
    const chat = this.world.chatRecord(message.chat.id);
    const query: CallbackQuery = {
      id: this.world.nextQueryId(),
      from: this.user,
      message,
      chat_instance: chatInstance(message.chat.id, this.world.bot.id),
      data,
    };
    this.world.callbackQueries.set(query.id, { query });
    if (chat.isPrivate) this.userRecord.startedBot = true;
    this.world.queueUpdate({ callback_query: query });
    return query;
  }

  /** The current version of a message the test holds, which must still exist. */
  private current(message: Message): StoredMessage {
    const stored = this.world.chatRecord(message.chat.id).find(message.message_id);
    if (stored === undefined) throw new Error(`Message ${message.message_id} was deleted`);
    return stored;
  }

  private ownMessage(chat: ChatRecord, message: Message): StoredMessage {
    const stored = chat.find(message.message_id);
    if (stored === undefined || stored.message.from?.id !== this.id) {
      throw new Error(`Message ${message.message_id} is not ${this.user.first_name}'s`);
    }
    return stored;
  }
}

function chatIdOf(target: ChatTarget): number {
  return typeof target === "number" ? target : target.chatId;
}

function threadPlacement(chat: ChatRecord, threadId: number | undefined): Placement {
  if (threadId === undefined) return {};
  if (!chat.topics.has(threadId)) throw new Error(`No topic ${threadId} in chat ${chat.id}`);
  return { threadId };
}

function textContent(text: string): MessageContent {
  const { text: trimmed, entities } = formatText({ text });
  if (trimmed === "") throw new Error("Telegram clients do not send empty messages");
  return entities.length === 0 ? { text: trimmed } : { text: trimmed, entities };
}

function captionContent(caption: string | undefined): MessageContent {
  if (caption === undefined) return {};
  const { text, entities } = formatText({ text: caption });
  return entities.length === 0 ? { caption: text } : { caption: text, caption_entities: entities };
}

function inlineButtons(message: Message): InlineKeyboardButton[] {
  return message.reply_markup?.inline_keyboard.flat() ?? [];
}

function buttonText(button: KeyboardButton): string {
  return typeof button === "string" ? button : button.text;
}

function matches(text: string, wanted: string | RegExp): boolean {
  return typeof wanted === "string" ? text === wanted : wanted.test(text);
}

/** A stable per-chat identifier, as Telegram sends in `chat_instance`. */
function chatInstance(chatId: number, botId: number): string {
  return BigInt.asIntN(64, BigInt(chatId) * 6364136223846793005n + BigInt(botId)).toString();
}

function fromOf(update: Update): number | undefined {
  return (
    update.message?.from?.id ??
    update.edited_message?.from?.id ??
    update.callback_query?.from.id ??
    update.pre_checkout_query?.from.id
  );
}
