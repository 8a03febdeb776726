// The CSV file an import names, as text; a missing or unreadable one is the operator's mistake.
import { readFile } from "node:fs/promises";
import { type AdminCommand, parseCommandLine, UsageError } from "../io.ts";

/** The text of the file an import command's one argument (`<file.csv>`) names. */
export async function readCsvArgument(command: AdminCommand, args: string[]): Promise<string> {
  const { positionals } = parseCommandLine(command, args, {
    options: {},
    positionals: ["file.csv"],
  });
  return readImportFile(positionals[0] ?? "");
}

export async function readImportFile(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "a directory, not a file"
          : code === "EACCES"
            ? "not readable"
            : (error as Error).message;
    throw new UsageError(`${path}: ${why}`);
  }
}
