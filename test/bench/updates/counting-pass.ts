// The counting pass of `npm run bench -- updates`: the bot and anchor B started again with their
// PostgreSQL and Redis behind counters (counting.ts), each load run from quiet to quiet.
import { type BenchContext, progress } from "./bench-context.ts";
import { startAnchor, startRealBot } from "./bots.ts";
import { between, countersFor, perUpdate, quietSnapshot } from "./counting.ts";
import { closedLoop } from "./load.ts";
import { botLoads } from "./results.ts";

export async function countingPass(context: BenchContext): Promise<void> {
  const { options, results, emulators, stores, redis } = context;
  progress("counting SQL round trips and Redis commands");
  const [countersB, countersBot] = await Promise.all([
    countersFor(stores, redis),
    countersFor(stores, redis),
  ]);
  const [, countedBot] = await context.start(
    startAnchor("same-io", emulators.anchorB, countersB.stores),
    startRealBot(emulators.bot, countersBot.stores),
  );
  const loads = ["anchorB", ...botLoads] as const;
  const offers = await context.prepare(loads, 100);
  for (const load of loads) {
    const counters = load === "anchorB" ? countersB : countersBot;
    // 5 updates a chat: the flood guard never holds one back.
    const list = await context.usersFor(
      load,
      Math.max(10, Math.ceil(options.countUpdates / 5)),
      offers.balance,
    );
    const before = await quietSnapshot(counters);
    await closedLoop(list, options.countUpdates, offers[load], `counting ${load}`);
    results.counted[load] = perUpdate(
      between(before, await quietSnapshot(counters)),
      options.countUpdates,
    );
  }
  results.floodDropped += await countedBot.floodDropped();
  results.errorsLogged += countedBot.errorsLogged();
  await context.stopAll();
  await countersB.close();
  await countersBot.close();
}
