// What most PostgreSQL test files start with: a database of their own with the demo data, made
// once for the file and dropped after it, and, for races between bot instances, a second client
// on it. With resetEachTest, every test starts from the demo data again (a snapshot put back,
// not a new database).
import { afterAll, beforeAll, beforeEach } from "vitest";
import { connectPostgres, type Database } from "../../core/db.ts";
import { seedDemoData } from "../../prisma/seed.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { type DatabaseSnapshot, takeSnapshot } from "./database-snapshot.ts";
import { lateBound } from "./late-bound.ts";

export interface DemoDatabaseOptions {
  /** Also connect a second client, as a second bot instance has. */
  secondInstance?: boolean;
  /** Put the demo data back before every test, for tests that change it. */
  resetEachTest?: boolean;
}

export interface DemoDatabase {
  database: TestDatabase;
  secondInstance: Database;
}

/** Registers the hooks in the describe block it is called in. */
export function useDemoDatabase(options: DemoDatabaseOptions = {}): DemoDatabase {
  const database = lateBound<TestDatabase>("the test database");
  const secondInstance = lateBound<Database>("the second database client");
  let made: TestDatabase | undefined;
  let second: Database | undefined;
  let snapshot: DatabaseSnapshot | undefined;
  let first = true;

  beforeAll(async () => {
    made = await createTestDatabase();
    database.bind(made);
    await seedDemoData(made.prisma);
    if (options.secondInstance) {
      second = connectPostgres(made.url);
      secondInstance.bind(second);
    }
    if (options.resetEachTest) snapshot = await takeSnapshot(made.url);
  });
  if (options.resetEachTest) {
    beforeEach(async () => {
      if (!first) await snapshot?.restore();
      first = false;
    });
  }
  afterAll(async () => {
    await second?.close();
    await made?.drop();
  });

  return { database: database.value, secondInstance: secondInstance.value };
}
