// The three bots of `npm run bench -- updates`, each a child process on an emulator of its own:
// anchor A (no I/O), anchor B (the same I/O by hand) and the real bot (bot/main.ts at the shipped
// settings, on PostgreSQL and Redis), in polling or webhook mode.
import { join } from "node:path";
import { allowedUpdates } from "../../../bot/app.ts";
import type { BotApiEmulator } from "../../emulator/index.ts";
import { type BotProcess, startBotProcess } from "../../support/bot-process.ts";
import { freePort } from "../../support/free-port.ts";
import { type AnchorProcess, startAnchorProcess } from "./anchor-process.ts";

/** The webhook's concurrent deliveries in the webhook pass (Telegram's default is 40). */
export const webhookConnections = 50;
const webhookSecret = "bench-updates-webhook-secret";
const profilePreload = join(import.meta.dirname, "cpu-profile-preload.mjs");

export interface RunningBot {
  pid: number;
  /** What it printed lately: told when a phase is not answered. */
  output(): string;
  stop(): Promise<void>;
}

function emulatorEnv(emulator: BotApiEmulator) {
  return { BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot };
}

export async function startAnchor(
  which: "no-io" | "same-io",
  emulator: BotApiEmulator,
  stores: { databaseUrl: string; redisUrl: string },
  mode: "polling" | "webhook" = "polling",
): Promise<AnchorProcess> {
  return startAnchorProcess(which === "no-io" ? "anchor-no-io.ts" : "anchor-same-io.ts", {
    ...emulatorEnv(emulator),
    DATABASE_URL: stores.databaseUrl,
    REDIS_URL: stores.redisUrl,
    ...(mode === "webhook"
      ? {
          ANCHOR_WEBHOOK_PORT: String(await freePort()),
          ANCHOR_MAX_CONNECTIONS: String(webhookConnections),
        }
      : {}),
  });
}

export interface RealBot extends RunningBot {
  process: BotProcess;
  /** The counter of updates the flood guard dropped, from the bot's /metrics. */
  floodDropped(): Promise<number>;
  /** Errors the bot logged (level error or fatal). */
  errorsLogged(): number;
  /** Starts the CPU profile (with `profileTo`), then stops it and waits until it is written. */
  toggleProfile(): Promise<void>;
}

export interface RealBotOptions {
  databaseUrl: string;
  redisUrl: string;
  mode?: "polling" | "webhook";
  /** Where the CPU profile of the measured load goes (see cpu-profile-preload.mjs). */
  profileTo?: string;
}

/**
 * The shipped settings, but for the scheduler: its jobs (the daily charge catching up on start,
 * reminders) would run in the middle of a measurement.
 */
export async function startRealBot(
  emulator: BotApiEmulator,
  { databaseUrl, redisUrl, mode = "polling", profileTo }: RealBotOptions,
): Promise<RealBot> {
  const webhookPort = mode === "webhook" ? await freePort() : 0;
  const webhookUrl = `http://127.0.0.1:${webhookPort}/telegram`;
  const bot = startBotProcess({
    ...emulatorEnv(emulator),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    METRICS_PORT: "0",
    SCHEDULER: "off",
    ...(mode === "webhook"
      ? {
          BOT_MODE: "webhook",
          WEBHOOK_URL: webhookUrl,
          WEBHOOK_SECRET: webhookSecret,
          PORT: String(webhookPort),
        }
      : {}),
    ...(profileTo
      ? { NODE_OPTIONS: `--import=${profilePreload}`, BENCH_CPU_PROFILE: profileTo }
      : {}),
  });
  await bot.logged("bot started");
  if (mode === "webhook") {
    // The bot registers its webhook with Telegram's default of 40 connections; the pass offers 50.
    const response = await fetch(`${emulator.apiRoot}/bot${emulator.token}/setWebhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        url: webhookUrl,
        secret_token: webhookSecret,
        allowed_updates: allowedUpdates,
        max_connections: webhookConnections,
      }),
    });
    if (!response.ok) throw new Error(`setWebhook: ${response.status} ${await response.text()}`);
  }
  const metricsPort = Number(/health and metrics on port (\d+)/.exec(bot.output.stdout)?.[1]);
  let profiles = 0;
  return {
    pid: bot.child.pid ?? 0,
    process: bot,
    output: () => (bot.output.stdout + bot.output.stderr).slice(-4000),
    async stop() {
      await bot.stop();
    },
    async floodDropped() {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      return Number(/^kaspnet_flood_dropped_updates_total (\S+)/m.exec(text)?.[1] ?? 0);
    },
    errorsLogged() {
      return bot.output.stdout.split("\n").filter((line) => /"level":(50|60)/.test(line)).length;
    },
    async toggleProfile() {
      const written = profiles++ % 2 === 1;
      bot.child.kill("SIGUSR2");
      // The preload logs a line when a profile is written; starting one says nothing.
      if (written) await waitForLog(bot, "cpu profile written", Math.ceil(profiles / 2));
    },
  };
}

async function waitForLog(bot: BotProcess, msg: string, times: number) {
  const matches = () => bot.output.stdout.split(`"msg":"${msg}"`).length - 1;
  for (let waited = 0; matches() < times; waited += 100) {
    if (waited > 60_000) throw new Error(`the bot did not log "${msg}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
