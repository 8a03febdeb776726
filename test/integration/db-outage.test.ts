// Which errors say PostgreSQL is unreachable, over the errors a real failure throws: a client
// whose connections go through a proxy the test cuts, and a backend the server terminates.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPostgres, type Database } from "../../core/db.ts";
import { isDatabaseUnreachable } from "../../core/db-outage.ts";
import { Outages } from "../../core/outages.ts";
import { captureLogs } from "../support/captured-logger.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { noPostgres } from "../support/require-services.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";

const sleepInFlight = "SELECT pg_sleep(5) -- cut in flight";
const sleepTerminated = "SELECT pg_sleep(5) -- terminated";

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("the query succeeded"),
    (error: unknown) => error,
  );

describe.skipIf(noPostgres)("isDatabaseUnreachable", () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let viaProxy: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
    viaProxy = connectPostgres(proxy.via(database.url));
  });
  afterAll(async () => {
    await proxy.restore();
    await viaProxy.close();
    await proxy.close();
    await database.drop();
  });

  it("recognises what a cut connection throws, to queries and transactions alike", async () => {
    const { prisma } = viaProxy;
    await prisma.tariff.count();
    await proxy.cut();
    const errors = [
      // The first query finds the pooled connection gone, later ones cannot connect.
      await failure(prisma.tariff.count()),
      await failure(prisma.tariff.count()),
      await failure(prisma.$queryRaw`SELECT 1`),
      await failure(prisma.$transaction(async (tx) => tx.tariff.count())),
    ];
    await proxy.restore();
    const inFlight = failure(prisma.$queryRawUnsafe(sleepInFlight));
    await expect.poll(() => backendsRunning(database, sleepInFlight)).toBe(1);
    await proxy.cut();
    errors.push(await inFlight);
    await proxy.restore();

    expect(errors.map((error) => (error as { code?: string }).code)).toContain("P1001");
    for (const error of errors) expect(isDatabaseUnreachable(error)).toBe(true);
  });

  it("notices idle connections dropping, and that the server is back by probing", async () => {
    const logs = captureLogs();
    const outages = new Outages(logs.logger);
    const watched = connectPostgres(proxy.via(database.url), outages);
    const said = (msg: string) => logs.entries().filter((entry) => entry.msg === msg);
    try {
      await watched.prisma.tariff.count();
      await proxy.cut();
      // The probe runs on its own clock: under a loaded machine, give it a few rounds.
      await expect.poll(() => said("postgresql unavailable"), { timeout: 10_000 }).toHaveLength(1);
      expect(outages.current()).toEqual(["postgresql"]);
      await proxy.restore();
      await expect
        .poll(() => said("postgresql available again"), { timeout: 10_000 })
        .toHaveLength(1);
      expect(outages.current()).toEqual([]);
      expect(said("postgresql unavailable")).toHaveLength(1);
    } finally {
      outages.stop();
      await watched.close();
    }
  });

  it("recognises the server terminating the connection (57P01)", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    client.on("error", () => {});
    const sleeping = failure(client.query(sleepTerminated));
    await expect.poll(() => backendsRunning(database, sleepTerminated)).toBe(1);
    await database.prisma.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE query = ${sleepTerminated} AND datname = current_database()`;
    const error = await sleeping;
    await client.end().catch(() => {});
    expect(error).toMatchObject({ code: "57P01" });
    expect(isDatabaseUnreachable(error)).toBe(true);
  });

  it("does not take a fault of the query or the data for an outage", async () => {
    const { prisma } = database;
    const tariff = {
      code: "outage-test",
      name: "Тест",
      kind: "INTERNET",
      monthlyFee: 100,
    } as const;
    await prisma.tariff.create({ data: tariff });
    const errors = [
      await failure(prisma.tariff.create({ data: tariff })),
      await failure(prisma.$queryRaw`SELECT * FROM "NoSuchTable"`),
      await failure(prisma.$queryRaw`SELECT 1/0`),
      new Error("something else"),
    ];
    for (const error of errors) expect(isDatabaseUnreachable(error)).toBe(false);
  });
});

async function backendsRunning(database: TestDatabase, query: string): Promise<number> {
  const rows = await database.prisma.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) FROM pg_stat_activity WHERE query = ${query} AND datname = current_database()`;
  return Number(rows[0]?.count ?? 0);
}
