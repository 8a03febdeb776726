// What PostgreSQL test files start with: a database of their own, prepared (e.g. seeded) once for
// the describe block and dropped after it, and, for races between bot instances, a second client
// on it. With resetEachTest, every test starts from the prepared data again (a snapshot put back,
// not a new database).
import { afterAll, beforeAll, beforeEach } from "vitest";
import { connectPostgres, type Database, type Db } from "../../core/db.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { type DatabaseSnapshot, takeSnapshot } from "./database-snapshot.ts";
import { lateBound } from "./late-bound.ts";

export interface TestDatabaseOptions {
  /** Rows every test of the block starts from. */
  prepare?(db: Db): Promise<void>;
  /** Also connect a second client, as a second bot instance has. */
  secondInstance?: boolean;
  /** Put the prepared rows back before every test, for tests that change them. */
  resetEachTest?: boolean;
}

export interface FileDatabase {
  database: TestDatabase;
  secondInstance: Database;
}

/** Registers the hooks in the describe block it is called in. */
export function useTestDatabase(options: TestDatabaseOptions = {}): FileDatabase {
  const database = lateBound<TestDatabase>("the test database");
  const secondInstance = lateBound<Database>("the second database client");
  let made: TestDatabase | undefined;
  let second: Database | undefined;
  let snapshot: DatabaseSnapshot | undefined;
  let first = true;

  beforeAll(async () => {
    made = await createTestDatabase();
    database.bind(made);
    await options.prepare?.(made.prisma);
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
