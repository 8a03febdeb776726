// `npm run demo` as a newcomer drives it, through pipes: the real bot and the emulator in one
// process, the terminal chat on stdin/stdout, a fresh demo database in a temporary directory.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");

/** The demo process; `expect` waits for a pattern in what it printed after the last match. */
class Demo {
  output = "";
  errors = "";
  private consumed = 0;
  private readonly listeners = new Set<() => void>();

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      this.output += chunk;
      for (const listener of [...this.listeners]) listener();
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      this.errors += chunk;
    });
    child.on("exit", () => {
      for (const listener of [...this.listeners]) listener();
    });
  }

  type(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  expect(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = this.output.slice(this.consumed).match(pattern);
        if (match?.index !== undefined) {
          this.consumed += match.index + match[0].length;
          done();
          resolve(match);
        } else if (this.child.exitCode !== null) {
          done();
          reject(new Error(`The demo exited before printing ${pattern}:\n${this.transcript()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`No ${pattern} within ${timeoutMs} ms:\n${this.transcript()}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  async exitCode(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const [code] = await once(this.child, "exit");
    return code as number | null;
  }

  private transcript(): string {
    return `--- stdout ---\n${this.output}\n--- stderr ---\n${this.errors}`;
  }
}

describe("npm run demo", () => {
  let dataDir: string | undefined;
  let demo: Demo | undefined;
  afterAll(async () => {
    if (demo?.child.exitCode === null) demo.child.kill("SIGKILL");
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("chats with the real bot in the terminal: /start, a menu button by its number, :quit", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "kaspnet-demo-"));
    demo = new Demo(
      spawn(tsx, ["test/demo/main.ts"], {
        cwd: root,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DEMO_DATA_DIR: dataDir },
      }),
    );

    await demo.expect(/:help/);
    // The first start creates, migrates and seeds the embedded database.
    await demo.expect(/запуск… первый запуск/);
    await demo.expect(/готово за \d+,\d с/, 90_000);

    demo.type("/start");
    await demo.expect(/Здравствуйте, Руслан!/);
    await demo.expect(/Главное меню/);
    const [, number] = await demo.expect(/\[(\d+)\] 📍 Контакты и офис/);

    demo.type(`:${number}`);
    await demo.expect(/нажата кнопка «📍 Контакты и офис»/);
    await demo.expect(/📍 Офис: г\. Каспийск, ул\. Ленина 52а/);
    const venue = await demo.expect(
      /📍 Каспнет, офис\n\s+г\. Каспийск, ул\. Ленина 52а\n\s+координаты: ([\d.]+), ([\d.]+)/,
    );
    expect(Number(venue[1])).toBeCloseTo(42.88, 1);
    expect(Number(venue[2])).toBeCloseTo(47.64, 1);

    demo.type(":quit");
    await demo.expect(/до свидания/);
    expect(await demo.exitCode()).toBe(0);
    expect(demo.errors).toBe("");

    // The bot's logs went to the log file, not to the terminal.
    expect(demo.output).not.toContain('"level"');
    const log = await readFile(join(dataDir, "bot.log"), "utf8");
    expect(log).toContain('"msg":"bot started"');
    expect(log).toContain('"msg":"bot stopped"');
    expect(existsSync(join(dataDir, "db", "PG_VERSION"))).toBe(true);
  }, 180_000);
});
