// Once per test run: check the services and build a migrated template database that each test
// file clones (CREATE DATABASE … TEMPLATE is fast), so no test depends on another's data. The
// template is this run's own, so runs side by side (two developers, two terminals) do not collide.
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migratePostgres } from "../core/migrations.ts";
import {
  adminDatabaseUrl,
  databaseUrl,
  postgresProblem,
  redisProblem,
} from "./support/services.ts";

declare module "vitest" {
  export interface ProvidedContext {
    postgresProblem: string | undefined;
    redisProblem: string | undefined;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const problems = { postgres: await postgresProblem(), redis: await redisProblem() };
  const missing = [problems.postgres, problems.redis].filter(Boolean);
  if (missing.length > 0 && process.env.CI === "true") {
    throw new Error(`CI needs every service: ${missing.join("; ")}`);
  }
  for (const problem of missing) console.warn(`Skipping the tests that need it: ${problem}`);
  const template = `kaspnet_test_template_${process.pid}`;
  if (!problems.postgres) await createTemplateDatabase(template);
  project.provide("postgresProblem", problems.postgres);
  project.provide("redisProblem", problems.redis);
  project.provide("templateDatabase", template);
  return async () => {
    if (!problems.postgres) await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  };
}

async function adminQuery(sql: string) {
  const admin = new pg.Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function createTemplateDatabase(name: string) {
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name}`);
  await migratePostgres(databaseUrl(name));
}
