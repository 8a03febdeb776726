// Counts the SQL statements a bot sends to PostgreSQL, read off the wire between them: a proxy
// (tcp-proxy.ts) whose tap decodes the frontend messages of PostgreSQL's protocol. Nothing in the
// bot changes, and BEGIN and COMMIT count like any other statement.
import { startTcpProxy, type TcpProxy } from "./tcp-proxy.ts";

export interface SqlCounter {
  /** Rewrites a URL of the target to go through the counting proxy. */
  via(url: string): string;
  /** Every statement sent so far, as text, oldest first. */
  statements(): readonly string[];
  close(): Promise<void>;
}

/** The SSLRequest and GSSENCRequest codes: a startup packet the client may send before the real one. */
const encryptionRequests = new Set([80877103, 80877104]);

/**
 * Reads one connection's frontend messages: the startup packet (no type byte), then messages of a
 * type byte and a length. A simple query ('Q') is one statement; in the extended protocol each
 * Execute ('E') is one, of the text of the last Parse ('P').
 */
function frontendReader(onStatement: (sql: string) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  let started = false;
  let parsed = "";
  const text = (body: Buffer, from: number) => {
    const end = body.indexOf(0, from);
    return { value: body.toString("utf8", from, end), next: end + 1 };
  };
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      if (!started) {
        if (pending.length < 8) return;
        const length = pending.readInt32BE(0);
        if (pending.length < length) return;
        started = !encryptionRequests.has(pending.readInt32BE(4));
        pending = pending.subarray(length);
        continue;
      }
      if (pending.length < 5) return;
      const type = String.fromCharCode(pending[0] ?? 0);
      const length = pending.readInt32BE(1);
      if (pending.length < length + 1) return;
      const body = pending.subarray(5, length + 1);
      pending = pending.subarray(length + 1);
      if (type === "Q") onStatement(text(body, 0).value);
      if (type === "P") parsed = text(body, text(body, 0).next).value;
      if (type === "E") onStatement(parsed);
    }
  };
}

export async function startSqlCounter(target: { host: string; port: number }): Promise<SqlCounter> {
  const seen: string[] = [];
  const proxy: TcpProxy = await startTcpProxy(target, {
    tap: () => frontendReader((sql) => seen.push(sql)),
  });
  return {
    via: (url) => proxy.via(url),
    statements: () => seen,
    close: () => proxy.close(),
  };
}
