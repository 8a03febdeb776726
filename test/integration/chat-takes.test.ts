// Taking the next update of several chats in one statement (webhook instances under the chat lock).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../core/db.ts";
import { ChatTakes } from "../../core/inbox/chat-takes.ts";
import {
  claimNextOfChats,
  type InboundUpdate,
  releaseClaims,
  storeUpdates,
} from "../../core/inbox/update-inbox.ts";
import { type CountedDatabase, startCountedDatabase } from "../support/counted-database.ts";
import type { TestDatabase } from "../support/database.ts";
import { noPostgres } from "../support/require-services.ts";
import type { SqlCounter } from "../support/sql-counter.ts";

interface ChatUpdate extends InboundUpdate {
  chat: string;
}

const lease = 60_000;

describe.skipIf(noPostgres)("taking chats' next updates", () => {
  let setup: CountedDatabase;
  let database: TestDatabase;
  let counter: SqlCounter;
  let counted: Database;
  beforeAll(async () => {
    setup = await startCountedDatabase();
    ({ database, counter, counted } = setup);
  });
  afterAll(() => setup?.close());

  /** Stores untaken updates, as a webhook instance does, each with its chat's key. */
  const store = (updates: ChatUpdate[]) =>
    storeUpdates(database.prisma, updates, {
      chatKeyOf: (update) => (update as ChatUpdate).chat,
      taken: false,
    });
  const ids = (taken: Map<string, { update: InboundUpdate }>) =>
    Object.fromEntries([...taken].map(([chat, { update }]) => [chat, update.update_id]));

  it("takes each chat's oldest untaken update, leaves out a chat with none, and takes a given-back one again", async () => {
    await store([
      { update_id: 1, chat: "a" },
      { update_id: 2, chat: "a" },
      { update_id: 3, chat: "b" },
    ]);
    const first = await claimNextOfChats(database.prisma, ["a", "b", "c"], lease);
    expect(ids(first)).toEqual({ a: 1, b: 3 });
    expect([...first.values()].map((taken) => taken.attempts)).toEqual([1, 1]);
    expect(ids(await claimNextOfChats(database.prisma, ["a", "b"], lease))).toEqual({ a: 2 });
    expect(ids(await claimNextOfChats(database.prisma, ["a", "b"], lease))).toEqual({});

    await releaseClaims(database.prisma, [3]);
    expect(ids(await claimNextOfChats(database.prisma, ["b"], lease))).toEqual({ b: 3 });
  });

  it("takes for many chats at once in two statements: the first alone, then the rest together", async () => {
    const chats = Array.from({ length: 10 }, (_, i) => `many-${i}`);
    await store(chats.map((chat, i) => ({ update_id: 100 + i, chat })));
    const takes = new ChatTakes<ChatUpdate>(counted.prisma, lease);
    const before = counter.statements().length;
    const taken = await Promise.all(chats.map((chat) => takes.take(chat)));
    expect(taken.map((one) => one?.update.update_id)).toEqual(chats.map((_, i) => 100 + i));
    expect(counter.statements().length - before).toBe(2);
  });

  it("takes for one chat asked twice at once one update after the other", async () => {
    await store([
      { update_id: 200, chat: "twice" },
      { update_id: 201, chat: "twice" },
    ]);
    const takes = new ChatTakes<ChatUpdate>(counted.prisma, lease);
    const [first, second, third] = await Promise.all([
      takes.take("twice"),
      takes.take("twice"),
      takes.take("twice"),
    ]);
    expect([first, second, third].map((one) => one?.update.update_id)).toEqual([
      200,
      201,
      undefined,
    ]);
  });
});
