// The bot process: configuration from the environment, then everything in bot/app.ts.
import { existsSync } from "node:fs";
import { inspect } from "node:util";
import { ConfigError, loadConfig } from "../core/config.ts";
import { createLogger } from "../core/logger.ts";
import { type RunningApp, startApp } from "./app.ts";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// A local .env (see .env.example) fills in what the environment does not set.
if (existsSync(".env")) process.loadEnvFile(".env");

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

/** A stop that has not finished by then (a store that does not answer) ends the process anyway. */
const stopDeadlineMs = 9_000;

const logger = createLogger(config.logLevel);
let app: RunningApp | undefined;
let stopping = false;
let exitCode = 0;

function finish(running: RunningApp) {
  running.stop().then(
    () => process.exit(exitCode),
    (error: unknown) => {
      logger.error({ err: error }, "stop failed");
      process.exit(1);
    },
  );
}

function stop(code: number) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  setTimeout(() => {
    logger.error(`stop not finished after ${stopDeadlineMs / 1000} s: exiting`);
    process.exit(1);
  }, stopDeadlineMs).unref();
  // Asked while starting: the stop follows the start (or the deadline, if the start hangs).
  if (app) finish(app);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    if (!stopping) logger.info({ signal }, "stopping");
    stop(0);
  });
}

app = await startApp(config, logger).catch((error: unknown) =>
  fail(`The bot could not start: ${error instanceof Error ? error.message : inspect(error)}`),
);
if (stopping) finish(app);
// Polling refused (the reason is logged where it happened): this process cannot do its job.
void app.refused.then(() => stop(1));
