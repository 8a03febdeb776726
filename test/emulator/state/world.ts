import type { Chat, Message, Update, User, UserFromGetMe } from "grammy/types";
import { badRequest, forbidden } from "../api-error.ts";
import { type UpdateContent, UpdateQueue } from "../updates/update-queue.ts";
import { ChangeFeed } from "./changes.ts";
import { ChatRecord, type MemberStatus, type StoredMessage } from "./chat.ts";
import { CommandStore } from "./commands.ts";
import { FileStore } from "./files.ts";
import type { CallbackQueryRecord, PreCheckoutRecord } from "./queries.ts";

export interface UserRecord {
  readonly user: User;
  /** Whether the private chat exists: the user wrote to the bot at least once. */
  startedBot: boolean;
  blockedBot: boolean;
}

export interface NewUser {
  id?: number;
  firstName?: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  isPremium?: boolean;
  /**
   * Whether the user has already written to the bot, so the bot may message
   * them. Default false: Telegram refuses with 403 until the user starts the bot.
   */
  hasStartedBot?: boolean;
}

export interface NewGroup {
  title: string;
  /** A supergroup with topics; implies `supergroup`. */
  forum?: boolean;
  /** A supergroup rather than a basic group. */
  supergroup?: boolean;
  username?: string;
  memberIds?: number[];
  /** The bot's own status; by default an administrator with every right. */
  botStatus?: MemberStatus;
}

/** Where a message goes inside its chat. */
export interface Placement {
  threadId?: number;
  replyTo?: StoredMessage;
}

/** Message fields besides the ones every message has. */
export type MessageContent = Omit<Partial<Message>, "message_id" | "date" | "chat" | "from">;

/** Everything the emulated Telegram knows: users, chats, files, commands, queries, updates. */
export class World {
  readonly users = new Map<number, UserRecord>();
  readonly chats = new Map<number, ChatRecord>();
  readonly files = new FileStore();
  readonly commands = new CommandStore();
  readonly updates = new UpdateQueue();
  readonly changes = new ChangeFeed();
  readonly callbackQueries = new Map<string, CallbackQueryRecord>();
  readonly preCheckoutQueries = new Map<string, PreCheckoutRecord>();
  private lastUserId = 100_000_000;
  private groupCount = 0;
  private queryCount = 0;

  constructor(
    readonly bot: UserFromGetMe,
    readonly now: () => number,
  ) {}

  /** The bot as it appears in `from` of its messages. */
  get botUser(): User {
    return {
      id: this.bot.id,
      is_bot: true,
      first_name: this.bot.first_name,
      username: this.bot.username,
    };
  }

  /** Telegram's `date`: Unix time in seconds. */
  unixTime(): number {
    return Math.floor(this.now() / 1000);
  }

  nextQueryId(): string {
    this.queryCount++;
    return `${this.bot.id}${String(this.queryCount).padStart(9, "0")}`;
  }

  addUser(options: NewUser): UserRecord {
    const id = options.id ?? ++this.lastUserId;
    if (this.users.has(id)) throw new Error(`User ${id} already exists`);
    const user: User = {
      id,
      is_bot: false,
      first_name: options.firstName ?? `User ${id}`,
      ...(options.lastName === undefined ? {} : { last_name: options.lastName }),
      ...(options.username === undefined ? {} : { username: options.username }),
      ...(options.languageCode === undefined ? {} : { language_code: options.languageCode }),
      ...(options.isPremium ? { is_premium: true } : {}),
    };
    const record: UserRecord = {
      user,
      startedBot: options.hasStartedBot ?? false,
      blockedBot: false,
    };
    this.users.set(id, record);
    const chat: Chat.PrivateChat = {
      id,
      type: "private",
      first_name: user.first_name,
      ...(user.last_name === undefined ? {} : { last_name: user.last_name }),
      ...(user.username === undefined ? {} : { username: user.username }),
    };
    const chatRecord = new ChatRecord(chat);
    chatRecord.members.set(id, "member");
    chatRecord.members.set(this.bot.id, "member");
    this.chats.set(id, chatRecord);
    return record;
  }

  addGroup(options: NewGroup): ChatRecord {
    this.groupCount++;
    const supergroup = options.supergroup === true || options.forum === true;
    const chat: Chat = supergroup
      ? {
          id: -1_000_000_000_000 - this.groupCount,
          type: "supergroup",
          title: options.title,
          ...(options.username === undefined ? {} : { username: options.username }),
          ...(options.forum ? { is_forum: true } : {}),
        }
      : { id: -4_000_000_000 - this.groupCount, type: "group", title: options.title };
    const record = new ChatRecord(chat);
    // Message 1 of a group is its creation; in a forum it anchors the General topic (thread 1).
    record.append(
      (messageId) => ({
        message_id: messageId,
        chat,
        date: this.unixTime(),
        ...(supergroup ? { supergroup_chat_created: true } : { group_chat_created: true }),
      }),
      { sentByBot: false },
    );
    record.members.set(this.bot.id, options.botStatus ?? "administrator");
    for (const id of options.memberIds ?? []) record.members.set(id, "member");
    this.chats.set(chat.id, record);
    return record;
  }

  userRecord(id: number): UserRecord {
    const record = this.users.get(id);
    if (record === undefined) throw new Error(`No user ${id} in the emulator`);
    return record;
  }

  chatRecord(id: number): ChatRecord {
    const record = this.chats.get(id);
    if (record === undefined) throw new Error(`No chat ${id} in the emulator`);
    return record;
  }

  /**
   * The chat a Bot API call names, or Telegram's error: "chat not found" for
   * what the bot cannot see, 403 for a chat it cannot write to.
   */
  resolveChat(chatId: number | string | undefined, access: "read" | "write"): ChatRecord {
    if (chatId === undefined) throw badRequest("chat_id is empty");
    const chat =
      typeof chatId === "number"
        ? this.chats.get(chatId)
        : [...this.chats.values()].find(
            (record) => !record.isPrivate && `@${record.chat.username}` === chatId,
          );
    if (chat === undefined) throw badRequest("chat not found");
    if (chat.isPrivate) {
      const user = this.userRecord(chat.id);
      if (!user.startedBot && !user.blockedBot) {
        if (access === "read") throw badRequest("chat not found");
        throw forbidden("bot can't initiate conversation with a user");
      }
      if (user.blockedBot && access === "write") throw forbidden("bot was blocked by the user");
      return chat;
    }
    const status = chat.memberStatus(this.bot.id);
    const kind = chat.chat.type === "supergroup" ? "supergroup chat" : "group chat";
    if (status === "kicked") throw forbidden(`bot was kicked from the ${kind}`);
    if (status === "left") throw forbidden(`bot is not a member of the ${kind}`);
    return chat;
  }

  /** Stores a message and tells waiters; builds the fields every message has. */
  postMessage(
    chat: ChatRecord,
    from: User,
    content: MessageContent,
    placement: Placement = {},
    extras: { sentByBot?: boolean } & Omit<StoredMessage, "message" | "deleted" | "sentByBot"> = {},
  ): StoredMessage {
    const { sentByBot = false, ...rest } = extras;
    const stored = chat.append(
      (messageId) => ({
        message_id: messageId,
        from,
        chat: chat.chat,
        date: this.unixTime(),
        ...threadFields(chat, placement),
        ...content,
      }),
      { sentByBot, ...rest },
    );
    this.changes.notify();
    return stored;
  }

  /** Queues an update for the bot; returns undefined when allowed_updates drops it. */
  queueUpdate(content: UpdateContent) {
    const update = this.updates.push(content);
    this.changes.notify();
    return update;
  }

  /** Queues a message or edited_message update; the bot is never sent channel posts here. */
  queueMessageUpdate(kind: "message" | "edited_message", message: Message) {
    return this.queueUpdate({ [kind]: message } as UpdateContent);
  }

  /**
   * Pushes an update again: with a new update_id (what a bot sees after
   * Telegram re-sends), or `sameId` to put the very update back in the queue
   * as if its offset had never been confirmed.
   */
  redeliver(update: Update, { sameId = false }: { sameId?: boolean } = {}): Update | undefined {
    if (sameId) {
      this.updates.requeue(update);
      this.changes.notify();
      return update;
    }
    const { update_id: _, ...content } = update;
    return this.queueUpdate(content);
  }

  /**
   * Queues an update a test made up, with what Telegram itself vouches for made true: a message in
   * a chat the emulator knows is stored there under the chat's next id; a reply, a topic or a
   * pressed button's message that does not exist in that chat is replaced with one that does (the
   * bot's latest message, for a button) or left out; a query can be answered once.
   */
  forgeUpdate(content: UpdateContent): Update | undefined {
    const real = { ...content };
    if (real.message) real.message = this.storeForged(real.message);
    if (real.edited_message) real.edited_message = this.storeForged(real.edited_message);
    const query = real.callback_query;
    if (query?.message) {
      const chat = this.chats.get(query.message.chat.id);
      const botMessage = (stored: StoredMessage | undefined) =>
        stored?.sentByBot && !stored.deleted;
      const pressed = chat?.find(query.message.message_id);
      const shown = botMessage(pressed) ? pressed : chat?.all().findLast(botMessage);
      const { message: _, ...rest } = query;
      real.callback_query = shown ? { ...rest, message: shown.message } : rest;
    }
    const update = this.queueUpdate(real);
    if (update?.callback_query) {
      this.callbackQueries.set(update.callback_query.id, { query: update.callback_query });
    }
    if (update?.pre_checkout_query) {
      const preCheckout = update.pre_checkout_query;
      this.preCheckoutQueries.set(preCheckout.id, { query: preCheckout, expired: false });
    }
    return update;
  }

  private storeForged<M extends Message>(message: M): M {
    const chat = this.chats.get(message.chat.id);
    if (chat === undefined) return message;
    const { reply_to_message: reply, message_thread_id: threadId, ...rest } = message;
    const repliedTo = reply && chat.find(reply.message_id)?.message;
    const inTopic = threadId !== undefined && chat.topics.has(threadId);
    const stored = chat.append(
      (messageId) =>
        ({
          ...rest,
          message_id: messageId,
          ...(repliedTo ? { reply_to_message: repliedTo } : {}),
          ...(inTopic ? { message_thread_id: threadId, is_topic_message: true } : {}),
        }) as M,
      { sentByBot: false },
    );
    return stored.message as M;
  }

  /**
   * Whether the bot receives a user's message in this chat. Groups follow
   * privacy mode: an administrator bot, or one that reads all group messages,
   * sees everything; otherwise only commands, mentions and replies to it.
   */
  botSees(chat: ChatRecord, message: Message): boolean {
    if (chat.isPrivate || this.bot.can_read_all_group_messages) return true;
    const status = chat.memberStatus(this.bot.id);
    if (status === "administrator" || status === "creator") return true;
    const text = message.text ?? message.caption ?? "";
    const entities = message.entities ?? message.caption_entities ?? [];
    return (
      entities.some((entity) => entity.type === "bot_command") ||
      text.includes(`@${this.bot.username}`) ||
      message.reply_to_message?.from?.id === this.bot.id
    );
  }
}

function threadFields(chat: ChatRecord, { threadId, replyTo }: Placement): Partial<Message> {
  const fields: Partial<Message> = {};
  if (threadId !== undefined) {
    fields.message_thread_id = threadId;
    if (chat.isForum) fields.is_topic_message = true;
  }
  // In a forum topic, a message that replies to nothing replies to the topic's first message.
  const replied =
    replyTo ?? (chat.isForum && threadId !== undefined ? chat.find(threadId) : undefined);
  if (replied !== undefined) {
    fields.reply_to_message = { ...replied.message, reply_to_message: undefined };
  }
  return fields;
}
