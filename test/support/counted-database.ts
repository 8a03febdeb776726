// A test database of its own, with a second connection to it through the SQL counter: what the
// code under test sends on that one is counted, the test's own reads and writes are not.
import { connectPostgres, type Database } from "../../core/db.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { type SqlCounter, startSqlCounter } from "./sql-counter.ts";

export interface CountedDatabase {
  database: TestDatabase;
  counter: SqlCounter;
  /** The same database through the counter. */
  counted: Database;
  close(): Promise<void>;
}

export async function startCountedDatabase(): Promise<CountedDatabase> {
  const database = await createTestDatabase();
  const counter = await startSqlCounter({ host: "127.0.0.1", port: 5432 });
  const counted = connectPostgres(counter.via(database.url));
  return {
    database,
    counter,
    counted,
    async close() {
      await counted.close();
      await counter.close();
      await database.drop();
    },
  };
}
