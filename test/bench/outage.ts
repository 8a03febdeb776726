// Benchmark: a mass outage as the agents' group lives it. The real bot (bot/main.ts) runs as its own
// process on PostgreSQL and Redis, polling the local Bot API emulator with Telegram's sending limits
// on (1 a second per private chat after a burst of 3, 20 a minute per group, 30 a second overall).
// A monitoring system opens an incident for a street through POST /incidents; every affected
// subscriber is told; then each of them, at a random moment within the window, asks anyway:
// /support, "Написать оператору", and one message of their own, 1-3 s apart (reading the answer).
// At the end the monitor resolves it.
// Measured: the time to the bot's first answer (/support → the banner with the button), topics
// created in the agents' group, messages posted there per minute (the most in any 60 s), 429s,
// how long a subscriber's message waited for the digest, "restored" notices per subscriber, the
// bot's RSS.
// npm run bench -- outage [subscribers] [window minutes]   (default 1000 5)
// Needs the local PostgreSQL and Redis (REDIS_URL, default redis://127.0.0.1:6379; database 15 of
// it is emptied and used).
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import type { Db } from "../../core/db.ts";
import { BotApiEmulator, type ChatMessage, type UserDriver } from "../emulator/index.ts";
import { startBotProcess } from "../support/bot-process.ts";
import { type Resident, resident, testStreet } from "../support/outage-street.ts";
import { redisUrl } from "../support/services.ts";
import { withBenchDatabase } from "./database.ts";
import { rssOf } from "./rss.ts";

const metricsPort = 9478;
const secret = "bench-outage-monitor-secret";
const houses = ["1", "3", "5", "7", "9", "11", "13", "15"];
const answerTimeoutMs = 120_000;
/** A person reads an answer before pressing or typing: 1 to 3 s. */
const thinkMs = () => 1000 + Math.random() * 2000;

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN);

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const ms = (value: number) => Math.round(value);
  return {
    p50: ms(percentile(sorted, 50)),
    p95: ms(percentile(sorted, 95)),
    p99: ms(percentile(sorted, 99)),
    max: ms(sorted.at(-1) ?? Number.NaN),
  };
};

const hasButton = (message: ChatMessage, text: string) =>
  message.reply_markup?.inline_keyboard.some((row) => row.some((button) => button.text === text)) ??
  false;

/** The bot's first message here after `from` that passes `check`; ms from `since`. */
async function answered(
  user: UserDriver,
  from: number,
  check: (message: ChatMessage) => boolean,
  since: number,
) {
  const message = await user.waitFor(() => user.messages().slice(from).find(check), {
    timeoutMs: answerTimeoutMs,
  });
  return { message, ms: performance.now() - since };
}

interface Latencies {
  support: number[];
  attach: number[];
  written: number[];
  failed: string[];
}

/** /support, "Написать оператору", one message: what an affected subscriber does. */
async function asksAnyway(user: UserDriver, latencies: Latencies) {
  try {
    let from = user.messages().length;
    let sent = performance.now();
    await user.send("/support");
    const menu = await answered(
      user,
      from,
      (message) => hasButton(message, "✍️ Написать оператору"),
      sent,
    );
    latencies.support.push(menu.ms);
    await sleep(thinkMs());
    from = user.messages().length;
    sent = performance.now();
    await user.press("✍️ Написать оператору", { message: menu.message });
    const attached = await answered(
      user,
      from,
      (message) => message.text?.startsWith("Ваше обращение добавлено к аварии") ?? false,
      sent,
    );
    latencies.attach.push(attached.ms);
    await sleep(thinkMs());
    from = user.messages().length;
    sent = performance.now();
    await user.send("Нет интернета с утра, роутер перезагружал");
    const passed = await answered(
      user,
      from,
      (message) => message.text?.startsWith("Передали операторам") ?? false,
      sent,
    );
    latencies.written.push(passed.ms);
  } catch (error) {
    latencies.failed.push(String(error).slice(0, 200));
  }
}

async function residents(db: Db, emulator: BotApiEmulator, count: number) {
  const made: Resident[] = [];
  for (let i = 0; i < count; i += 1)
    made.push(await resident(db, emulator, houses[i % houses.length] ?? "1"));
  return made;
}

/** Sends to the group that Telegram took, and the most of them in any 60 s. */
function groupTraffic(emulator: BotApiEmulator, groupId: number) {
  const toGroup = emulator.calls.filter(
    (call) => /^send/i.test(call.method) && Number(call.params.chat_id) === groupId,
  );
  const posted = toGroup.filter((call) => call.response?.ok).map((call) => call.time);
  let mostPerMinute = 0;
  for (let start = 0, end = 0; end < posted.length; end += 1) {
    while ((posted[end] ?? 0) - (posted[start] ?? 0) >= 60_000) start += 1;
    mostPerMinute = Math.max(mostPerMinute, end - start + 1);
  }
  return {
    posted: posted.length,
    mostPerMinute,
    refused429: toGroup.filter(
      (call) => call.response?.ok === false && call.response.error_code === 429,
    ).length,
  };
}

export async function benchOutage(subscribers = 1000, windowMinutes = 5) {
  const url = new URL(redisUrl);
  url.pathname = "/15";
  const redis = new Redis(url.toString());
  await redis.flushdb();
  const emulator = await BotApiEmulator.start();
  emulator.timeoutMs = answerTimeoutMs;
  const group = emulator.group({ title: "Каспнет · поддержка", forum: true });
  const agent = emulator.user({ firstName: "Марина", languageCode: "ru" });
  group.setMemberStatus(agent.id, "administrator");
  try {
    return await withBenchDatabase(async (db, databaseUrl) => {
      const affected = await residents(db, emulator, subscribers);
      emulator.enforceRateLimits();
      const bot = startBotProcess({
        BOT_TOKEN: emulator.token,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        DATABASE_URL: databaseUrl,
        REDIS_URL: url.toString(),
        METRICS_PORT: String(metricsPort),
        INCIDENT_HOOK_SECRET: secret,
        SUPPORT_CHAT_ID: String(group.id),
        LOG_LEVEL: "info",
      });
      const pid = bot.child.pid ?? 0;
      let peakRss = 0;
      const sampling = setInterval(() => {
        rssOf(pid).then(
          (rss) => {
            peakRss = Math.max(peakRss, rss);
          },
          () => {},
        );
      }, 1000);
      try {
        await bot.logged("bot started");
        const monitor = async (body: unknown) => {
          const response = await fetch(`http://127.0.0.1:${metricsPort}/incidents`, {
            method: "POST",
            headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
            body: JSON.stringify(body),
          });
          return (await response.json()) as { incident?: number; notices?: number };
        };
        const opened = await monitor({
          action: "open",
          id: "bench:switch-down",
          streets: [testStreet.name],
          houses: [],
          eta: new Date(Date.now() + 4 * 3600_000).toISOString(),
          text: "Обрыв магистрального кабеля на Индустриальной",
        });
        const incidentId = opened.incident;
        if (incidentId === undefined) throw new Error(`not opened: ${JSON.stringify(opened)}`);
        const openedAt = performance.now();

        const latencies: Latencies = { support: [], attach: [], written: [], failed: [] };
        const windowMs = windowMinutes * 60_000;
        const flows = affected.map(async ({ user }) => {
          await sleep(Math.random() * windowMs);
          await asksAnyway(user, latencies);
        });
        await Promise.all(flows);
        const askedInMs = performance.now() - openedAt;

        const toldOpen = affected.filter(({ user }) =>
          user.messages().some((message) => message.text?.startsWith("⚠️ Авария на линии")),
        ).length;
        const digested = async () =>
          (await db.incidentMessage.count({ where: { incidentId, digestedAt: null } })) === 0;
        const drainStarted = performance.now();
        while (!(await digested()) && performance.now() - drainStarted < 15 * 60_000)
          await sleep(2000);
        const digestDrainSeconds = Math.round((performance.now() - drainStarted) / 1000);
        const waits = (
          await db.incidentMessage.findMany({
            where: { incidentId },
            select: { createdAt: true, digestedAt: true },
          })
        ).map((row) => (row.digestedAt ?? new Date()).getTime() - row.createdAt.getTime());

        const resolved = await monitor({ action: "resolve", id: "bench:switch-down" });
        const restoredOf = (user: UserDriver) =>
          user.messages().filter((message) => message.text?.startsWith("✅ Связь восстановлена"))
            .length;
        const restoreStarted = performance.now();
        while (
          affected.some(({ user }) => restoredOf(user) === 0) &&
          performance.now() - restoreStarted < 10 * 60_000
        )
          await sleep(1000);
        const restoredInSeconds = Math.round((performance.now() - restoreStarted) / 1000);
        // Anything sent twice would be on its way by now.
        await sleep(10_000);
        const restored = affected.map(({ user }) => restoredOf(user));
        const topics = emulator.calls.filter(
          (call) => call.method === "createForumTopic" && call.response?.ok,
        ).length;
        const refused = emulator.calls.filter(
          (call) => call.response?.ok === false && call.response.error_code === 429,
        );
        const all429 = {
          total: refused.length,
          byMethod: Object.fromEntries(
            [...new Set(refused.map((call) => call.method))].map((method) => [
              method,
              refused.filter((call) => call.method === method).length,
            ]),
          ),
        };
        const errors = bot.output.stdout.split("\n").filter((line) => /"level":(50|60)/.test(line));
        const result = {
          subscribers,
          windowMinutes,
          toldOfOpening: toldOpen,
          askedWithinSeconds: Math.round(askedInMs / 1000),
          firstAnswerMs: summary(latencies.support),
          attachAnswerMs: summary(latencies.attach),
          messageAnswerMs: summary(latencies.written),
          flowsFailed: latencies.failed.length,
          firstFailures: latencies.failed.slice(0, 3),
          topicsCreated: topics,
          agentsGroup: groupTraffic(emulator, group.id),
          digestWaitMs: summary(waits),
          digestDrainAfterLastMessageSeconds: digestDrainSeconds,
          resolvedNotices: resolved.notices,
          restoredExactlyOnce: restored.filter((count) => count === 1).length,
          restoredMissing: restored.filter((count) => count === 0).length,
          restoredTwiceOrMore: restored.filter((count) => count > 1).length,
          restoredAllWithinSeconds: restoredInSeconds,
          all429,
          peakRssMiB: Math.round((Math.max(peakRss, await rssOf(pid)) / 2 ** 20) * 10) / 10,
          errorsLogged: errors.length,
        };
        return result;
      } finally {
        clearInterval(sampling);
        await bot.stop();
      }
    });
  } finally {
    await emulator.stop();
    await redis.flushdb();
    redis.disconnect();
  }
}
