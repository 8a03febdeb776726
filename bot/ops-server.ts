// The operator's HTTP endpoints, on METRICS_PORT in either mode: /healthz (the process runs),
// /readyz (200, or 503 naming what is down) and /metrics (Prometheus' text format); with
// INCIDENT_HOOK_SECRET, POST /incidents for monitoring systems (bot/incident-hook.ts).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { BotMetrics } from "../core/ops/metrics.ts";
import type { Readiness } from "../core/ops/readiness.ts";
import type { HookAnswer } from "./incident-hook.ts";

export async function startOpsServer(
  port: number,
  deps: {
    metrics: BotMetrics;
    readiness: () => Promise<Readiness>;
    incidents?: (request: IncomingMessage) => Promise<HookAnswer>;
  },
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    try {
      if (request.url === "/incidents" && deps.incidents) {
        if (request.method !== "POST") return void response.writeHead(405).end();
        const answer = await deps.incidents(request);
        response
          .writeHead(answer.status, { "content-type": "application/json" })
          .end(`${JSON.stringify(answer.body)}\n`);
        return;
      }
      if (request.method !== "GET") return void response.writeHead(405).end();
      if (request.url === "/healthz") return void response.writeHead(200).end("ok\n");
      if (request.url === "/readyz") {
        const state = await deps.readiness();
        response
          .writeHead(state.ready ? 200 : 503, { "content-type": "application/json" })
          .end(`${JSON.stringify(state)}\n`);
        return;
      }
      if (request.url === "/metrics") {
        const text = await deps.metrics.registry.metrics();
        response.writeHead(200, { "content-type": deps.metrics.registry.contentType }).end(text);
        return;
      }
      response.writeHead(404).end();
    } catch {
      if (!response.headersSent) response.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
