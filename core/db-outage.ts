// Whether an error thrown by Prisma, its pg driver adapter or pg itself means PostgreSQL cannot be
// reached (down, restarting, the network cut), as opposed to a fault of the query or the data.

/** Prisma: can't reach the server, reached it but timed out, the server closed the connection. */
const prismaCodes = new Set(["P1001", "P1002", "P1017"]);
/** @prisma/driver-adapter-utils kinds adapter-pg maps socket errors to. */
const adapterKinds = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
/** Node's socket errors. */
const socketCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"]);
/** SQLSTATE: admin shutdown, crash shutdown, cannot connect now (class 08 is tested apart). */
const shutdownStates = new Set(["57P01", "57P02", "57P03"]);
// pg reports a connection lost under it with a plain Error, no code; adapter-pg passes it through.
const pgMessages = [
  /^Connection terminated( unexpectedly| due to connection timeout)?$/,
  /^Client has encountered a connection error and is not queryable$/,
];

export function isDatabaseUnreachable(error: unknown): boolean {
  return causes(error).some(isUnreachableItself);
}

function isUnreachableItself(error: object): boolean {
  const { code, kind, originalCode, message } = error as Record<string, unknown>;
  if (typeof kind === "string" && adapterKinds.has(kind)) return true;
  for (const value of [code, originalCode]) {
    if (typeof value !== "string") continue;
    if (prismaCodes.has(value) || socketCodes.has(value) || shutdownStates.has(value)) return true;
    if (/^08[0-9A-Z]{3}$/.test(value)) return true;
  }
  return typeof message === "string" && pgMessages.some((pattern) => pattern.test(message));
}

/** The error and what it wraps: `cause` chains and Prisma's `meta.driverAdapterError`. */
function causes(error: unknown): object[] {
  const found: object[] = [];
  const pending: unknown[] = [error];
  while (pending.length > 0 && found.length < 10) {
    const next = pending.shift();
    if (typeof next !== "object" || next === null || found.includes(next)) continue;
    found.push(next);
    const { cause, meta } = next as { cause?: unknown; meta?: { driverAdapterError?: unknown } };
    pending.push(cause, meta?.driverAdapterError);
  }
  return found;
}
