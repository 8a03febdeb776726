// The Prisma client on PostgreSQL (DATABASE_URL) or on an embedded PGlite database in DATA_DIR.
import { existsSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { isDatabaseUnreachable } from "./db-outage.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { applyMigrations } from "./migrations.ts";
import type { Outages } from "./outages.ts";

export type Db = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  kind: "postgresql" | "pglite";
  close(): Promise<void>;
}

/**
 * The pool's idle connections dropping is the first sign of an outage (and, unlistened, an idle
 * client's error would crash the process). The pool reconnects only when asked, so the outage
 * ends with the first probe query that succeeds.
 */
export function connectPostgres(connectionString: string, outages?: Outages): Database {
  const onPoolError = (error: Error) => {
    if (isDatabaseUnreachable(error)) outages?.markDown("postgresql", error);
  };
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString }, { onPoolError }),
  });
  outages?.probeWhileDown("postgresql", () => prisma.$executeRaw`SELECT 1`);
  return { prisma, kind: "postgresql", close: () => prisma.$disconnect() };
}

/** Written once the embedded database is migrated and set up: its absence means a start to finish. */
const readyMarker = "kaspnet-ready";

export interface OpenOptions {
  /**
   * Fills a newly created embedded database (the bot loads the demo data, so it runs on a fresh
   * machine with nothing installed). Runs on every open until it succeeds once: it must be
   * idempotent.
   */
  onCreate?: (db: Db) => Promise<void>;
}

/**
 * Opens (creating on first use) the embedded database, applies pending migrations, and runs
 * `onCreate` the first time. A first start interrupted after initdb is finished on the next
 * (`onCreate` runs until the ready marker is written); a directory initdb left incomplete is
 * reported, never deleted.
 */
export async function openEmbedded(
  dataDir: string,
  options: OpenOptions = {},
): Promise<Database & { created: boolean }> {
  const created = !existsSync(join(dataDir, readyMarker));
  const hasCluster = existsSync(join(dataDir, "PG_VERSION"));
  if (!hasCluster && existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new Error(
      `DATA_DIR ${dataDir} is not empty but holds no database (an interrupted first start?): remove it, or point DATA_DIR elsewhere, and start again`,
    );
  }
  await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  await applyMigrations(new PrismaPGlite(pglite));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  if (created) {
    await options.onCreate?.(prisma);
    await writeFile(join(dataDir, readyMarker), `${new Date().toISOString()}\n`);
  }
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

/** `onCreate` applies to the embedded database only (PostgreSQL is set up by its operator). */
export function openDatabase(
  config: { databaseUrl: string | undefined; dataDir: string },
  options: OpenOptions & { outages?: Outages } = {},
): Promise<Database> {
  return config.databaseUrl
    ? Promise.resolve(connectPostgres(config.databaseUrl, options.outages))
    : openEmbedded(config.dataDir, options);
}
