// A TCP proxy of the test's own in front of a shared server (PostgreSQL), to cut and restore:
// an outage for one bot only, while the server itself keeps running for everyone else.
import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  port: number;
  /** Rewrites a URL of the target to go through the proxy. */
  via(url: string): string;
  /** Drops every open connection and refuses new ones (the port is closed). */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export interface TcpProxyOptions {
  /** Called for each new connection; what it returns sees every byte the client sends. */
  tap?: () => (chunk: Buffer) => void;
}

export async function startTcpProxy(
  target: { host: string; port: number },
  options: TcpProxyOptions = {},
): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once("close", () => open.delete(socket));
  };
  const listen = async (port: number): Promise<Server> => {
    const server = createServer((client) => {
      const upstream = connect(target.port, target.host);
      track(client);
      track(upstream);
      client.on("error", () => upstream.destroy());
      if (options.tap) client.on("data", options.tap());
      upstream.on("error", () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    server.listen(port, "127.0.0.1");
    await once(server, "listening");
    return server;
  };
  let server: Server | undefined = await listen(0);
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy has no port");
  const { port } = address;

  const cut = async () => {
    if (!server) return;
    const closed = once(server, "close");
    server.close();
    for (const socket of open) socket.destroy();
    await closed;
    server = undefined;
  };
  return {
    port,
    via(url) {
      const rewritten = new URL(url);
      rewritten.hostname = "127.0.0.1";
      rewritten.port = String(port);
      return rewritten.toString();
    },
    cut,
    async restore() {
      server ??= await listen(port);
    },
    close: cut,
  };
}
