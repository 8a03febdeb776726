// The operator's command line as a real process (`npm run admin -- …` runs this same file).
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

export const root = join(import.meta.dirname, "../..");

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string[];
  stderr: string[];
}

/**
 * Runs `npm run admin -- <args>` with only the given environment; `onErrLine` sees each stderr
 * line as it comes and may kill the process.
 */
export function admin(
  args: string[],
  env: Record<string, string>,
  options: { stdin?: string; onErrLine?(line: string, child: ChildProcess): void } = {},
): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", "bot/admin/main.ts", ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  let partial = "";
  child.stdout.on("data", (chunk) => {
    output.stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output.stderr += chunk;
    partial += chunk;
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) options.onErrLine?.(line, child);
  });
  child.stdin.end(options.stdin ?? "");
  const lines = (text: string) => text.split("\n").filter((line) => line !== "");
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({ code, signal, stdout: lines(output.stdout), stderr: lines(output.stderr) }),
    );
  });
}
