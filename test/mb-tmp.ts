import pg from "pg";
import { connectPostgres } from "../core/db.ts";
import { listLinkedAccounts } from "../core/accounts/links.ts";
import { getBalanceCard } from "../core/billing/balance.ts";
const url = "postgresql://root@127.0.0.1:5432/mb_prisma";
const db = connectPostgres(url);
const prisma = db.prisma;
const accounts = await prisma.account.findMany({ take: 5, select: { id: true } });
if (accounts.length === 0) { const { seedDemoData } = await import("../prisma/seed.ts"); await seedDemoData(prisma); }
const acc = await prisma.account.findMany({ take: 5, select: { id: true } });
const users = 1000;
if ((await prisma.telegramUser.count()) === 0) {
  for (let u = 1; u <= users; u++) {
    const a = acc[u % acc.length]!.id;
    await prisma.telegramUser.create({ data: { id: BigInt(u), chatId: BigInt(u), firstName: "x", activeAccountId: a, links: { create: { accountId: a, method: "PASSWORD" } } } });
  }
}
const pool = new pg.Pool({ connectionString: url, max: 10 });
const N = 4000, C = 20;
async function run(name: string, one: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 500; i++) await one(i % users + 1);
  const c0 = process.cpuUsage(); const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: C }, async () => { while (next < N) await one(next++ % users + 1); }));
  const c = process.cpuUsage(c0); const t = performance.now() - t0;
  console.log(name.padEnd(34), ((c.user + c.system) / 1000 / N * 1000).toFixed(0).padStart(5), "µs CPU/query", (N / t * 1000).toFixed(0).padStart(6), "q/s");
}
for (let r = 0; r < 2; r++) {
await run("pg pool TelegramUser row", (i) => pool.query(`SELECT * FROM "TelegramUser" WHERE id = $1`, [i]));
await run("prisma findUnique TelegramUser", (i) => prisma.telegramUser.findUnique({ where: { id: BigInt(i) } }));
await run("listLinkedAccounts (join)", (i) => listLinkedAccounts(prisma, i));
await run("daysCovered only", async (i) => { const { daysCovered } = await import("../core/billing/balance.ts"); return daysCovered(1_000_000 + i, 50_000, "2026-12-06"); });
await run("getBalanceCard", (i) => getBalanceCard(prisma, acc[i % acc.length]!.id, "2026-12-06"));
}
await pool.end(); await db.close();
