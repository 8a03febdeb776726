// Prisma's own schema engine, compiled to WebAssembly, driven through a driver adapter.
// It applies prisma/migrations exactly as `prisma migrate deploy` does (same _prisma_migrations
// history) and computes the next migration's SQL, on machines that cannot download the native
// engine. See ../shared/prisma-offline.md.
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";

const prismaDir = join(dirname(fileURLToPath(import.meta.url)), "..", "prisma");
const schemaPath = join(prismaDir, "schema.prisma");
export const migrationsDir = join(prismaDir, "migrations");

const noFilters = { externalTables: [], externalEnums: [] };

interface MigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: {
    path: string;
    migrationFile: { path: string; content: { tag: "ok"; value: string } };
  }[];
}

interface SchemaEngine {
  applyMigrations(input: {
    migrationsList: MigrationList;
    filters: typeof noFilters;
  }): Promise<{ appliedMigrationNames: string[] }>;
  diff(params: {
    from: unknown;
    to: unknown;
    script: boolean;
    exitCode: boolean | null;
    filters: typeof noFilters;
  }): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
}

// Node has WebAssembly; @types/node 20 does not declare it (it lives in the DOM lib).
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: object,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

type EngineModule = {
  __wbg_set_wasm(exports: Record<string, unknown>): void;
  SchemaEngine: {
    new: (
      options: { datamodels: [string, string][] },
      log: (message: string) => void,
      adapter: object,
    ) => Promise<SchemaEngine>;
  };
};

let engineModule: Promise<EngineModule> | undefined;

// The package's entry imports a .wasm file, which Node 20 refuses: load glue and wasm by path.
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const packageDir = dirname(require.resolve("@prisma/schema-engine-wasm"));
    const glue = (await import(join(packageDir, "schema_engine_bg.js"))) as EngineModule;
    const wasm = await readFile(join(packageDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(wasm, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return glue;
  })();
  return engineModule;
}

async function withEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const glue = await loadEngineModule();
  const schema = await readFile(schemaPath, "utf8");
  const engine = await glue.SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
  }
}

async function readMigrations(dir = migrationsDir): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: {
          tag: "ok" as const,
          value: await readFile(join(dir, name, "migration.sql"), "utf8"),
        },
      },
    })),
  );
  const lockfile = await readFile(join(dir, "migration_lock.toml"), "utf8").catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lockfile },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Applies every migration not yet applied; returns the names of those it applied. */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<string[]> {
  const migrationsList = await readMigrations();
  const { appliedMigrationNames } = await withEngine(adapterFactory, (engine) =>
    engine.applyMigrations({ migrationsList, filters: noFilters }),
  );
  return appliedMigrationNames;
}

/** Applies the migrations to a PostgreSQL database and closes every connection it opened. */
export async function migratePostgres(connectionString: string): Promise<string[]> {
  const pool = new pg.Pool({ connectionString, max: 2 });
  try {
    return await applyMigrations(new PrismaPg(pool));
  } finally {
    await pool.end();
  }
}

/**
 * The SQL that takes a database from the migrations folder to schema.prisma. The migrations are
 * replayed into the adapter's shadow database; an empty string means nothing changed.
 */
export async function diffSchemaAgainstMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<string> {
  const migrationsList = await readMigrations();
  const schema = await readFile(schemaPath, "utf8");
  const from =
    migrationsList.migrationDirectories.length === 0
      ? { tag: "empty" }
      : { tag: "migrations", ...migrationsList };
  const result = await withEngine(adapterFactory, (engine) =>
    engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: true,
      filters: noFilters,
    }),
  );
  return result.exitCode === 2 ? (result.stdout ?? "") : "";
}
