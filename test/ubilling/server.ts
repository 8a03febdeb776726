// The HTTP face: one node:http server on 127.0.0.1 for the three surfaces (userstats, the
// OpenPayz frontend, the core RemoteAPI), with the request log and the "down" faults.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { htmlReply, PAGES, type Reply, textReply } from "./reply.ts";

export type Surface = "userstats" | "openpayz" | "core" | "unknown";

/** One request the emulator answered. */
export interface UbillingRequest {
  readonly time: number;
  readonly method: string;
  readonly surface: Surface;
  readonly path: string;
  /** The GET parameters (`uberpassword` is the md5 the client sent). */
  readonly query: Readonly<Record<string, string>>;
  /** null when a fault dropped the connection. */
  readonly status: number | null;
  readonly body: string;
}

/**
 * How the billing fails: "unavailable" is 503 with an HTML page (a proxy in front of a dead
 * PHP), "apiconnfail" is userstats' own HTML page (200) when the core is unreachable, "drop"
 * closes the connection with no answer.
 */
export type DownMode = "unavailable" | "apiconnfail" | "drop";

export const PATHS: Record<Exclude<Surface, "unknown">, string[]> = {
  userstats: ["/userstats/", "/userstats/index.php"],
  openpayz: ["/openpayz/frontend/osmp/", "/openpayz/frontend/osmp/index.php"],
  core: ["/billing/", "/billing/index.php"],
};

export interface ServerRoutes {
  handle(surface: Exclude<Surface, "unknown">, query: URLSearchParams): Reply;
  down(): DownMode | undefined;
  /** Milliseconds to wait before answering (a slow billing). */
  delayMs(): number;
  log(request: UbillingRequest): void;
}

export class UbillingServer {
  private constructor(private readonly server: Server) {}

  static listen(port: number, routes: ServerRoutes): Promise<UbillingServer> {
    const server = createServer((req, res) => answer(routes, req, res));
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve(new UbillingServer(server)));
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }
}

function surfaceOf(path: string): Surface {
  for (const [surface, paths] of Object.entries(PATHS)) {
    if (paths.includes(path)) return surface as Surface;
  }
  return "unknown";
}

function answer(routes: ServerRoutes, req: IncomingMessage, res: ServerResponse): void {
  // Everything the emulated APIs read is in the query string; a body is read and ignored.
  req.resume();
  const url = new URL(req.url ?? "/", "http://ubilling");
  const surface = surfaceOf(url.pathname);
  const mode = routes.down();
  let reply: Reply;
  try {
    if (mode === "drop") reply = { status: 0, headers: {}, body: "", drop: true };
    else if (mode === "unavailable") reply = htmlReply(503, PAGES.unavailable);
    else if (mode === "apiconnfail") reply = htmlReply(200, PAGES.apiConnFail);
    else if (surface === "unknown") reply = htmlReply(404, "<html><body>Not Found</body></html>");
    else reply = routes.handle(surface, url.searchParams);
  } catch (error) {
    console.error("Ubilling emulator: request failed", error);
    reply = textReply(500, "Internal Server Error");
  }
  routes.log({
    time: Date.now(),
    method: req.method ?? "GET",
    surface,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    status: reply.drop ? null : reply.status,
    body: reply.body,
  });
  const send = () => {
    if (reply.drop) {
      req.socket.destroy();
      return;
    }
    if (res.destroyed) return;
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  };
  const delay = routes.delayMs();
  if (delay > 0) setTimeout(send, delay);
  else send();
}
