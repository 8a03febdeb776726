// What the inbox lets through while PostgreSQL is unreachable: everything but a payment and what
// comes after it, which wait (unconfirmed) for the database.
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotContext } from "../../bot/context.ts";
import { UpdateInbox } from "../../bot/update-inbox.ts";
import { connectPostgres, type Database } from "../../core/db.ts";
import { Outages } from "../../core/outages.ts";
import { captureLogs } from "../support/captured-logger.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { noPostgres } from "../support/require-services.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";

const chat = { id: 7, type: "private" as const, first_name: "Аминат" };
const from = { id: 7, is_bot: false, first_name: "Аминат" };
const text = (updateId: number): Update => ({
  update_id: updateId,
  message: { message_id: updateId, date: 0, chat, from, text: "/start" },
});
const payment = (updateId: number): Update => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: 0,
    chat,
    from,
    successful_payment: {
      currency: "RUB",
      total_amount: 50_000,
      invoice_payload: "payload",
      telegram_payment_charge_id: `charge-${updateId}`,
      provider_payment_charge_id: `provider-${updateId}`,
    },
  },
});

describe.skipIf(noPostgres)("the inbox during a PostgreSQL outage", () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let viaProxy: Database;
  const logs = captureLogs();
  const outages = new Outages(logs.logger);
  let inbox: UpdateInbox;
  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
    viaProxy = connectPostgres(proxy.via(database.url));
    // accept() never hands anything to the bot.
    inbox = new UpdateInbox({} as Bot<BotContext>, viaProxy.prisma, logs.logger, outages);
  });
  afterAll(async () => {
    outages.stop();
    await proxy.restore();
    await viaProxy.close();
    await proxy.close();
    await database.drop();
  });

  it("stores and accepts everything while the database is up", async () => {
    const batch = [text(1), payment(2)];
    expect(await inbox.accept(batch)).toEqual({ confirmed: batch, fresh: batch });
    expect(await database.prisma.inboundUpdate.count()).toBe(2);
    // Sent again (by a process that died before confirming them): confirmed, not handled again.
    expect(await inbox.accept(batch)).toEqual({ confirmed: batch, fresh: [] });
  });

  it("accepts unstored the updates before the first payment, and says once what is down", async () => {
    await proxy.cut();
    const unstored = (updates: unknown[]) => ({ confirmed: updates, fresh: updates });
    expect(await inbox.accept([text(3), text(4), payment(5), text(6)])).toEqual(
      unstored([text(3), text(4)]),
    );
    expect(await inbox.accept([payment(5), text(6)])).toEqual(unstored([]));
    expect(await inbox.accept([text(6)])).toEqual(unstored([text(6)]));

    expect(outages.current()).toEqual(["postgresql"]);
    const errors = logs.entries().filter((entry) => Number(entry.level) >= 40);
    expect(errors.map((entry) => entry.msg)).toEqual(["postgresql unavailable"]);
    expect(await database.prisma.inboundUpdate.count()).toBe(2);
  });
});
