// npm run db:seed: loads the demo tariffs and contracts into the configured database.
import { loadDatabaseConfig } from "../../core/config.ts";
import { openDatabase } from "../../core/db.ts";
import { seedDemoData } from "../seed.ts";
import { runScript } from "./run-script.ts";

await runScript(async () => {
  const database = await openDatabase(loadDatabaseConfig());
  try {
    await seedDemoData(database.prisma);
    console.log(`demo data loaded into the ${database.kind} database`);
  } finally {
    await database.close();
  }
});
