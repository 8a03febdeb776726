// A test database with the demo data (prisma/seed.ts): the one most PostgreSQL test files use.
import { seedDemoData } from "../../prisma/seed.ts";
import { type FileDatabase, type TestDatabaseOptions, useTestDatabase } from "./file-database.ts";

export function useDemoDatabase(options: Omit<TestDatabaseOptions, "prepare"> = {}): FileDatabase {
  return useTestDatabase({ ...options, prepare: seedDemoData });
}
