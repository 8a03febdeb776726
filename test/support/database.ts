// A fresh, migrated PostgreSQL database for one test file, dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { connectPostgres, type Database } from "../../core/db.ts";
import { migratePostgres } from "../../core/migrations.ts";
import { adminDatabaseUrl, databaseUrl } from "./services.ts";

export interface TestDatabase extends Database {
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `kaspnet_test_${randomBytes(6).toString("hex")}`;
  const url = databaseUrl(name);
  if (process.env.VITEST) {
    // PostgreSQL copies a template only while no one else is: one test file at a time.
    await admin(async (client) => {
      await client.query("SELECT pg_advisory_lock(hashtext('kaspnet_test_template'))");
      await client.query(`CREATE DATABASE ${name} TEMPLATE ${inject("templateDatabase")}`);
    });
  } else {
    // Outside vitest (a benchmark): no migrated template, so migrate this one.
    await admin((client) => client.query(`CREATE DATABASE ${name}`));
    await migratePostgres(url);
  }
  const database = connectPostgres(url);
  return {
    ...database,
    url,
    async drop() {
      await database.close();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
