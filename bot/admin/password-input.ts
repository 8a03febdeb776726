// A password typed by the operator: from a terminal without echo (asked twice), or the first
// line of piped standard input (`echo "$PASS" | npm run admin -- set-password 10001`).
import type { AdminIo } from "./io.ts";
import { UsageError } from "./io.ts";

export async function readPassword(io: AdminIo, prompt: string): Promise<string> {
  if (io.stdin.isTTY && io.stdin.setRawMode) {
    const first = await readHidden(io, prompt);
    const second = await readHidden(io, "Repeat it: ");
    if (first !== second) throw new UsageError("password: the two entries differ");
    return first;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer));
  const [line = ""] = Buffer.concat(chunks).toString("utf8").split(/\r?\n/);
  if (line === "") throw new UsageError("password: nothing on standard input (or use --generate)");
  return line;
}

function readHidden(io: AdminIo, prompt: string): Promise<string> {
  const { stdin } = io;
  io.err(prompt);
  return new Promise((resolve, reject) => {
    let typed = "";
    const finish = (error?: Error) => {
      stdin.off("data", onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") return finish();
        if (char === "\u0003" || char === "\u0004") {
          return finish(new UsageError("password: cancelled"));
        }
        if (char === "\u007f" || char === "\b") typed = [...typed].slice(0, -1).join("");
        else if (char >= " ") typed += char;
      }
    };
    stdin.setRawMode?.(true);
    stdin.on("data", onData);
    stdin.resume();
  });
}
