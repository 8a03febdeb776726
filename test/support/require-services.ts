// `describe.skipIf(...)` conditions for tests that need a service (never true under CI=true:
// the global setup fails the run there instead).
import { inject } from "vitest";

export const noPostgres = inject("postgresProblem") !== undefined;
export const noRedis = inject("redisProblem") !== undefined;
