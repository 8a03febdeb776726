import type {
  Chat,
  ForceReply,
  ForumTopic,
  InlineKeyboardMarkup,
  Message,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from "grammy/types";

export type ReplyMarkup =
  | InlineKeyboardMarkup
  | ReplyKeyboardMarkup
  | ReplyKeyboardRemove
  | ForceReply;

export type MemberStatus =
  | "creator"
  | "administrator"
  | "member"
  | "restricted"
  | "left"
  | "kicked";

/** What `sendInvoice` asked of the payer, kept for the driver's `pay`. */
export interface InvoiceTerms {
  readonly payload: string;
  readonly needName: boolean;
  readonly needEmail: boolean;
  readonly needPhoneNumber: boolean;
  readonly needShippingAddress: boolean;
  readonly isFlexible: boolean;
}

/** One message as the emulator keeps it; `message` is always the current version. */
export interface StoredMessage {
  message: Message;
  deleted: boolean;
  /** The markup as sent: reply keyboards are not part of the Bot API's Message object. */
  replyMarkup?: ReplyMarkup;
  invoice?: InvoiceTerms;
  paid?: boolean;
  /** Whether a bot sent it through a send method (not a service message, not a user's). */
  readonly sentByBot: boolean;
}

export interface TopicRecord {
  topic: ForumTopic;
  closed: boolean;
}

export interface ChatAction {
  readonly action: string;
  readonly threadId?: number;
  readonly time: number;
}

/** A chat's state: its messages (ids count from 1), topics, members, reply keyboard. */
export class ChatRecord {
  private lastMessageId = 0;
  private readonly messages = new Map<number, StoredMessage>();
  readonly topics = new Map<number, TopicRecord>();
  readonly members = new Map<number, MemberStatus>();
  readonly actions: ChatAction[] = [];
  /** The reply keyboard a user of this chat currently sees, if any. */
  replyKeyboard?: ReplyKeyboardMarkup;
  description?: string;
  pinnedMessageId?: number;

  constructor(readonly chat: Chat) {}

  get id(): number {
    return this.chat.id;
  }

  get isPrivate(): boolean {
    return this.chat.type === "private";
  }

  get isForum(): boolean {
    return this.chat.type === "supergroup" && this.chat.is_forum === true;
  }

  /** Stores a message built around the next message id. */
  append(
    build: (messageId: number) => Message,
    extras: Omit<StoredMessage, "message" | "deleted">,
  ): StoredMessage {
    this.lastMessageId++;
    const stored: StoredMessage = { message: build(this.lastMessageId), deleted: false, ...extras };
    this.messages.set(this.lastMessageId, stored);
    return stored;
  }

  /** A message that exists and was not deleted. */
  find(messageId: number): StoredMessage | undefined {
    const stored = this.messages.get(messageId);
    return stored?.deleted === false ? stored : undefined;
  }

  /** Every message ever stored, deleted ones included, in the order they were sent. */
  all(): StoredMessage[] {
    return [...this.messages.values()];
  }

  memberStatus(userId: number): MemberStatus {
    return this.members.get(userId) ?? "left";
  }
}
