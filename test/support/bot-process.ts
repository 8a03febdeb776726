// The real bot (`bot/main.ts`) as a child process, for tests that stop it, kill it or read what it
// prints. Node runs it with tsx as a loader (not the tsx command, which would be a second process a
// SIGKILL leaves running).
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "../..");

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BotProcess {
  child: ChildProcess;
  /** Everything printed so far. */
  output: { stdout: string; stderr: string };
  /** Resolves with the first JSON log line with this `msg`; rejects if the process ends first. */
  logged(msg: string): Promise<Record<string, unknown>>;
  /** Sends the signal and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<Exit>;
  /**
   * SIGTERM; SIGKILL if it has not ended after `graceMs` (a failed test may leave it stuck), so no
   * process outlives the test. Resolves with how the process ended.
   */
  stop(graceMs?: number): Promise<Exit>;
  exit(): Promise<Exit>;
}

/** Starts `bot/main.ts` with only the given environment (and PATH, HOME). */
export function startBotProcess(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  const logLines: Record<string, unknown>[] = [];
  const lineListeners = new Set<() => void>();
  let partial = "";
  child.stdout?.on("data", (chunk) => {
    output.stdout += chunk;
    partial += chunk;
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logLines.push(JSON.parse(line));
      } catch {}
    }
    for (const listener of [...lineListeners]) listener();
  });
  child.stderr?.on("data", (chunk) => {
    output.stderr += chunk;
  });
  const exited: Promise<Exit> = new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const exit = () => exited;
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };

  return {
    child,
    output,
    exit,
    logged(msg) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = logLines.find((entry) => entry.msg === msg);
          if (line === undefined) return;
          lineListeners.delete(check);
          resolve(line);
        };
        lineListeners.add(check);
        check();
        void exited.then((how) => {
          lineListeners.delete(check);
          reject(
            new Error(
              `The bot process ended (${how.signal ?? how.code}) before logging "${msg}":\n${output.stderr}${output.stdout}`,
            ),
          );
        });
      });
    },
    kill,
    async stop(graceMs = 40_000) {
      const forced = setTimeout(() => child.kill("SIGKILL"), graceMs);
      try {
        return await kill("SIGTERM");
      } finally {
        clearTimeout(forced);
      }
    },
  };
}
