// The operator's process: `npm run admin -- <command>`. Like bot/main.ts an entry point of the
// app layer (later commands send Telegram announcements); reads a local .env like the bot.
import { existsSync } from "node:fs";
import { runAdmin } from "./cli.ts";

if (existsSync(".env")) process.loadEnvFile(".env");

const code = await runAdmin(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stdin: process.stdin,
  env: process.env,
});

// Exits once the output is written: the embedded database's schema engine leaves a timer behind.
const drained = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write("", () => resolve()));
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);
