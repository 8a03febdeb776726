// TCP proxies in front of PostgreSQL and Redis that read what the client sends and count it: for
// PostgreSQL a round trip is a simple Query ('Q') or the Sync ('S') that ends an extended query
// (Parse/Bind/Execute), a transaction a BEGIN in either form; for Redis every command sent (RESP
// arrays), by name, pipelined or not. Used in a counting pass only: the hop costs time, so
// throughput is measured without it.
import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";

export interface SqlCounts {
  roundTrips: number;
  statements: number;
  transactions: number;
  /** Statements by their text (parsed or sent as a simple query), to say which they were. */
  byText: Map<string, number>;
}

export type RedisCounts = Map<string, number>;

export interface WireCounter<T> {
  /** A URL of the target rewritten to go through the counter. */
  via(url: string): string;
  /** What the clients sent so far. */
  counts(): T;
  close(): Promise<void>;
}

/** Reads one client connection's bytes as they go by, into the shared counts. */
type ConnectionReader = (chunk: Buffer) => void;

async function startCounter<T>(
  target: { host: string; port: number },
  counts: () => T,
  reader: () => ConnectionReader,
): Promise<WireCounter<T>> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.once("close", () => open.delete(socket));
    }
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.on("data", reader());
    client.pipe(upstream).pipe(client);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the counter has no port");
  return {
    via(url) {
      const rewritten = new URL(url);
      rewritten.hostname = "127.0.0.1";
      rewritten.port = String(address.port);
      return rewritten.toString();
    },
    counts,
    async close() {
      const closed = once(server, "close");
      server.close();
      for (const socket of open) socket.destroy();
      await closed;
    },
  };
}

/** Unread bytes of a stream, for readers that need whole messages. */
class Bytes {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
  }

  get data(): Buffer {
    return this.buffered;
  }

  consume(length: number): void {
    this.buffered = this.buffered.subarray(length);
  }
}

const sslRequest = 80877103;
const gssEncRequest = 80877104;
const isBegin = (sql: string) => /^\s*(BEGIN|START TRANSACTION)\b/i.test(sql);

export function startPgCounter(target: { host: string; port: number }) {
  const counts: SqlCounts = { roundTrips: 0, statements: 0, transactions: 0, byText: new Map() };
  const sawText = (sql: string) => {
    // A multi-row INSERT is one statement whatever its rows: "VALUES ($1,$2), …".
    const text = sql
      .replace(/\s+/g, " ")
      .trim()
      .replace(/(\(\$\d+(?:,\$\d+)*\))(?:, \(\$\d+(?:,\$\d+)*\))+/g, "$1, …");
    counts.byText.set(text, (counts.byText.get(text) ?? 0) + 1);
    if (isBegin(text)) counts.transactions++;
  };
  return startCounter(
    target,
    () => ({ ...counts, byText: new Map(counts.byText) }),
    () => {
      const bytes = new Bytes();
      let started = false;
      return (chunk) => {
        bytes.push(chunk);
        for (;;) {
          const data = bytes.data;
          if (!started) {
            // The startup message (and an SSL or GSSAPI request before it) has no type byte.
            if (data.length < 8 || data.length < data.readInt32BE(0)) return;
            const code = data.readInt32BE(4);
            if (code !== sslRequest && code !== gssEncRequest) started = true;
            bytes.consume(data.readInt32BE(0));
            continue;
          }
          if (data.length < 5) return;
          const length = data.readInt32BE(1) + 1;
          if (data.length < length) return;
          const type = String.fromCharCode(data[0] ?? 0);
          const body = data.subarray(5, length);
          if (type === "Q") {
            counts.roundTrips++;
            counts.statements++;
            sawText(body.subarray(0, body.indexOf(0)).toString("utf8"));
          } else if (type === "S") counts.roundTrips++;
          else if (type === "E") counts.statements++;
          else if (type === "P") {
            // Parse: the statement's name, then its text, both NUL-terminated.
            const text = body.subarray(body.indexOf(0) + 1);
            sawText(text.subarray(0, text.indexOf(0)).toString("utf8"));
          }
          bytes.consume(length);
        }
      };
    },
  );
}

export function startRedisCounter(target: { host: string; port: number }) {
  const counts: RedisCounts = new Map();
  return startCounter(
    target,
    () => new Map(counts),
    () => {
      const bytes = new Bytes();
      return (chunk) => {
        bytes.push(chunk);
        for (;;) {
          const command = readRespCommand(bytes.data);
          if (command === undefined) return;
          counts.set(command.name, (counts.get(command.name) ?? 0) + 1);
          bytes.consume(command.length);
        }
      };
    },
  );
}

/** A whole command at the start of `data` (`*<n>\r\n` then n `$<len>\r\n<bytes>\r\n`), or none yet. */
function readRespCommand(data: Buffer): { name: string; length: number } | undefined {
  const line = (from: number) => {
    const end = data.indexOf("\r\n", from);
    return end === -1 ? undefined : { text: data.toString("latin1", from + 1, end), next: end + 2 };
  };
  if (data.length === 0) return undefined;
  if (data[0] !== 0x2a) throw new Error(`not a RESP array: ${data.toString("latin1", 0, 20)}`);
  const header = line(0);
  if (!header) return undefined;
  let at = header.next;
  let name = "";
  for (let i = 0; i < Number(header.text); i++) {
    const size = line(at);
    if (!size) return undefined;
    const end = size.next + Number(size.text);
    if (data.length < end + 2) return undefined;
    if (i === 0) name = data.toString("latin1", size.next, end).toLowerCase();
    at = end + 2;
  }
  return { name, length: at };
}
