// Loaded into a bot process (NODE_OPTIONS=--import) by `npm run bench -- updates --cpu-prof`: the
// first SIGUSR2 starts V8's CPU profiler, the second stops it and writes the profile to
// BENCH_CPU_PROFILE, then logs "cpu profile written" (a JSON line, as the bot logs). Only the measured load is profiled, not
// the start.
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";

const session = new Session();
let profiling = false;

process.on("SIGUSR2", async () => {
  if (!profiling) {
    profiling = true;
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
    return;
  }
  const { profile } = await session.post("Profiler.stop");
  await writeFile(process.env.BENCH_CPU_PROFILE ?? "bot.cpuprofile", JSON.stringify(profile));
  session.disconnect();
  profiling = false;
  console.log(JSON.stringify({ msg: "cpu profile written" }));
});
