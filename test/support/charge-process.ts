// A separate process running the daily charge, for tests that kill it midway.
// Usage: tsx test/support/charge-process.ts <database url> <day> <batch size>

import { runDailyCharge } from "../../core/billing/daily-charge.ts";
import { connectPostgres } from "../../core/db.ts";

const [url, day, batchSize] = process.argv.slice(2);
if (!url || !day || !batchSize) throw new Error("usage: charge-process <url> <day> <batch size>");
const database = connectPostgres(url);
await runDailyCharge(database.prisma, {
  day,
  batchSize: Number(batchSize),
  onProgress: (report) => console.log(`progress ${report.charged}`),
});
console.log("done");
await database.close();
