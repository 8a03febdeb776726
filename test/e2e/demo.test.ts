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
  private exited = false;
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
      this.exited = true;
      for (const listener of [...this.listeners]) listener();
    });
  }

  type(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Waits for `pattern` in what was printed after the last match, and consumes it. */
  async expect(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    const [match] = await this.expectAll([pattern], timeoutMs);
    return match as RegExpMatchArray;
  }

  /** Waits for every pattern, in any order (the bot answers in two chats at once). */
  expectAll(patterns: RegExp[], timeoutMs = 20_000): Promise<RegExpMatchArray[]> {
    const what = patterns.join(", ");
    return new Promise((resolve, reject) => {
      const check = () => {
        const rest = this.output.slice(this.consumed);
        const matches = patterns.map((pattern) => rest.match(pattern));
        if (matches.every((match) => match?.index !== undefined)) {
          const found = matches as RegExpMatchArray[];
          this.consumed += Math.max(...found.map((m) => (m.index ?? 0) + m[0].length));
          done();
          resolve(found);
        } else if (this.exited) {
          done();
          reject(new Error(`The demo exited before printing ${what}:\n${this.transcript()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`No ${what} within ${timeoutMs} ms:\n${this.transcript()}`));
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
    if (this.exited) return this.child.exitCode;
    const [code] = await once(this.child, "exit");
    return code as number | null;
  }

  /** Stops the demo if it still runs: SIGTERM, and SIGKILL if it has not exited in 10 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = once(this.child, "exit");
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private transcript(): string {
    return `--- stdout ---\n${this.output}\n--- stderr ---\n${this.errors}`;
  }
}

/** An amount as the bot shows it ("1 225,81 ₽", with no-break spaces) in rubles. */
const rubles = (shown: string) => Number(shown.replace(/\s/g, "").replace(",", "."));
/** A pattern that matches `text` as it is. */
const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

describe("npm run demo", () => {
  const dataDirs: string[] = [];
  const demos: Demo[] = [];
  afterAll(async () => {
    // After a failure: stop the demo as Ctrl-C would (tsx passes SIGTERM on to the bot's process,
    // a SIGKILL would leave that running), before its database directory goes.
    await Promise.all(demos.map((demo) => demo.stop()));
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  /** Starts the demo on a fresh database in a temporary directory given by the variable or flag. */
  async function startDemo(dataDirBy: "DEMO_DATA_DIR" | "--data-dir") {
    const dataDir = await mkdtemp(join(tmpdir(), "kaspnet-demo-"));
    dataDirs.push(dataDir);
    const viaFlag = dataDirBy === "--data-dir";
    const demo = new Demo(
      spawn(tsx, ["test/demo/main.ts", ...(viaFlag ? ["--data-dir", dataDir] : [])], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          ...(viaFlag ? {} : { DEMO_DATA_DIR: dataDir }),
        },
      }),
    );
    demos.push(demo);
    return { demo, dataDir };
  }

  it("chats with the real bot in the terminal: /start, a menu button by its number, :quit", async () => {
    const { demo, dataDir } = await startDemo("DEMO_DATA_DIR");
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

  it("works the other controls: :help, :pay, :contact, :agents with :topic, :me, :staff, bad ones", async () => {
    const { demo, dataDir } = await startDemo("--data-dir");
    await demo.expect(/готово за \d+,\d с/, 90_000);

    // :help: the controls, the demo contracts with their password and phones, the log file.
    demo.type(":help");
    await demo.expect(/Команды демо:/);
    for (const control of [":contact", ":pay", ":agents", ":topic", ":staff", ":me", ":quit"]) {
      await demo.expect(new RegExp(`\\n  ${control} `));
    }
    await demo.expect(/Демо-договоры \(пароль kaspnet-demo\):/);
    await demo.expect(/10001 {2}Магомедов Руслан Ахмедович · активен · \+79280000001/);
    await demo.expect(literally(`Журнал бота: ${join(dataDir, "bot.log")}`));

    // :pay with no invoice yet says where invoices come from.
    demo.type(":pay");
    await demo.expect(/счетов пока нет: бот их присылает, когда вы пополняете баланс/);

    // :contact shares the subscriber's own phone: that is contract 10001's, the bot signs in.
    demo.type("/start");
    await demo.expect(/\[\d+\] 🔑 Войти в личный кабинет/);
    demo.type(":contact");
    await demo.expectAll([
      /→ отправлен ваш контакт \+79280000001/,
      /Вы вошли в личный кабинет: договор 10001, Магомедов Руслан Ахмедович\./,
      /Главное меню\.\n\s+Договор 10001: Магомедов Руслан Ахмедович\./,
    ]);

    // /topup, a preset amount by its number, :pay: the receipt shows the new balance.
    demo.type("/topup");
    const [, before] = await demo.expect(
      /Пополнение договора 10001 банковской картой\. Баланс: (\d[\d\s]*,\d\d)\s₽\. Выберите сумму:/,
    );
    const [, amountButton] = await demo.expect(/\[(\d+)\] 500,00\s₽\n/);
    demo.type(`:${amountButton}`);
    await demo.expect(/→ нажата кнопка «500,00\s₽»/);
    await demo.expect(
      /🧾 счёт: Пополнение баланса\n[^\n]*\n\s+к оплате: 500,00 ₽ \(оплатить: :pay\)/,
    );
    demo.type(":pay");
    await demo.expect(/оплата 500,00 ₽… \(тестовая карта эмулятора\)/);
    const [, receipt] = await demo.expectAll([
      /✔ оплачено/,
      /✅ Оплата получена: 500,00\s₽ зачислено на договор 10001\.\n\s+Баланс: (\d[\d\s]*,\d\d)\s₽/,
    ]);
    expect(rubles(receipt?.[1] ?? "")).toBeCloseTo(rubles(before ?? "") + 500, 2);
    // :pay again: the invoice is paid, said in Russian (Telegram shows a paid one's receipt).
    demo.type(":pay");
    await demo.expect(/этот счёт уже оплачен; чтобы пополнить ещё, запросите новый: \/topup/);

    // A support ticket: the subscriber's message lands in its topic of the support group.
    demo.type("/support");
    const [, writeButton] = await demo.expect(/\[(\d+)\] \S+ Написать оператору/);
    demo.type(`:${writeButton}`);
    const topic = "№1 · Магомедов Руслан Ахмедович · 10001";
    const inTopic = `🤖 бот в «Каспнет · поддержка», тема «${topic}»:`;
    await demo.expectAll([
      literally(`${inTopic}\n   🎫 Обращение №1 · открыто`),
      /🤖 бот:\n\s+Обращение №1 открыто\. Напишите вопрос/,
    ]);
    demo.type("Интернет пропадает по вечерам");
    await demo.expect(literally(`${inTopic}\n   Интернет пропадает по вечерам`));

    // :agents: now the agent, in the support forum, with the ticket's topic listed; :topic N
    // picks it, and what the agent writes there reaches the subscriber.
    demo.type(":agents");
    await demo.expect(
      /теперь вы Марина, сотрудник: пишете в «Каспнет · поддержка»\nтемы \(:topic N\):/,
    );
    const [, topicNumber] = await demo.expect(new RegExp(`\\[(\\d+)\\] ${topic}\\n`));
    demo.type(`:topic ${topicNumber}`);
    await demo.expect(literally(`пишете в тему «${topic}»`));
    demo.type("Проверим линию сегодня");
    await demo.expect(
      literally(`Марина @ Каспнет · поддержка / ${topic} › Проверим линию сегодня`),
    );
    await demo.expect(/🤖 бот:\n\s+Проверим линию сегодня\n/);

    // :me: the subscriber again, writing to the bot (into the ticket).
    demo.type(":me");
    await demo.expect(/вы снова Руслан, абонент: пишете боту в личный чат/);
    demo.type("Спасибо!");
    await demo.expect(/\nвы › Спасибо!\n/);
    await demo.expect(literally(`${inTopic}\n   Спасибо!`));

    // :staff: the agent in the office group, where the bot answers the staff's commands.
    demo.type(":staff");
    await demo.expect(/теперь вы Марина, сотрудник: пишете в «Каспнет · офис»/);
    demo.type("/requests");
    await demo.expect(/Марина @ Каспнет · офис › \/requests\n/);
    await demo.expect(/🤖 бот в «Каспнет · офис»:\n\s+Открытых заявок нет\./);
    demo.type(":me");
    await demo.expect(/вы снова Руслан, абонент/);

    // Bad controls get a hint, and the demo goes on.
    demo.type(":nonsense");
    await demo.expect(
      /неизвестная команда :nonsense \(список: :help; чтобы отправить текст с «:» в начале, напишите «::»\)/,
    );
    demo.type(":99");
    await demo.expect(/нет кнопки 99; на экране: \[1\] /);
    demo.type("/menu");
    await demo.expect(/Главное меню\.\n\s+Договор 10001: Магомедов Руслан Ахмедович\./);

    demo.type(":quit");
    await demo.expect(/до свидания/);
    expect(await demo.exitCode()).toBe(0);
    expect(demo.errors).toBe("");
  }, 180_000);
});
