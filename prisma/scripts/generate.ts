// npm run db:generate: `prisma generate`. The prisma-client generator needs no engine, but the
// CLI insists the schema engine binary exists first; where it could not be downloaded (offline
// machines) point it at any executable, which generate never runs. Connected machines keep theirs.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

function hasSchemaEngine(): boolean {
  if (process.env.PRISMA_SCHEMA_ENGINE_BINARY) return true;
  const enginesDir = dirname(require.resolve("@prisma/engines"));
  const packageDir = dirname(enginesDir);
  return [enginesDir, packageDir].some(
    (dir) => existsSync(dir) && readdirSync(dir).some((file) => file.startsWith("schema-engine")),
  );
}

const env = hasSchemaEngine()
  ? process.env
  : { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false" };
const cli = join(dirname(require.resolve("prisma/package.json")), "build", "index.js");
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
