// A fresh migrated PostgreSQL database for one benchmark run, dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { connectPostgres, type Db } from "../../core/db.ts";
import { migratePostgres } from "../../core/migrations.ts";
import { adminDatabaseUrl, databaseUrl } from "../support/services.ts";

export async function withBenchDatabase<T>(run: (db: Db, url: string) => Promise<T>): Promise<T> {
  const name = `kaspnet_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  const database = connectPostgres(url);
  try {
    await migratePostgres(url);
    return await run(database.prisma, url);
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
