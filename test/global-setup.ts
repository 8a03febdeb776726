// Once per test run: check the services and build a migrated template database that each test
// file clones (CREATE DATABASE … TEMPLATE is fast), so no test depends on another's data.
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migratePostgres } from "../core/migrations.ts";
import {
  adminDatabaseUrl,
  databaseUrl,
  postgresProblem,
  redisProblem,
  templateDatabase,
} from "./support/services.ts";

declare module "vitest" {
  export interface ProvidedContext {
    postgresProblem: string | undefined;
    redisProblem: string | undefined;
  }
}

export default async function setup(project: TestProject) {
  const problems = { postgres: await postgresProblem(), redis: await redisProblem() };
  const missing = [problems.postgres, problems.redis].filter(Boolean);
  if (missing.length > 0 && process.env.CI === "true") {
    throw new Error(`CI needs every service: ${missing.join("; ")}`);
  }
  for (const problem of missing) console.warn(`Skipping the tests that need it: ${problem}`);
  if (!problems.postgres) await createTemplateDatabase();
  project.provide("postgresProblem", problems.postgres);
  project.provide("redisProblem", problems.redis);
}

async function createTemplateDatabase() {
  const admin = new pg.Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${templateDatabase}`);
  } finally {
    await admin.end();
  }
  await migratePostgres(databaseUrl(templateDatabase));
}
