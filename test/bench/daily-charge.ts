// Benchmark: the daily charge over 100,000 contracts on PostgreSQL, in batches.
// npm run bench -- daily-charge [accounts] [batch size]
// Needs the local PostgreSQL (DATABASE_URL, default postgresql://root@127.0.0.1:5432/postgres).
import { runDailyCharge } from "../../core/billing/daily-charge.ts";
import { withBenchDatabase } from "./database.ts";

export async function benchDailyCharge(accounts = 100_000, batchSize = 1000) {
  return withBenchDatabase(async (db) => {
    await db.$executeRaw`INSERT INTO "Tariff" (code, name, kind, "monthlyFee", "updatedAt")
      VALUES ('net', 'Домашний 100', 'INTERNET', 60000, now()), ('tv', 'IPTV', 'IPTV', 15000, now())`;
    // Accounts with an opening balance that is also in the ledger, as the import writes them.
    await db.$executeRaw`INSERT INTO "Account" (login, "passwordHash", name, address, balance, "internetTariffId", "iptvTariffId", "updatedAt")
      SELECT 'B' || g, 'x', 'Абонент ' || g, 'Каспийск', 100000,
             (SELECT id FROM "Tariff" WHERE code = 'net'),
             CASE WHEN g % 3 = 0 THEN (SELECT id FROM "Tariff" WHERE code = 'tv') END, now()
      FROM generate_series(1, ${accounts}) g`;
    await db.$executeRaw`INSERT INTO "LedgerEntry" ("accountId", amount, kind, "idempotencyKey", "balanceAfter")
      SELECT id, 100000, 'ADJUSTMENT', 'open:' || id, 100000 FROM "Account"`;
    await db.$executeRaw`ANALYZE`;

    const baselineRss = process.memoryUsage().rss;
    let peakRss = baselineRss;
    const sample = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const report = await runDailyCharge(db, { day: "2026-12-01", batchSize });
    const firstRunMs = performance.now() - started;
    const again = performance.now();
    const rerun = await runDailyCharge(db, { day: "2026-12-01", batchSize });
    const rerunMs = performance.now() - again;
    clearInterval(sample);
    return {
      accounts,
      batchSize,
      charged: report.charged,
      firstRunSeconds: +(firstRunMs / 1000).toFixed(1),
      accountsPerSecond: Math.round(report.charged / (firstRunMs / 1000)),
      rerunSeconds: +(rerunMs / 1000).toFixed(1),
      rerunCharged: rerun.charged,
      baselineRssMiB: Math.round(baselineRss / 2 ** 20),
      peakRssMiB: Math.round(peakRss / 2 ** 20),
    };
  });
}
