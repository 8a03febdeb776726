// The operator's command line: exit codes, what goes to stdout and stderr, and what it leaves in
// the database. Called in-process (bot/admin/cli.ts, what `npm run admin -- …` runs); an import and
// the embedded database run as the real process, for its exit code and output streams.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../prisma/seed.ts";
import { BotApiEmulator } from "../emulator/index.ts";
import { adminInProcess as admin } from "../support/admin-in-process.ts";
import { root, admin as runAdmin } from "../support/admin-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { noPostgres } from "../support/require-services.ts";

const fixture = (name: string) => join(root, "test/fixtures", name);
const adminProcess = (args: string[], env: Record<string, string>, stdin = "") =>
  runAdmin(args, env, { stdin }).then(({ code, stdout, stderr }) => ({ code, stdout, stderr }));

const nbsp = "\u00a0";

describe.skipIf(noPostgres)("npm run admin", () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoData(database.prisma);
    env = { DATABASE_URL: database.url, TZ_NAME: "Europe/Moscow" };
  });
  afterAll(() => database.drop());

  // Two CLI processes, each hashing passwords: slow on a loaded machine.
  it("imports the valid rows of a file with a bad one, prints generated passwords once", {
    timeout: 60_000,
  }, async () => {
    const run = await adminProcess(["import-accounts", fixture("admin-accounts.csv")], env);
    expect(run.code).toBe(2);
    expect(run.stdout).toHaveLength(2);
    expect(run.stdout[0]).toMatch(/^20001;[A-Za-z0-9]{12}$/);
    expect(run.stdout[1]).toMatch(/^20004;[A-Za-z0-9]{12}$/);
    expect(run.stderr).toEqual([
      'line 4: phone: "12345" is not a Russian phone number',
      "imported 3 of 4 rows, 1 invalid, 2 generated passwords on stdout",
    ]);
    const logins = await database.prisma.account.findMany({
      where: { login: { startsWith: "2000" } },
      select: { login: true, balance: true },
      orderBy: { login: "asc" },
    });
    expect(logins).toEqual([
      { login: "20001", balance: 1500_00 },
      { login: "20002", balance: -120_50 },
      { login: "20004", balance: 250_50 },
    ]);

    const again = await adminProcess(["import-accounts", fixture("admin-accounts.csv")], env);
    expect(again.code).toBe(2);
    expect(again.stdout).toEqual([]);
    expect(again.stderr).toEqual([
      "line 2: login: 20001 already exists, left as it is",
      "line 3: login: 20002 already exists, left as it is",
      'line 4: phone: "12345" is not a Russian phone number',
      "line 5: login: 20004 already exists, left as it is",
      "imported 0 of 4 rows, 3 already there, 1 invalid",
    ]);
  });

  it("credits a cash receipt once however often it is entered", async () => {
    const first = await admin(["cash-topup", "10002", "200,50", "--receipt", "KO-1"], env);
    expect(first).toEqual({
      code: 0,
      stdout: [`10002: +200,50${nbsp}₽ cash, receipt KO-1; balance 20,50${nbsp}₽; unblocked`],
      stderr: [],
    });
    const second = await admin(["cash-topup", "10002", "200.5", "--receipt", "KO-1"], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toEqual([
      expect.stringMatching(
        /^receipt KO-1 was already posted on \d{4}-\d\d-\d\d \d\d:\d\d \(\+200,50\u00a0₽ to 10002\): nothing changed$/,
      ),
    ]);
    const other = await admin(["cash-topup", "10001", "300", "--receipt", "KO-1"], env);
    expect(other.code).toBe(2);
    expect(other.stderr).toEqual([
      expect.stringMatching(/^receipt KO-1 was already posted .*: nothing posted$/),
    ]);
    expect(
      await database.prisma.ledgerEntry.count({ where: { idempotencyKey: "cash:KO-1" } }),
    ).toBe(1);
    const account = await database.prisma.account.findUniqueOrThrow({ where: { login: "10002" } });
    expect(account).toMatchObject({ balance: 20_50, status: "ACTIVE" });
  });

  it.each([
    [
      ["cash-topup", "10001", "-5", "--receipt", "X"],
      "amount: more than zero, e.g. 1500 or 1500,50",
    ],
    [["cash-topup", "10001", "100000,01", "--receipt", "X"], "amount: at most 100 000 rubles"],
    [
      ["cash-topup", "10001", "1,005", "--receipt", "X"],
      'amount: "1,005" is not an amount of rubles, e.g. 1500 or 1500,50 (at most 2 decimals)',
    ],
    [
      ["cash-topup", "10001", "100"],
      "cash-topup: missing --receipt <number>; usage: npm run admin -- cash-topup <login> <amount> --receipt <number>",
    ],
    [["cash-topup", "nobody", "100", "--receipt", "X"], 'unknown login "nobody"'],
    [["show-account", "nobody"], 'unknown login "nobody"'],
    [["import-accounts", "no-such.csv"], "no-such.csv: no such file"],
    [["frobnicate"], 'unknown command "frobnicate"; npm run admin -- help lists the commands'],
    [[], "no command given; npm run admin -- help lists them"],
    [["run-job", "nightly"], /^unknown job "nightly"; known jobs: daily-charge(, [a-z-]+)*$/],
    [
      ["run-job", "daily-charge", "--date", "2026-02-30"],
      '--date: "2026-02-30" is not a date YYYY-MM-DD, e.g. 2026-12-01',
    ],
    [
      ["show-account", "10001", "--verbose"],
      "show-account: Unknown option '--verbose'; usage: npm run admin -- show-account <login>",
    ],
  ])("refuses %j with one line and exit code 2", async (args, message) => {
    const run = await admin(args, env);
    expect(run.code).toBe(2);
    expect(run.stdout).toEqual([]);
    expect(run.stderr).toHaveLength(1);
    expect(run.stderr[0]).toMatch(message);
  });

  it("shows a contract", async () => {
    const run = await admin(["show-account", "20001"], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toEqual([]);
    expect(run.stdout.slice(0, 10)).toEqual([
      "contract   20001, Омаров Шамиль Гаджиевич",
      "address    г. Каспийск, ул. Ленина, д. 40, кв. 3",
      "phone      +79281112233",
      "email      shamil@example.ru",
      "status     ACTIVE",
      `balance    1${nbsp}500,00${nbsp}₽`,
      `internet   Домашний 100 (home-100), 600,00${nbsp}₽ a month`,
      `iptv       IPTV Базовый (iptv-basic), 150,00${nbsp}₽ a month`,
      "telegram   0 linked users",
      expect.stringMatching(/^since {6}\d{4}-\d\d-\d\d \d\d:\d\d$/),
    ]);
    expect(run.stdout.slice(10)).toEqual([
      "ledger entries: 1",
      expect.stringMatching(
        /^ {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}ADJUSTMENT +\+1\u00a0500,00\u00a0₽ {2}= 1\u00a0500,00\u00a0₽ +Входящий остаток$/,
      ),
    ]);
  });

  it("runs the daily charge for a given day once, however often it is run", async () => {
    const day = "2026-12-01";
    const active = await database.prisma.account.count({ where: { status: "ACTIVE" } });
    const first = await admin(["run-job", "daily-charge", "--date", day], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toEqual([
      expect.stringMatching(
        new RegExp(
          `^daily-charge ${day} done: charged ${active}, skipped 0, blocked \\d+, tariffChangesApplied 0, iptvChangesApplied 0, delivery not sent: no BOT_TOKEN$`,
        ),
      ),
    ]);
    const second = await admin(["run-job", "daily-charge", "--date", day], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toEqual([
      expect.stringMatching(
        new RegExp(`^daily-charge ${day} done: charged 0, skipped \\d+, blocked 0,`),
      ),
    ]);
    const charges = await database.prisma.ledgerEntry.count({
      where: { kind: "DAILY_CHARGE", reference: day },
    });
    expect(charges).toBe(active);
  });

  it("runs a job that sends to Telegram through the bot's API when BOT_TOKEN is set", async () => {
    await database.prisma.connectionRequest.create({
      data: {
        name: "Заявитель Из Прошлого",
        phone: "+79281230000",
        address: "г. Каспийск, ул. Ленина, 1",
        preferredTime: "вечером",
        createdAt: new Date(Date.now() - 3 * 24 * 60 * 60 * 1000),
      },
    });
    const withoutToken = await admin(["run-job", "requests-digest"], {
      ...env,
      STAFF_CHAT_ID: "-100123",
    });
    expect(withoutToken.code).toBe(0);
    expect(withoutToken.stdout).toEqual([
      expect.stringMatching(/^requests-digest \d{4}-\d\d-\d\d done: overdue 1, sent 0, failed 1$/),
    ]);
    expect(withoutToken.stderr).toEqual([
      "note: nothing was sent to Telegram (no BOT_TOKEN); the bot's scheduler sends it",
    ]);

    const emulator = await BotApiEmulator.start();
    try {
      const manager = emulator.user({ firstName: "Марьям", languageCode: "ru" });
      const staff = emulator.group({ title: "Каспнет: заявки", members: [manager] });
      const online = {
        ...env,
        BOT_TOKEN: emulator.token,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        STAFF_CHAT_ID: String(staff.id),
      };
      const sent = await admin(["run-job", "requests-digest"], online);
      expect(sent.code).toBe(0);
      expect(sent.stdout).toEqual([expect.stringMatching(/done: overdue 1, sent 1, failed 0$/)]);
      expect((await staff.nextBotMessage()).text).toContain("Заявитель Из Прошлого");
      const rerun = await admin(["run-job", "requests-digest"], online);
      expect(rerun.stdout).toEqual([expect.stringMatching(/done: overdue 1, sent 0, failed 0$/)]);
      expect(emulator.calls.filter((call) => call.method === "sendMessage")).toHaveLength(1);
    } finally {
      await emulator.stop();
    }
  });

  it("sets a password read from standard input, or a generated one printed once", async () => {
    const typed = await admin(["set-password", "10003"], env, "from-stdin-42\n");
    expect(typed).toEqual({ code: 0, stdout: [], stderr: ["password of 10003 set"] });
    const weak = await admin(["set-password", "10003"], env, "12345678\n");
    expect(weak).toMatchObject({ code: 2, stderr: ["password: not digits only"] });
    const generated = await admin(["set-password", "10003", "--generate"], env);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toEqual([expect.stringMatching(/^10003;[A-Za-z0-9]{12}$/)]);
  });

  it("prints the help with the CSV formats", async () => {
    const run = await admin(["help"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "  login,name,address,phone,email,tariff,balance,[password],[iptv]",
    );
    expect(run.stdout).toContain(
      "  code,name,kind,monthly_fee,[speed_mbps],[channels],[description],[active]",
    );
  });
});

describe("npm run admin on the embedded database", () => {
  let dataDir: string;
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("creates it with the demo data and works without DATABASE_URL or BOT_TOKEN", async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), "kaspnet-admin-")), "data");
    const env = { DATA_DIR: dataDir };
    const topup = await adminProcess(["cash-topup", "10003", "500", "--receipt", "E-1"], env);
    expect(topup).toEqual({
      code: 0,
      stdout: [`10003: +500,00${nbsp}₽ cash, receipt E-1; balance 540,00${nbsp}₽`],
      stderr: [],
    });
    const show = await adminProcess(["show-account", "10003"], env);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`balance    540,00${nbsp}₽`);
  }, 120_000);
});
