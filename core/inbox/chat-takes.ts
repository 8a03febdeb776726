// Takes the next update of many chats in as few statements as the load allows, as handled-marks.ts
// marks them: the first take goes at once, alone; those asked for while its statement is on the
// way go together in the next (claimNextOfChats), one row per chat. Several webhook instances'
// drains of different chats thus share their takes.
import type { Db } from "../db.ts";
import { type ClaimedUpdate, claimNextOfChats, type InboundUpdate } from "./update-inbox.ts";

interface Waiting<U extends InboundUpdate> {
  chatKey: string;
  settle: (taken: ClaimedUpdate<U> | undefined, error?: unknown) => void;
}

export class ChatTakes<U extends InboundUpdate> {
  private waiting: Waiting<U>[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly staleAfterMs: number,
  ) {}

  /** The chat's oldest update nobody holds, taken; undefined when it has none. */
  take(chatKey: string): Promise<ClaimedUpdate<U> | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting.push({
        chatKey,
        settle: (taken, error) => (error ? reject(error) : resolve(taken)),
      });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      // One take per chat in a statement; a second one for the same chat waits for the next.
      const batch = new Map<string, Waiting<U>>();
      const later: Waiting<U>[] = [];
      for (const one of this.waiting) {
        if (batch.has(one.chatKey)) later.push(one);
        else batch.set(one.chatKey, one);
      }
      this.waiting = later;
      try {
        const taken = await claimNextOfChats<U>(this.db, [...batch.keys()], this.staleAfterMs);
        for (const [chatKey, one] of batch) one.settle(taken.get(chatKey));
      } catch (error) {
        for (const one of batch.values())
          one.settle(undefined, error ?? new Error("taking updates failed"));
      }
    }
    this.flushing = false;
  }
}
