// Marks of finished updates go together while one UPDATE is on its way (a group commit).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPostgres, type Database } from "../../core/db.ts";
import { HandledMarks } from "../../core/inbox/handled-marks.ts";
import { storeUpdates } from "../../core/inbox/update-inbox.ts";
import { type CountedDatabase, startCountedDatabase } from "../support/counted-database.ts";
import type { TestDatabase } from "../support/database.ts";
import { noPostgres } from "../support/require-services.ts";
import type { SqlCounter } from "../support/sql-counter.ts";
import { startTcpProxy } from "../support/tcp-proxy.ts";

const updates = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => ({ update_id: from + index }));

describe.skipIf(noPostgres)("marking updates handled", () => {
  let setup: CountedDatabase;
  let database: TestDatabase;
  let counter: SqlCounter;
  let counted: Database;
  beforeAll(async () => {
    setup = await startCountedDatabase();
    ({ database, counter, counted } = setup);
  });
  afterAll(() => setup?.close());

  const unhandled = (ids: number[]) =>
    database.prisma.inboundUpdate.count({ where: { updateId: { in: ids }, handledAt: null } });
  const markStatements = () =>
    counter.statements().filter((sql) => sql.startsWith('UPDATE "public"."InboundUpdate"')).length;

  it("marks one update at once, alone", async () => {
    await storeUpdates(database.prisma, updates(1, 1));
    const before = markStatements();
    await new HandledMarks(counted.prisma).mark(1);
    expect(await unhandled([1])).toBe(0);
    expect(markStatements() - before).toBe(1);
  });

  it("marks fifty updates finished together in two statements: the first, then the rest", async () => {
    const batch = updates(100, 50);
    await storeUpdates(database.prisma, batch);
    const marks = new HandledMarks(counted.prisma);
    const before = markStatements();
    await Promise.all(batch.map((update) => marks.mark(update.update_id)));
    expect(await unhandled(batch.map((update) => update.update_id))).toBe(0);
    expect(markStatements() - before).toBe(2);
  });

  it("rejects every mark of a batch whose UPDATE failed, and marks the next batch again", async () => {
    await storeUpdates(database.prisma, updates(200, 3));
    const proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
    const viaProxy = connectPostgres(proxy.via(database.url));
    try {
      const marks = new HandledMarks(viaProxy.prisma);
      await proxy.cut();
      const results = await Promise.allSettled([200, 201].map((id) => marks.mark(id)));
      expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
      expect(await unhandled([200, 201])).toBe(2);

      await proxy.restore();
      await marks.mark(202);
      expect(await unhandled([200, 201, 202])).toBe(2);
    } finally {
      await viaProxy.close();
      await proxy.close();
    }
  });
});
