// The CSV file an import names, as text; a missing or unreadable one is the operator's mistake.
import { readFile } from "node:fs/promises";
import { UsageError } from "../io.ts";

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
