// npm run db:migrate: applies prisma/migrations to the configured database, as
// `prisma migrate deploy` does, with Prisma's WebAssembly schema engine.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { loadDatabaseConfig } from "../../core/config.ts";
import { applyMigrations, migratePostgres } from "../../core/migrations.ts";
import { runScript } from "./run-script.ts";

await runScript(async () => {
  const { databaseUrl, dataDir } = loadDatabaseConfig();
  if (databaseUrl) {
    report(await migratePostgres(databaseUrl));
    return;
  }
  const pglite = await PGlite.create(dataDir);
  try {
    report(await applyMigrations(new PrismaPGlite(pglite)));
  } finally {
    await pglite.close();
  }
});

function report(applied: string[]) {
  console.log(applied.length === 0 ? "database is up to date" : `applied: ${applied.join(", ")}`);
}
