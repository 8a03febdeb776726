// The chat's stored updates between two update ids (what the lost password step reads to tell
// whether the user moved on): that chat's only, both ends left out, oldest first, bounded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chatUpdatesBetween,
  type InboundUpdate,
  markHandled,
  storeUpdates,
} from "../../core/inbox/update-inbox.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { noPostgres } from "../support/require-services.ts";

interface ChatUpdate extends InboundUpdate {
  chat: string;
}

describe.skipIf(noPostgres)("chatUpdatesBetween", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const updates: ChatUpdate[] = [10, 11, 12, 13, 14, 15, 16].map((id) => ({
      update_id: id,
      chat: id % 2 === 0 ? "7" : "8",
    }));
    await storeUpdates(db.prisma, updates, {
      chatKeyOf: (update) => (update as ChatUpdate).chat,
    });
    await markHandled(db.prisma, [12]);
  });
  afterAll(() => db?.drop());

  const idsBetween = async (chatKey: string, after: number, before: number, limit = 100) =>
    (await chatUpdatesBetween<ChatUpdate>(db.prisma, { chatKey, after, before, limit })).map(
      (update) => update.update_id,
    );

  it("returns the chat's updates strictly between the two ids, handled or not, oldest first", async () => {
    expect(await idsBetween("7", 10, 16)).toEqual([12, 14]);
    expect(await idsBetween("8", 10, 16)).toEqual([11, 13, 15]);
    expect(await idsBetween("7", 14, 16)).toEqual([]);
    expect(await idsBetween("9", 0, 100)).toEqual([]);
  });

  it("returns at most `limit` of them, the oldest", async () => {
    expect(await idsBetween("8", 0, 100, 2)).toEqual([11, 13]);
  });

  it("gives back the payload as stored", async () => {
    expect(
      await chatUpdatesBetween(db.prisma, { chatKey: "7", after: 11, before: 13, limit: 1 }),
    ).toEqual([{ update_id: 12, chat: "7" }]);
  });
});
