// What a command sees of its process: output lines, standard input, the environment, the
// database (opened on first use), and the exit codes it ends with.
import type { Readable } from "node:stream";
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { Db } from "../../core/db.ts";
import type { AdminConfig } from "./config.ts";

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;

export const exitCode = { ok: 0, failed: 1, badInput: 2 } as const;

export interface AdminIo {
  /** Results: what a script would capture. */
  out(line: string): void;
  /** Progress, warnings and problems. */
  err(line: string): void;
  stdin: Readable & { isTTY?: boolean; setRawMode?(mode: boolean): unknown };
  env: Record<string, string | undefined>;
}

export interface AdminContext {
  io: AdminIo;
  config(): AdminConfig;
  db(): Promise<Db>;
}

export interface AdminCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], context: AdminContext): Promise<number>;
}

/** Bad input from the operator: one line on stderr, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

type Parsed<T extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

/**
 * The command's arguments: its options and exactly the positionals it names (the last
 * `optional` of them may be left out).
 */
export function parseCommandLine<const T extends ParseArgsOptionsConfig>(
  command: AdminCommand,
  args: string[],
  spec: { options: T; positionals: string[]; optional?: number },
): Parsed<T> {
  let parsed: Parsed<T>;
  try {
    parsed = parseArgs({ args, options: spec.options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split(". ")[0] : String(error);
    throw new UsageError(`${command.name}: ${message}; usage: npm run admin -- ${command.usage}`);
  }
  const least = spec.positionals.length - (spec.optional ?? 0);
  const missing = spec.positionals[parsed.positionals.length];
  if (parsed.positionals.length < least && missing) {
    throw new UsageError(
      `${command.name}: missing <${missing}>; usage: npm run admin -- ${command.usage}`,
    );
  }
  const extra = parsed.positionals[spec.positionals.length];
  if (extra !== undefined) {
    throw new UsageError(
      `${command.name}: unexpected argument "${extra}"; usage: npm run admin -- ${command.usage}`,
    );
  }
  return parsed;
}
