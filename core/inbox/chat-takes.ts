// Takes the next update of the chats a webhook instance holds as a group commit (grouped-calls.ts):
// those asked for while a take is on the way go together in the next statement
// (claimNextOfChats), one row per chat, so the drains of different chats share their takes.
import type { Db } from "../db.ts";
import { GroupedCalls } from "./grouped-calls.ts";
import { type ClaimedUpdate, claimNextOfChats, type InboundUpdate } from "./update-inbox.ts";

export class ChatTakes<U extends InboundUpdate> {
  private readonly takes: GroupedCalls<string, ClaimedUpdate<U> | undefined>;

  constructor(db: Db, staleAfterMs: number) {
    this.takes = new GroupedCalls(
      async (chatKeys) => {
        const taken = await claimNextOfChats<U>(db, chatKeys, staleAfterMs);
        return chatKeys.map((chatKey) => taken.get(chatKey));
      },
      // One take per chat in a statement; a second one for the same chat waits for the next.
      (chatKey) => chatKey,
    );
  }

  /** The chat's oldest update nobody holds, taken; undefined when it has none. */
  take(chatKey: string): Promise<ClaimedUpdate<U> | undefined> {
    return this.takes.call(chatKey);
  }
}
