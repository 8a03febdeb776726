// npm run bench [-- <name> [args…]]: the project's benchmarks; results go to BENCHMARKS.md by hand,
// with the command that produced them.
import { benchBalanceUbilling } from "./balance-ubilling.ts";
import { benchDailyCharge } from "./daily-charge.ts";
import { benchMemory } from "./memory.ts";
import { benchOutage } from "./outage.ts";
import { benchReminders } from "./reminders.ts";

const benchmarks: Record<string, (...args: number[]) => Promise<Record<string, unknown>>> = {
  "balance-ubilling": benchBalanceUbilling,
  "daily-charge": benchDailyCharge,
  memory: benchMemory,
  outage: benchOutage,
  reminders: benchReminders,
};

const [only, ...args] = process.argv.slice(2);
const numbers = args.map(Number);
for (const [name, run] of Object.entries(benchmarks)) {
  if (only && only !== name) continue;
  console.log(`${name}:`, JSON.stringify(await run(...numbers)));
}
process.exit(0);
