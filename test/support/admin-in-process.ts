// The operator's command line called as a function in the test's own process: what
// `npm run admin -- …` does, without starting Node and tsx for every command. Exit codes of the
// real process and its crash are tested with admin-process.ts.
import { Readable } from "node:stream";
import { runAdmin } from "../../bot/admin/cli.ts";

export interface AdminRun {
  code: number;
  stdout: string[];
  stderr: string[];
}

/** Runs one admin command with only the given environment and `stdin` as its standard input. */
export async function adminInProcess(
  args: string[],
  env: Record<string, string>,
  stdin = "",
): Promise<AdminRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runAdmin(args, {
    out: (line) => stdout.push(...lines(line)),
    err: (line) => stderr.push(...lines(line)),
    stdin: Readable.from(stdin === "" ? [] : [Buffer.from(stdin)]),
    env: { ...env },
  });
  return { code, stdout, stderr };
}

// The real process's output is split into lines and its empty lines dropped: the same here.
const lines = (text: string) => text.split("\n").filter((line) => line !== "");
