// A webhook instance asks its chat's lock before every take but the first after taking it; one
// that loses the lock mid-drain (the lease ran out, Redis restarted) takes nothing more until it
// holds the lock again, then goes on in the chat's order.
import { Bot } from "grammy";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotContext } from "../../bot/context.ts";
import { UpdateInbox } from "../../bot/update-inbox.ts";
import type { ChatLock } from "../../core/inbox/chat-lock.ts";
import { captureLogs } from "../support/captured-logger.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { noPostgres } from "../support/require-services.ts";

const chat = { id: 9, type: "private" as const, first_name: "Патимат" };
const text = (updateId: number): Update => ({
  update_id: updateId,
  message: { message_id: updateId, date: 0, chat, from: { ...chat, is_bot: false }, text: "hi" },
});

/** The chat lock of this test: held, except that its answers to stillHeld() are scripted. */
function scriptedLock(stillHeldAnswers: boolean[]) {
  const asked: boolean[] = [];
  let acquired = 0;
  const lock: ChatLock = {
    async acquire() {
      acquired++;
      return {
        async stillHeld() {
          const answer = stillHeldAnswers.shift() ?? true;
          asked.push(answer);
          return answer;
        },
        async release() {},
      };
    },
  };
  return { lock, asked, acquired: () => acquired };
}

describe.skipIf(noPostgres)("the inbox under a chat lock", () => {
  let database: TestDatabase;
  const logs = captureLogs();
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  function inboxWith(lock: ChatLock) {
    const bot = new Bot<BotContext>("1:test", {
      botInfo: { id: 1, is_bot: true, first_name: "Kaspnet", username: "kaspnet_bot" } as never,
    });
    const handled: number[] = [];
    bot.on("message", (ctx) => void handled.push(ctx.update.update_id));
    return { inbox: new UpdateInbox(bot, database.prisma, logs.logger, undefined, lock), handled };
  }

  it("asks the lock before every take but the first after taking it", async () => {
    const { lock, asked, acquired } = scriptedLock([]);
    const { inbox, handled } = inboxWith(lock);
    const batch = [text(1), text(2), text(3)];
    const { fresh } = await inbox.accept(batch);
    await Promise.all(fresh.map((update) => inbox.handle(update)));
    expect(handled).toEqual([1, 2, 3]);
    // Before the second and third take, and before the one that found the chat empty.
    expect(asked).toEqual([true, true, true]);
    // Each update received queues a drain of its chat: the first took all three, the others found
    // the chat empty at their first take (and asked nothing).
    expect(acquired()).toBe(3);
  });

  it("takes nothing once the lock is lost, and handles the rest once, in order, after taking it again", async () => {
    const { lock, asked, acquired } = scriptedLock([false]);
    const { inbox, handled } = inboxWith(lock);
    const batch = [text(11), text(12), text(13)];
    const { fresh } = await inbox.accept(batch);
    await Promise.all(fresh.map((update) => inbox.handle(update)));

    expect(handled).toEqual([11, 12, 13]);
    expect(asked).toEqual([false, true, true]);
    // The first drain took it twice; the two drains queued behind it once each.
    expect(acquired()).toBe(4);
    const rows = await database.prisma.inboundUpdate.findMany({
      where: { updateId: { in: [11, 12, 13] } },
      orderBy: { updateId: "asc" },
      select: { attempts: true, handledAt: true },
    });
    // Nothing was taken while the lock was lost.
    expect(rows.map((row) => row.attempts)).toEqual([1, 1, 1]);
    expect(rows.every((row) => row.handledAt !== null)).toBe(true);
    expect(logs.entries().some((entry) => String(entry.msg).includes("chat lock lost"))).toBe(true);
  });
});
