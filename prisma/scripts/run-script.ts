import { ConfigError } from "../../core/config.ts";

/** Runs a command-line script: a configuration error is one line, any failure a non-zero exit. */
export async function runScript(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  }
}
