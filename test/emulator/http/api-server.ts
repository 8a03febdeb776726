import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Outcome } from "../dispatcher.ts";
import { type RawParams, readRequestParams } from "./request-params.ts";

export interface ApiRoutes {
  token: string;
  /** Runs a method; the signal aborts when the client goes away (e.g. mid long poll). */
  call(method: string, params: RawParams, signal: AbortSignal): Promise<Outcome>;
  /** The content behind `/file/bot<token>/<path>`. */
  file(path: string): Buffer | undefined;
}

/** The HTTP face of the emulator: Telegram's URL layout, status codes and JSON envelopes. */
export class ApiServer {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly server: Server;

  private constructor(routes: ApiRoutes) {
    this.server = createServer((req, res) => {
      const handled = handle(routes, req, res)
        .catch((error: unknown) => {
          console.error("Bot API emulator: request failed", error);
          if (!res.headersSent) {
            send(res, 500, { ok: false, error_code: 500, description: "Internal Server Error" });
          }
        })
        .finally(() => this.inFlight.delete(handled));
      this.inFlight.add(handled);
    });
  }

  static listen(host: string, port: number, routes: ApiRoutes): Promise<ApiServer> {
    const api = new ApiServer(routes);
    return new Promise((resolve, reject) => {
      api.server.once("error", reject);
      api.server.listen(port, host, () => resolve(api));
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /**
   * Stops listening, lets requests that already have their answer (ended
   * long polls) send it, then closes every connection, keep-alive ones included.
   */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const drained = Promise.allSettled([...this.inFlight]);
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 1_000))]);
    this.server.closeAllConnections();
    await closed;
  }
}

async function handle(routes: ApiRoutes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator");
  const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
  if (file !== null) {
    const content =
      file[1] === routes.token ? routes.file(decodeURIComponent(file[2] ?? "")) : undefined;
    if (content === undefined)
      return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    res.writeHead(200, { "content-type": "application/octet-stream" });
    res.end(content);
    return;
  }
  const api = /^\/bot([^/]+)\/([^/]*)$/.exec(url.pathname);
  if (api === null || api[2] === "") {
    return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
  }
  if (api[1] !== routes.token) {
    return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
  }
  let params: RawParams;
  try {
    params = await readRequestParams(req, url);
  } catch {
    return send(res, 400, {
      ok: false,
      error_code: 400,
      description: "Bad Request: invalid request body",
    });
  }
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const outcome = await routes.call(api[2] ?? "", params, controller.signal);
  if (outcome.kind === "drop") {
    req.socket.destroy();
    return;
  }
  if (!res.destroyed) send(res, outcome.status, outcome.body);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
