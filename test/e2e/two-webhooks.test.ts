// Two webhook instances behind one URL on one PostgreSQL and one Redis, as a deployment runs them:
// a round-robin load balancer spreads Telegram's (the emulator's) posts over both, so the next
// update of a chat reaches the other instance while the previous one may still be handled. Each
// chat's updates are handled in order all the same, none lost, none twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../bot/app.ts";
import type { UserDriver } from "../emulator/driver/user-driver.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { startTwoInstances, type TwoInstances } from "../support/two-instances.ts";

const chats = 50;
const updatesPerChat = 20;

describe.skipIf(noPostgres || noRedis)("two webhook instances behind one URL", () => {
  let instances: TwoInstances;

  beforeAll(async () => {
    instances = await startTwoInstances({
      // Not what this test is about: replies at the pace of the updates.
      TELEGRAM_GLOBAL_PER_SECOND: "10000",
      TELEGRAM_CHAT_INTERVAL_MS: "1",
    });
  }, 30_000);
  afterAll(() => instances?.stop());

  const handledBy = async (app: RunningApp) => {
    const text = await (await fetch(`http://127.0.0.1:${app.opsPort}/metrics`)).text();
    return text
      .split("\n")
      .filter((row) => row.startsWith('kaspnet_updates_total{kind="message",'))
      .reduce((sum, row) => sum + Number(row.split(" ")[1]), 0);
  };

  it(`handles ${chats * updatesPerChat} updates from ${chats} chats in each chat's order, each once`, async () => {
    const { balancer, first, second } = instances;
    const { emulator, database } = first;
    const users: UserDriver[] = Array.from({ length: chats }, (_, i) =>
      emulator.user({ firstName: `Абонент ${i + 1}`, languageCode: "ru" }),
    );
    // All queued at once: the emulator posts up to 40 at a time, one per chat in flight, the next
    // of a chat as soon as the previous one got its 200.
    for (let n = 1; n <= updatesPerChat; n++) {
      for (const user of users) await user.send(`№${n}`);
    }

    const expected = Array.from({ length: updatesPerChat }, (_, i) => `№${i + 1}`);
    for (const user of users) {
      await user.waitFor(() => user.messages().length >= updatesPerChat, { timeoutMs: 60_000 });
    }
    for (const user of users) {
      const replies = user.messages();
      // The fallback quotes the message it answers: the replies follow the chat's own order.
      expect(replies.map((reply) => reply.reply_to_message?.text)).toEqual(expected);
      expect(replies.every((reply) => reply.text?.startsWith("Не понял"))).toBe(true);
    }

    // An update is marked handled after its reply went out.
    const rows = await users[0]?.waitFor(async () => {
      const all = await database.prisma.inboundUpdate.findMany({
        select: { handledAt: true, attempts: true },
      });
      return all.every((row) => row.handledAt !== null) && all;
    });
    expect(rows).toHaveLength(chats * updatesPerChat);
    // Taken once each: none handled twice, by either instance.
    expect(rows?.filter((row) => row.attempts !== 1)).toEqual([]);
    const sent = emulator.calls.filter((call) => call.method === "sendMessage");
    expect(sent).toHaveLength(chats * updatesPerChat);

    // Both instances received and handled a share (whoever holds a chat takes its updates).
    expect(balancer.forwarded.every((count) => count >= (chats * updatesPerChat) / 4)).toBe(true);
    const handled = [await handledBy(first.app), await handledBy(second)] as const;
    expect(handled[0] + handled[1]).toBe(chats * updatesPerChat);
    expect(handled.every((count) => count > 0)).toBe(true);
  }, 120_000);
});
