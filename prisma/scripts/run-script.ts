import { ConfigError } from "../../core/config.ts";

/**
 * Runs a command-line script: a configuration error is one line, any failure a non-zero exit.
 * It exits when the work is done: the wasm schema engine leaves a timer behind for ~10 s.
 */
export async function runScript(main: () => Promise<void>): Promise<never> {
  try {
    await main();
    process.exit(0);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}
