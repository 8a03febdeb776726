// A round-robin HTTP load balancer in front of several webhook instances: each request goes to the
// next instance in turn, as it came (method, path, headers, body), and its answer goes back.
import { createServer, request as forward, type Server } from "node:http";

export interface LoadBalancer {
  url(path: string): string;
  /** How many requests each instance got, by its position in `ports`. */
  readonly forwarded: number[];
  close(): Promise<void>;
}

export async function startLoadBalancer(ports: readonly number[]): Promise<LoadBalancer> {
  const forwarded = ports.map(() => 0);
  let next = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const target = next;
    next = (next + 1) % ports.length;
    forwarded[target] = (forwarded[target] ?? 0) + 1;
    const proxied = forward(
      {
        host: "127.0.0.1",
        port: ports[target],
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    proxied.on("error", () => outgoing.writeHead(502).end());
    incoming.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    url: (path) => `http://127.0.0.1:${address.port}${path}`,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
