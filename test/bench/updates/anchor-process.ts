// An anchor bot (anchor-no-io.ts, anchor-same-io.ts) as a child process of the benchmark, like
// the real bot: its CPU is its own, apart from the emulator's.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "../../..");

export interface AnchorProcess {
  pid: number;
  /** What it printed (stdout and stderr), the last few thousand characters. */
  output(): string;
  stop(): Promise<void>;
}

export async function startAnchorProcess(
  entry: "anchor-no-io.ts" | "anchor-same-io.ts",
  env: Record<string, string>,
): Promise<AnchorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, entry)],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      if (/^ready$/m.test(output)) resolve();
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    void exited.then(() => reject(new Error(`${entry} ended before it was ready:\n${output}`)));
  });
  return {
    pid: child.pid ?? 0,
    output: () => output.slice(-4000),
    async stop() {
      const forced = setTimeout(() => child.kill("SIGKILL"), 10_000);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
      clearTimeout(forced);
    },
  };
}
