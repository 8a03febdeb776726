// npm run demo: the real bot (bot/app.ts, unchanged) and the Telegram Bot API emulator in one
// process, no token and no internet, on the embedded defaults (PGlite database, sessions in
// memory), chatted with in the terminal. Flags: --en (an English-speaking subscriber),
// --data-dir DIR (or DEMO_DATA_DIR; default ./data/demo: the database in db/, the bot's log in
// bot.log).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { inspect, parseArgs } from "node:util";
import type { RunningApp } from "../../bot/app.ts";
import { BotApiEmulator } from "../emulator/index.ts";
import type { DemoMail } from "./bot-log.ts";
import { renderMail } from "./render.ts";
import { TerminalChat } from "./terminal-chat.ts";
import { texts as allTexts, type Language } from "./texts.ts";

// The bot's modules (Prisma, PGlite, grammY) take a while to load: start now, use them later.
const botModules = Promise.all([
  import("../../bot/app.ts"),
  import("../../core/config.ts"),
  import("../../core/logger.ts"),
  import("./bot-log.ts"),
  import("../../prisma/seed.ts"),
]);
botModules.catch(() => {}); // reported where awaited

const usage = "usage: npm run demo [-- --en] [-- --data-dir DIR]  (or DEMO_DATA_DIR=DIR)";
let args: { en: boolean; dataDir: string };
try {
  const { values } = parseArgs({
    options: {
      en: { type: "boolean", default: false },
      "data-dir": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  args = {
    en: values.en === true,
    dataDir: values["data-dir"] ?? process.env.DEMO_DATA_DIR ?? join("data", "demo"),
  };
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}

const language: Language = args.en ? "en" : "ru";
const texts = allTexts[language];
const databaseDir = join(args.dataDir, "db");
const logFile = join(args.dataDir, "bot.log");
const subscriberPhone = "+79280000001"; // the demo contract 10001's phone, see prisma/seed.ts

const out = (...lines: string[]) => process.stdout.write(`${lines.join("\n")}\n`);
out(...texts.banner, "");

// A signal during the start (the database may be half made) stops the demo once the bot is up.
// While PGlite's initdb blocks the event loop this handler cannot run, and tsx kills the process.
let chat: TerminalChat | undefined;
let quitAfterStart = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (chat) return chat.requestQuit();
    if (quitAfterStart) process.exit(130);
    quitAfterStart = true;
    out(texts.stoppingAfterStart);
  });
}

const emulator = await BotApiEmulator.start({
  bot: { first_name: "Каспнет", username: "kaspnet_demo_bot" },
  timeoutMs: 60_000,
});
const subscriber = emulator.user(
  language === "en"
    ? { firstName: "Ruslan", lastName: "Magomedov", languageCode: "en" }
    : { firstName: "Руслан", lastName: "Магомедов", languageCode: "ru" },
);
const agent = emulator.user({
  firstName: language === "en" ? "Marina" : "Марина",
  languageCode: language,
});
const support = emulator.group({ title: "Каспнет · поддержка", forum: true, members: [agent] });
const staff = emulator.group({ title: "Каспнет · офис", members: [agent] });

const firstStart = !existsSync(join(databaseDir, "PG_VERSION"));
out(firstStart ? texts.startingFresh(databaseDir) : texts.starting);

let app: RunningApp;
let accounts: string[];
let password: string;
try {
  const [{ startApp }, { loadConfig }, { createLogger }, { botLog }, seed] = await botModules;
  const config = loadConfig({
    BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATA_DIR: databaseDir,
    SUPPORT_CHAT_ID: String(support.id),
    STAFF_CHAT_ID: String(staff.id),
    // The emulator takes any provider token: card top-ups work, :pay pays.
    PAYMENT_PROVIDER_TOKEN: "1234567890:TEST:kaspnet-demo",
    // Telegram wants about a second between two messages to a chat and at most 20 a minute to a
    // group; the demo should feel instant.
    TELEGRAM_CHAT_INTERVAL_MS: "50",
    TELEGRAM_GROUP_PER_MINUTE: "60",
  });
  const showMail = (mail: DemoMail) =>
    chat ? chat.showMail(mail) : out(...renderMail(mail, texts));
  const logger = createLogger(config.logLevel, botLog(logFile, showMail));
  app = await startApp(config, logger);
  accounts = seed.demoAccounts.map(
    ({ login, name, status, phone }) =>
      `${login}  ${name} · ${texts.statuses[status] ?? status}${phone ? ` · ${phone}` : ""}`,
  );
  password = seed.demoPassword;
} catch (error) {
  console.error(texts.startFailed(error instanceof Error ? error.message : inspect(error)));
  // An interrupted first start leaves a half-made database that the next start cannot open.
  if (firstStart) console.error(texts.removeAndRetry(args.dataDir));
  console.error(texts.seeLog(logFile));
  await emulator.stop();
  process.exit(1);
}

const seconds = process.uptime().toFixed(1);
out(texts.ready(language === "ru" ? seconds.replace(".", ",") : seconds), "");

chat = new TerminalChat({
  chats: { subscriber, agent, support, staff },
  texts,
  phone: subscriberPhone,
  accounts,
  password,
  logFile,
  input: process.stdin,
  output: process.stdout,
});
if (quitAfterStart) chat.requestQuit();
await chat.run();

let exitCode = 0;
try {
  await app.stop();
} catch (error) {
  console.error(texts.failed(error instanceof Error ? error.message : inspect(error)));
  exitCode = 1;
}
await emulator.stop();
chat.close(texts.bye);
process.exit(exitCode);
