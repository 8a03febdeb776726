// The webhook pass of `npm run bench -- updates`: the bot in webhook mode (with Redis: the chat
// lock of several instances) and anchor A behind grammY's webhookCallback, `--webhook-chats`
// deliveries at once, alternated in rounds; then the bot's /balance counted as in polling mode.
import { type BenchContext, measured, progress } from "./bench-context.ts";
import { startAnchor, startRealBot } from "./bots.ts";
import { between, countersFor, perUpdate, quietSnapshot } from "./counting.ts";
import { closedLoop } from "./load.ts";

export async function webhookPass(context: BenchContext): Promise<void> {
  const { options, results, emulators, stores, redis } = context;
  progress("webhook mode");
  const [anchorA, bot] = await context.start(
    startAnchor("no-io", emulators.anchorA, stores, "webhook"),
    startRealBot(emulators.bot, { ...stores, mode: "webhook" }),
  );
  const offers = await context.prepare(["anchorA", "balance"], 200);
  for (let round = 1; round <= options.rounds; round++) {
    for (const [load, target, into] of [
      ["anchorA", anchorA, results.webhook.anchorA],
      ["balance", bot, results.webhook.bot],
    ] as const) {
      const list = await context.usersFor(load, options.webhookChats);
      const { answered, phase } = await measured(target, () =>
        closedLoop(list, options.webhookUpdates, offers[load], `webhook ${load}`),
      );
      into.push({ ...answered, perSecond: phase.perSecond, cpuMsPerUpdate: phase.cpuMsPerUpdate });
      progress(`webhook round ${round} ${load}: p99 ${Math.round(answered.p99)} ms`);
    }
  }
  results.floodDropped += await bot.floodDropped();
  results.errorsLogged += bot.errorsLogged();
  await context.stopAll();

  const counters = await countersFor(stores, redis);
  const [counted] = await context.start(
    startRealBot(emulators.bot, { ...counters.stores, mode: "webhook" }),
  );
  const offer = (await context.prepare(["balance"], 50)).balance;
  const list = await context.usersFor("balance", Math.max(10, Math.ceil(options.countUpdates / 5)));
  const before = await quietSnapshot(counters);
  await closedLoop(list, options.countUpdates, offer, "counting webhook");
  results.countedWebhook = perUpdate(
    between(before, await quietSnapshot(counters)),
    options.countUpdates,
  );
  results.floodDropped += await counted.floodDropped();
  results.errorsLogged += counted.errorsLogged();
  await context.stopAll();
  await counters.close();
}
