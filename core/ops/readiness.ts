// Whether this instance can serve: PostgreSQL and Redis answer, and an external billing does.
// Each check has a deadline; the billing's answer is kept a while (its check is several requests).
import type { Db } from "../db.ts";
import type { Redis } from "../redis.ts";

export interface Readiness {
  ready: boolean;
  /** "up", or what is wrong, by dependency. */
  checks: Record<string, string>;
}

export interface ReadinessDeps {
  db: Db;
  redis: Redis | undefined;
  /** The billing's own check, for an external billing; absent for the built-in one. */
  billing?: () => Promise<{ ok: true } | { ok: false; problem: string }>;
  timeoutMs?: number;
  billingCacheMs?: number;
}

const withDeadline = <T>(work: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref(),
    ),
  ]);

const problemOf = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split("\n")[0]?.slice(0, 200) ?? "";

export function readinessCheck(deps: ReadinessDeps): () => Promise<Readiness> {
  const timeoutMs = deps.timeoutMs ?? 2_000;
  const cacheMs = deps.billingCacheMs ?? 15_000;
  let billingKept: { at: number; state: string } | undefined;

  async function check(name: string, probe: () => Promise<unknown>): Promise<[string, string]> {
    try {
      await withDeadline(probe(), timeoutMs);
      return [name, "up"];
    } catch (error) {
      return [name, `down: ${problemOf(error)}`];
    }
  }

  async function billingState(): Promise<string> {
    const probe = deps.billing;
    if (!probe) return "up";
    if (billingKept && Date.now() - billingKept.at < cacheMs) return billingKept.state;
    const [, state] = await check("billing", async () => {
      const answer = await probe();
      if (!answer.ok) throw new Error(answer.problem);
    });
    billingKept = { at: Date.now(), state };
    return state;
  }

  return async () => {
    const checks = Object.fromEntries(
      await Promise.all([
        check("postgresql", () => deps.db.$queryRaw`SELECT 1`),
        ...(deps.redis ? [check("redis", () => (deps.redis as Redis).ping())] : []),
        billingState().then((state) => ["billing", state] as [string, string]),
      ]),
    );
    return { ready: Object.values(checks).every((state) => state === "up"), checks };
  };
}
