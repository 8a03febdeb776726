// The first pass of `npm run bench -- updates`: anchor A, anchor B and the bot polling side by
// side with nothing between them and PostgreSQL; the closed loop alternated in rounds, then
// /balance in open loop at each rate; the CPU profile around both when asked.
import { readFile } from "node:fs/promises";
import type { BotApiEmulator } from "../../emulator/index.ts";
import { type BenchContext, measured, progress } from "./bench-context.ts";
import { type RunningBot, startAnchor, startRealBot } from "./bots.ts";
import { type CpuProfile, summarizeProfile } from "./cpu-profile-summary.ts";
import { closedLoop, openLoop } from "./load.ts";
import { type Load, loads } from "./results.ts";
import { latencies } from "./stats.ts";

export async function pollingPass(context: BenchContext): Promise<void> {
  const { options, results, emulators, stores } = context;
  progress("starting anchor A, anchor B and the bot (polling)");
  const [anchorA, anchorB, bot] = await context.start(
    startAnchor("no-io", emulators.anchorA, stores),
    startAnchor("same-io", emulators.anchorB, stores),
    startRealBot(emulators.bot, { ...stores, profileTo: options.cpuProfile }),
  );
  const processOf = (load: Load) =>
    load === "anchorA" ? anchorA : load === "anchorB" ? anchorB : bot;
  progress("counting the calls per update, warming up");
  const offers = await context.prepare(loads, Math.min(options.updates, 100));
  if (options.cpuProfile) await bot.toggleProfile();
  for (let round = 1; round <= options.rounds; round++) {
    for (const load of loads) {
      const list = await context.usersFor(load, options.chats, offers.balance);
      const { phase } = await measured(processOf(load), () =>
        closedLoop(list, options.updates, offers[load], `round ${round}, ${load}`).catch(
          (error: unknown) => {
            throw unanswered(
              error,
              processOf(load),
              emulators[load === "anchorA" || load === "anchorB" ? load : "bot"],
            );
          },
        ),
      );
      results.closed[load].push(phase);
      progress(`round ${round} ${load}: ${Math.round(phase.perSecond)} upd/s`);
    }
  }
  for (const rate of options.rates) {
    const total = Math.round(rate * options.openSeconds);
    // At most 6 updates a chat: the flood guard never holds one back.
    const list = await context.usersFor("balance", Math.max(20, Math.ceil(total / 6)));
    const { result } = await measured(bot, () =>
      openLoop(list, rate, options.openSeconds, offers.balance, `/balance at ${rate} upd/s`),
    );
    const answered = latencies(result.latencies);
    results.open.push({
      rate,
      updates: result.updates,
      answeredPerSecond: result.perSecond,
      ...answered,
    });
    progress(`open loop ${rate} upd/s: p99 ${Math.round(answered.p99)} ms`);
  }
  if (options.cpuProfile) {
    await bot.toggleProfile();
    const profile = JSON.parse(await readFile(options.cpuProfile, "utf8")) as CpuProfile;
    results.profile = { file: options.cpuProfile, summary: summarizeProfile(profile) };
  }
  results.floodDropped += await bot.floodDropped();
  results.errorsLogged += bot.errorsLogged();
  await context.stopAll();
}

/** A phase that was not answered, with what its bot printed and what its emulator still holds. */
function unanswered(error: unknown, bot: RunningBot, emulator: BotApiEmulator): Error {
  const pending = emulator.pendingUpdates().length;
  return new Error(
    `${error instanceof Error ? error.message : String(error)}; ${pending} updates not fetched by the bot; it printed lately:\n${bot.output()}`,
  );
}
