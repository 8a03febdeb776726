// A process's resident set size as an operator sees it (/proc/<pid>/status), in bytes.
import { readFile } from "node:fs/promises";

export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) * 1024;
}
