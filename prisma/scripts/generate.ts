// npm run db:generate: `prisma generate`, skipped when the client in core/generated was made from
// this very schema by this Prisma version (it runs before every start and test run).
// The prisma-client generator needs no engine, but the CLI insists the schema engine binary exists
// first; where it could not be downloaded (offline machines) point it at any executable, which
// generate never runs. Connected machines keep theirs.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const prismaDir = dirname(require.resolve("prisma/package.json"));
const stamp = join(root, "core/generated/prisma/.generated-from");

function hasSchemaEngine(): boolean {
  if (process.env.PRISMA_SCHEMA_ENGINE_BINARY) return true;
  const enginesDir = dirname(require.resolve("@prisma/engines"));
  const packageDir = dirname(enginesDir);
  return [enginesDir, packageDir].some(
    (dir) => existsSync(dir) && readdirSync(dir).some((file) => file.startsWith("schema-engine")),
  );
}

const source = createHash("sha256")
  .update(readFileSync(join(root, "prisma/schema.prisma")))
  .update(readFileSync(join(prismaDir, "package.json")))
  .digest("hex");
if (existsSync(stamp) && readFileSync(stamp, "utf8") === source) process.exit(0);

const env = hasSchemaEngine()
  ? process.env
  : { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false" };
const cli = join(prismaDir, "build", "index.js");
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
if (result.status === 0) writeFileSync(stamp, source);
process.exit(result.status ?? 1);
