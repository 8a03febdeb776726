// The real PostgreSQL and Redis the tests use (DESIGN.md §6). Under CI=true a missing service
// fails the run; elsewhere the tests that need it are skipped with one line saying why.
import { Redis } from "ioredis";
import pg from "pg";

export const adminDatabaseUrl =
  process.env.DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
export const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export function databaseUrl(name: string): string {
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function postgresProblem(): Promise<string | undefined> {
  const client = new pg.Client({
    connectionString: adminDatabaseUrl,
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    await client.query("select 1");
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${adminDatabaseUrl} is not reachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function redisProblem(): Promise<string | undefined> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return `Redis at ${redisUrl} is not reachable (${(error as Error).message})`;
  } finally {
    redis.disconnect();
  }
}
