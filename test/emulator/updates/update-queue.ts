import type { Update } from "grammy/types";
import { type BotApiError, conflict } from "../api-error.ts";

export type UpdateType = Exclude<keyof Update, "update_id">;
/** An update before it gets its id. */
export type UpdateContent = Omit<Update, "update_id">;

/** What an empty or absent allowed_updates list leaves out. */
const EXCLUDED_BY_DEFAULT: ReadonlySet<string> = new Set([
  "chat_member",
  "message_reaction",
  "message_reaction_count",
]);

export function updateTypeOf(update: UpdateContent): UpdateType {
  const type = Object.keys(update).find((key) => key !== "update_id");
  if (type === undefined) throw new Error("An update needs content");
  return type as UpdateType;
}

export interface PollRequest {
  offset?: number;
  limit?: number;
  timeoutSeconds?: number;
  allowedUpdates?: string[];
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

interface PendingPoll {
  finish(result: Update[] | BotApiError): void;
}

/**
 * The bot's update queue with getUpdates semantics: updates stay until an
 * offset confirms them, one long poll at a time, allowed_updates filtering
 * as Telegram does it (at creation: an unwanted update is never made).
 */
export class UpdateQueue {
  private pending: Update[] = [];
  private lastId = 0;
  private allowed: ReadonlySet<string> | undefined;
  private poll: PendingPoll | undefined;
  private readonly pushListeners = new Set<() => void>();
  /** Every update ever queued, in order, for redelivery and debugging. */
  readonly history: Update[] = [];

  /** Queues an update; returns undefined when allowed_updates filters it out. */
  push(content: UpdateContent): Update | undefined {
    if (!this.isAllowed(updateTypeOf(content))) return undefined;
    this.lastId++;
    const update: Update = { update_id: this.lastId, ...content };
    this.pending.push(update);
    this.history.push(update);
    this.notifyPush();
    return update;
  }

  /** Puts an update back under its own id, as Telegram does with one it has not seen confirmed. */
  requeue(update: Update): void {
    if (this.pending.some((queued) => queued.update_id === update.update_id)) return;
    this.pending.push(update);
    this.pending.sort((a, b) => a.update_id - b.update_id);
    this.notifyPush();
  }

  isAllowed(type: UpdateType): boolean {
    return this.allowed === undefined ? !EXCLUDED_BY_DEFAULT.has(type) : this.allowed.has(type);
  }

  /** Sets allowed_updates; an empty list restores the default, undefined keeps the current one. */
  setAllowedUpdates(types: string[] | undefined): void {
    if (types === undefined) return;
    this.allowed = types.length === 0 ? undefined : new Set(types);
  }

  get allowedUpdates(): UpdateType[] | undefined {
    return this.allowed === undefined ? undefined : ([...this.allowed] as UpdateType[]);
  }

  get size(): number {
    return this.pending.length;
  }

  /** The updates not yet confirmed (polling) or delivered (webhook), oldest first. */
  peek(): readonly Update[] {
    return this.pending;
  }

  remove(update: Update): void {
    this.pending = this.pending.filter((queued) => queued !== update);
  }

  clear(): void {
    this.pending = [];
  }

  onPush(listener: () => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  /**
   * Handles getUpdates: confirms by offset, then answers at once if updates
   * are waiting, or holds the request up to `timeoutSeconds` for the next one.
   * A newer poll ends an older one with 409.
   */
  getUpdates({
    offset = 0,
    limit = 100,
    timeoutSeconds = 0,
    allowedUpdates,
    signal,
  }: PollRequest): Promise<Update[]> {
    this.poll?.finish(
      conflict(
        "terminated by other getUpdates request; make sure that only one bot instance is running",
      ),
    );
    this.setAllowedUpdates(allowedUpdates);
    this.confirm(offset);
    const count = limit < 1 || limit > 100 ? 100 : limit;
    if (this.pending.length > 0 || timeoutSeconds <= 0) {
      return Promise.resolve(this.pending.slice(0, count));
    }
    return new Promise<Update[]>((resolve, reject) => {
      const finish = (result: Update[] | BotApiError) => {
        if (this.poll !== poll) return;
        this.poll = undefined;
        clearTimeout(timer);
        unsubscribe();
        signal.removeEventListener("abort", onAbort);
        if (Array.isArray(result)) resolve(result);
        else reject(result);
      };
      const poll: PendingPoll = { finish };
      const onAbort = () => finish([]);
      const unsubscribe = this.onPush(() => finish(this.pending.slice(0, count)));
      const timer = setTimeout(() => finish([]), timeoutSeconds * 1000);
      signal.addEventListener("abort", onAbort);
      this.poll = poll;
    });
  }

  /** Ends a waiting long poll, empty-handed (stop) or with an error (webhook set). */
  endPoll(error?: BotApiError): void {
    this.poll?.finish(error ?? []);
  }

  private confirm(offset: number): void {
    if (offset > 0) this.pending = this.pending.filter((update) => update.update_id >= offset);
    else if (offset < 0) this.pending = this.pending.slice(offset);
  }

  private notifyPush(): void {
    for (const listener of [...this.pushListeners]) listener();
  }
}
