// Two webhook instances of the bot behind one URL on one PostgreSQL and one Redis, as a deployment
// runs them: a round-robin load balancer spreads Telegram's (the emulator's) posts over both.
import { type RunningApp, startApp } from "../../bot/app.ts";
import { type Harness, startHarness } from "./bot-harness.ts";
import { captureLogs } from "./captured-logger.ts";
import { freePort } from "./free-port.ts";
import { type LoadBalancer, startLoadBalancer } from "./load-balancer.ts";

const secret = "kaspnet-webhook-secret-0123456789";
const path = "/telegram/webhook";

export interface TwoInstances {
  balancer: LoadBalancer;
  /** The first instance, with the emulator and the database of both. */
  first: Harness;
  second: RunningApp;
  stop(): Promise<void>;
}

export async function startTwoInstances(env: Record<string, string> = {}): Promise<TwoInstances> {
  const ports = [await freePort(), await freePort()] as const;
  const balancer = await startLoadBalancer(ports);
  const first = await startHarness({
    redis: true,
    env: {
      BOT_MODE: "webhook",
      WEBHOOK_URL: balancer.url(path),
      WEBHOOK_SECRET: secret,
      PORT: String(ports[0]),
      METRICS_PORT: "0",
      ...env,
    },
  });
  const { config } = first;
  if (config.mode.kind !== "webhook") throw new Error("not in webhook mode");
  const second = await startApp(
    { ...config, mode: { ...config.mode, port: ports[1] } },
    captureLogs().logger,
  );
  return {
    balancer,
    first,
    second,
    async stop() {
      await second.stop();
      await first.stop();
      await balancer.close();
    },
  };
}
