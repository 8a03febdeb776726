// Where a prospect's unfinished request waits for them: per Telegram user, for 30 days.
import type { Redis } from "../redis.ts";
import { type RequestDraft, requestDraft } from "./draft.ts";
import { expiringStore } from "./expiring-store.ts";

const keepSeconds = 30 * 24 * 60 * 60;

export interface DraftStore {
  /** The user's draft; one that no longer reads as a draft is dropped. */
  load(telegramUserId: number): Promise<RequestDraft | undefined>;
  save(telegramUserId: number, draft: RequestDraft): Promise<void>;
  clear(telegramUserId: number): Promise<void>;
}

export function draftStore(redis: Redis | undefined): DraftStore {
  const store = expiringStore<unknown>(redis, "connect-draft:");
  return {
    async load(telegramUserId) {
      const stored = await store.get(String(telegramUserId));
      if (stored === undefined) return undefined;
      const parsed = requestDraft.safeParse(stored);
      return parsed.success ? parsed.data : undefined;
    },
    save: (telegramUserId, draft) => store.set(String(telegramUserId), draft, keepSeconds),
    clear: (telegramUserId) => store.delete(String(telegramUserId)),
  };
}
