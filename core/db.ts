// The Prisma client on PostgreSQL (DATABASE_URL) or on an embedded PGlite database in DATA_DIR.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { seedDemoData } from "../prisma/seed.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { applyMigrations } from "./migrations.ts";

export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: "postgresql" | "pglite";
  close(): Promise<void>;
}

export function connectPostgres(connectionString: string): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  return { prisma, kind: "postgresql", close: () => prisma.$disconnect() };
}

/**
 * Opens (creating on first use) the embedded database, applies pending migrations, and loads the
 * demo data the first time, so the bot runs on a fresh machine with nothing installed.
 */
export async function openEmbedded(dataDir: string): Promise<Database & { created: boolean }> {
  const created = !existsSync(join(dataDir, "PG_VERSION"));
  await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  await applyMigrations(new PrismaPGlite(pglite));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  if (created) await seedDemoData(prisma);
  return {
    prisma,
    kind: "pglite",
    created,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

export function openDatabase(config: {
  databaseUrl: string | undefined;
  dataDir: string;
}): Promise<Database> {
  return config.databaseUrl
    ? Promise.resolve(connectPostgres(config.databaseUrl))
    : openEmbedded(config.dataDir);
}
