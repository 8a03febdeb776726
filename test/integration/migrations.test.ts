// The migrations folder applies to PostgreSQL and to the embedded PGlite, recorded as
// `prisma migrate deploy` records them; this guards an upgrade of the pinned wasm engine.
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../core/accounts/password.ts";
import { openEmbedded } from "../../core/db.ts";
import { migratePostgres, migrationsDir } from "../../core/migrations.ts";
import { demoAccounts, demoPassword, demoTariffs, seedDemoData } from "../../prisma/seed.ts";
import { noPostgres } from "../support/require-services.ts";
import { adminDatabaseUrl, databaseUrl } from "../support/services.ts";

const migrationNames = async () =>
  (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe.skipIf(noPostgres)("migrations on PostgreSQL", () => {
  const name = `kaspnet_test_migrate_${process.pid}`;
  const admin = (sql: string) =>
    (async () => {
      const client = new pg.Client({ connectionString: adminDatabaseUrl });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    })();

  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it("migrate an empty database from zero, once", async () => {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${name}`);
    const url = databaseUrl(name);

    expect(await migratePostgres(url)).toEqual(await migrationNames());
    expect(await migratePostgres(url)).toEqual([]);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const history = await client.query(
        "select migration_name, finished_at, rolled_back_at from _prisma_migrations order by migration_name",
      );
      expect(history.rows.map((row) => row.migration_name)).toEqual(await migrationNames());
      for (const row of history.rows) {
        expect(row.finished_at).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
      }
      const tables = await client.query(
        "select table_name from information_schema.tables where table_schema = 'public'",
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual(
        expect.arrayContaining([
          "Account",
          "LedgerEntry",
          "Payment",
          "TelegramUser",
          "Notification",
        ]),
      );
    } finally {
      await client.end();
    }
  });
});

describe("the embedded PGlite database", () => {
  let dataDir: string;
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("is created, migrated and seeded on first open, and kept on the next", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "kaspnet-pglite-"));
    const first = await openEmbedded(dataDir, { onCreate: seedDemoData });
    try {
      expect(first.created).toBe(true);
      expect(await first.prisma.tariff.count()).toBe(demoTariffs.length);
      const account = await first.prisma.account.findUniqueOrThrow({ where: { login: "10001" } });
      expect(await verifyPassword(demoPassword, account.passwordHash)).toBe(true);
      await first.prisma.account.update({
        where: { login: "10001" },
        data: { email: "kept@example.ru" },
      });
    } finally {
      await first.close();
    }

    const second = await openEmbedded(dataDir, { onCreate: seedDemoData });
    try {
      expect(second.created).toBe(false);
      expect(await second.prisma.account.count()).toBe(demoAccounts.length);
      const account = await second.prisma.account.findUniqueOrThrow({ where: { login: "10001" } });
      expect(account.email).toBe("kept@example.ru");
    } finally {
      await second.close();
    }
  }, 120_000);

  it("refuses a directory that is not empty but holds no database, and deletes nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kaspnet-partial-"));
    try {
      await writeFile(join(dir, "notes.txt"), "not a database");
      await expect(openEmbedded(dir)).rejects.toThrow(/is not empty but holds no database/);
      expect(await readdir(dir)).toEqual(["notes.txt"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
