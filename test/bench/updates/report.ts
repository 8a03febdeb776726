// The markdown `npm run bench -- updates` prints: the tables BENCHMARKS.md takes as they are.

import { webhookConnections } from "./bots.ts";
import { loads, type UpdatesResults } from "./results.ts";
import { median } from "./stats.ts";

const labels = {
  anchorA: "anchor A: bare grammY runner, one reply, no I/O",
  anchorB: "anchor B: runner + Redis GET/SET + 1 SQL by hand",
  start: "bot: /start (known user, not signed in)",
  balance: "bot: /balance (signed in)",
  history: "bot: the card's 📜 История платежей (callback)",
} as const;

const whole = (value: number) => Math.round(value).toLocaleString("en-US");
const one = (value: number) => (Math.round(value * 10) / 10).toFixed(1);
const two = (value: number) => (Math.round(value * 100) / 100).toFixed(2);
const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;

export function markdownReport(results: UpdatesResults): string {
  const { options } = results;
  const perSecond = (load: (typeof loads)[number]) =>
    median(results.closed[load].map((phase) => phase.perSecond));
  const anchorA = perSecond("anchorA");
  const anchorB = perSecond("anchorB");
  const lines: string[] = [];
  lines.push(
    `Closed loop: ${options.chats} chats with one update each in flight, ${options.updates} updates a phase, ` +
      `${options.rounds} rounds of A, B, bot (/start, /balance, history) alternated; medians of the rounds. ` +
      "CPU: the bot's own process (/proc), the emulator and the load run in the benchmark's process " +
      "(its CPU is the last column). Round trips and Redis commands: a separate counting pass " +
      `(${options.countUpdates} updates each, from fresh chats, with PostgreSQL and Redis behind counters of ` +
      "their wire protocols, from quiet to quiet so that work trailing the answers counts): Redis commands " +
      "as sent, a script being one, and in brackets as INFO commandstats counts them, the commands a " +
      "script runs included. The inbox stores each fetched batch in one INSERT, so its share per update " +
      "depends on the batch sizes.",
    "",
    row([
      "load",
      "calls per update",
      "upd/s",
      "× anchor A",
      "× anchor B",
      "CPU ms/update",
      "SQL round trips/update (transactions)",
      "Redis commands/update",
      "closed-loop p50 / p99 ms",
      "emulator CPU ms/update",
    ]),
    row(Array(10).fill("---")),
  );
  for (const load of loads) {
    const phases = results.closed[load];
    const rate = perSecond(load);
    const counted = load === "anchorA" ? undefined : results.counted[load];
    const isBot = load !== "anchorA" && load !== "anchorB";
    lines.push(
      row([
        labels[load],
        results.callsPerUpdate[load],
        whole(rate),
        isBot ? two(rate / anchorA) : "—",
        isBot ? two(rate / anchorB) : "—",
        two(median(phases.map((phase) => phase.cpuMsPerUpdate))),
        load === "anchorA"
          ? "0"
          : counted
            ? `${one(counted.roundTrips)} (${one(counted.transactions)})`
            : "?",
        load === "anchorA"
          ? "0"
          : counted
            ? `${one(counted.redisSent)}: ${counted.redisSentByCommand} (server ${one(counted.redisServer)})`
            : "?",
        `${whole(median(phases.map((phase) => phase.p50)))} / ${whole(median(phases.map((phase) => phase.p99)))}`,
        two(median(phases.map((phase) => phase.emulatorCpuMsPerUpdate))),
      ]),
    );
  }
  lines.push(
    "",
    `Open loop: /balance from signed-in users offered at a fixed rate for ${options.openSeconds} s, each update timed ` +
      "from when it was due to the bot's answer arriving at the emulator (queueing included).",
    "",
    row(["offered upd/s", "updates", "answered upd/s", "p50 ms", "p95 ms", "p99 ms", "max ms"]),
    row(Array(7).fill("---")),
    ...results.open.map((open) =>
      row([
        whole(open.rate),
        whole(open.updates),
        whole(open.answeredPerSecond),
        whole(open.p50),
        whole(open.p95),
        whole(open.p99),
        whole(open.max),
      ]),
    ),
    "",
    `Webhook: ${options.webhookChats} chats with one update each in flight, the emulator delivering up to ` +
      `${webhookConnections} at once, ${options.webhookUpdates} updates a phase, ${options.rounds} rounds alternated; ` +
      "medians of the rounds. The bot with Redis takes each chat's lock (several instances' mode).",
    "",
    row(["webhook", "upd/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms/update"]),
    row(Array(6).fill("---")),
  );
  for (const [name, phases] of [
    ["anchor A (grammY webhookCallback)", results.webhook.anchorA],
    ["bot: /balance", results.webhook.bot],
  ] as const) {
    const of = (pick: (phase: (typeof phases)[number]) => number) => median(phases.map(pick));
    lines.push(
      row([
        name,
        whole(of((p) => p.perSecond)),
        whole(of((p) => p.p50)),
        whole(of((p) => p.p95)),
        whole(of((p) => p.p99)),
        two(of((p) => p.cpuMsPerUpdate)),
      ]),
    );
  }
  const webhookCounted = results.countedWebhook;
  if (webhookCounted) {
    lines.push(
      "",
      `Webhook /balance, counted like the rest: ${one(webhookCounted.roundTrips)} SQL round trips ` +
        `(${one(webhookCounted.transactions)} transactions), Redis ${one(webhookCounted.redisSent)} sent: ` +
        `${webhookCounted.redisSentByCommand} (server ${one(webhookCounted.redisServer)}) per update.`,
    );
  }
  const dropped = results.floodDropped;
  lines.push(
    "",
    `Flood guard at the shipped FLOOD_LIMIT (15 per 5 s): updates it dropped: ${dropped}` +
      `${dropped > 0 ? " (the numbers above are not valid)" : ""}. Errors the bot logged: ${results.errorsLogged}. ` +
      `Bot API calls refused: ${results.failedCalls}. SCHEDULER=off. Load average before / after: ` +
      `${results.loadAverage.before.map(two).join(" ")} / ${results.loadAverage.after.map(two).join(" ")}; ` +
      `${Math.round(results.seconds)} s in all.`,
  );
  const shortened = (text: string) => `\`${text.length > 140 ? `${text.slice(0, 137)}…` : text}\``;
  const sqlLists = [
    ...(["start", "balance", "history"] as const).map(
      (load) => [labels[load], results.counted[load]] as const,
    ),
    ["bot: /balance in webhook mode", results.countedWebhook] as const,
  ];
  for (const [label, counted] of sqlLists) {
    if (!counted) continue;
    lines.push(
      "",
      `SQL of ${label}, per update:`,
      "",
      ...counted.statementsByText.map(
        (statement) => `- ${two(statement.perUpdate)} × ${shortened(statement.text)}`,
      ),
    );
  }
  if (results.profile) {
    const { summary, file } = results.profile;
    lines.push(
      "",
      `CPU profile of the bot during the closed and open loops: ${file} (${whole(summary.busyMs)} ms busy; ` +
        "the profiler slows the bot, so the numbers above are from a run without it when this is not the only run).",
      "",
      row(["area (Node's and native time charged to its caller)", "share", "ms"]),
      row(["---", "---", "---"]),
      ...summary.areas.map((entry) => row([entry.name, percent(entry.share), whole(entry.ms)])),
      "",
      row(["module", "share", "ms"]),
      row(["---", "---", "---"]),
      ...summary.modules.map((entry) => row([entry.name, percent(entry.share), whole(entry.ms)])),
      "",
      row(["function", "share", "ms"]),
      row(["---", "---", "---"]),
      ...summary.functions.map((entry) =>
        row([`\`${entry.name}\``, percent(entry.share), whole(entry.ms)]),
      ),
    );
  }
  return lines.join("\n");
}
