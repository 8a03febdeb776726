// npm run bench [-- <name> [args…]]: the project's benchmarks; results go to BENCHMARKS.md by hand,
// with the command that produced them. A benchmark returns its figures (printed as JSON) or the
// markdown it prints itself.
import { benchBalanceUbilling } from "./balance-ubilling.ts";
import { benchDailyCharge } from "./daily-charge.ts";
import { benchMemory } from "./memory.ts";
import { benchOutage } from "./outage.ts";
import { benchReminders } from "./reminders.ts";
import { benchUpdates } from "./updates.ts";

const numbers = (args: string[]) => args.map(Number);
const benchmarks: Record<string, (args: string[]) => Promise<Record<string, unknown> | string>> = {
  "balance-ubilling": (args) => benchBalanceUbilling(...numbers(args)),
  "daily-charge": (args) => benchDailyCharge(...numbers(args)),
  memory: (args) => benchMemory(...numbers(args)),
  outage: (args) => benchOutage(...numbers(args)),
  reminders: (args) => benchReminders(...numbers(args)),
  updates: (args) => benchUpdates(...args),
};

const [only, ...args] = process.argv.slice(2);
for (const [name, run] of Object.entries(benchmarks)) {
  if (only && only !== name) continue;
  const result = await run(args);
  console.log(`${name}:`, typeof result === "string" ? `\n\n${result}\n` : JSON.stringify(result));
}
process.exit(0);
