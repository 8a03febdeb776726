// npm run db:diff -- <name>: writes prisma/migrations/<UTC timestamp>_<name>/migration.sql with
// the SQL from the migrations folder to schema.prisma (replayed in an in-memory PGlite shadow).
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { diffSchemaAgainstMigrations, migrationsDir } from "../../core/migrations.ts";
import { runScript } from "./run-script.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:diff -- <name>   (lower-case letters, digits and _)");
  process.exit(2);
}

await runScript(async () => {
  const sql = await diffSchemaAgainstMigrations(new PrismaPGlite(new PGlite()));
  if (sql.trim() === "") {
    console.log("schema.prisma matches the migrations: nothing to write.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = join(migrationsDir, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "migration.sql"), sql);
  console.log(`wrote ${join(dir, "migration.sql")}`);
});
