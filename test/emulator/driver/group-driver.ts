import type { Chat, ForumTopic } from "grammy/types";
import type { MemberStatus } from "../state/chat.ts";
import type { World } from "../state/world.ts";
import { ChatView } from "./chat-view.ts";

/** A forum topic as a test sees it. */
export type TopicView = ForumTopic & { readonly closed: boolean };

/** A group or supergroup in the emulator; users write in it through their `UserDriver`. */
export class GroupDriver extends ChatView {
  constructor(
    world: World,
    chatId: number,
    defaultTimeoutMs: () => number,
    private readonly setStatus: (userId: number, status: MemberStatus) => void,
  ) {
    super(world, chatId, defaultTimeoutMs);
  }

  get id(): number {
    return this.chatId;
  }

  get chat(): Chat {
    return this.record.chat;
  }

  /** The forum's topics, oldest first. */
  topics(): TopicView[] {
    return [...this.record.topics.values()].map(({ topic, closed }) => ({ ...topic, closed }));
  }

  /** The topic with this name (the latest, if names repeat). */
  topic(name: string): TopicView | undefined {
    return this.topics().findLast((topic) => topic.name === name);
  }

  memberStatus(userId: number): MemberStatus {
    return this.record.memberStatus(userId);
  }

  /** Changes a member's status, as `BotApiEmulator.setMemberStatus` does. */
  setMemberStatus(userId: number, status: MemberStatus): void {
    this.setStatus(userId, status);
  }
}
