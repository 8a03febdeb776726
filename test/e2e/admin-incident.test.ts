// `npm run admin -- incident …` against the emulator: open (the affected told from the command
// line itself), list, a new ETA, resolve; bad input named with exit code 2 and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDateTime } from "../../core/zoned-time.ts";
import { seedDemoData } from "../../prisma/seed.ts";
import { BotApiEmulator, type UserDriver } from "../emulator/index.ts";
import { adminInProcess as admin } from "../support/admin-in-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { type Resident, resident } from "../support/outage-street.ts";
import { noPostgres } from "../support/require-services.ts";

describe.skipIf(noPostgres)("npm run admin -- incident", () => {
  let database: TestDatabase;
  let emulator: BotApiEmulator;
  let env: Record<string, string>;
  let affected: Resident[];
  let nextDoor: Resident;
  const db = () => database.prisma;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoData(database.prisma);
    emulator = await BotApiEmulator.start();
    env = {
      DATABASE_URL: database.url,
      BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      TELEGRAM_CHAT_INTERVAL_MS: "20",
      LOG_LEVEL: "error",
    };
    affected = [await resident(db(), emulator, "7"), await resident(db(), emulator, "7к2")];
    nextDoor = await resident(db(), emulator, "9");
  });
  afterAll(async () => {
    await emulator?.stop();
    await database?.drop();
  });

  const eta = (hours: number) =>
    localDateTime(new Date(Date.now() + hours * 3600_000), "Europe/Moscow").replace(
      /^(\d{4})-(\d{2})-(\d{2})/,
      "$3.$2",
    );
  const said = (user: UserDriver, start: string) =>
    user.messages().filter((message) => message.text?.startsWith(start)).length;

  it("refuses what it cannot open, saying why, and opens nothing", async () => {
    const street = ["--street", "Индустриальная"];
    const text = ["--text", "Авария на узле"];
    const tries: [string[], RegExp][] = [
      [
        ["incident", "open", "--street", "Нетакая", "--eta", eta(2), ...text],
        /no contract is on ул\. Нетакая/,
      ],
      [
        ["incident", "open", ...street, "--houses", "99", "--eta", eta(2), ...text],
        /no contract is in 99 on ул\. Индустриальная/,
      ],
      [["incident", "open", ...street, ...text], /--eta <HH:MM or DD\.MM HH:MM> is needed/],
      [["incident", "open", ...street, "--eta", "вчера", ...text], /--eta "вчера": write HH:MM/],
      [
        ["incident", "open", "--houses", "7", "--eta", eta(2), ...text],
        /--houses belong to one --street/,
      ],
      [["incident", "open", "--city", ...street, "--eta", eta(2), ...text], /not both/],
      [
        ["incident", "open", ...street, "--eta", eta(2)],
        /--text: the text for subscribers is empty/,
      ],
      [
        ["incident", "open", ...street, "--service", "radio", "--eta", eta(2), ...text],
        /"radio": internet or iptv/,
      ],
      [["incident", "update", "x", "--eta", eta(3)], /"x" is not an incident number/],
      [["incident", "resolve", "999"], /no such incident/],
      [["incident", "close"], /open, update, resolve or list/],
    ];
    for (const [args, problem] of tries) {
      const run = await admin(args, env);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr.join("\n")).toMatch(problem);
    }
    expect(await db().incident.count()).toBe(0);
    expect(await db().notification.count()).toBe(0);
  });

  it("opens one for houses of a street, tells those it reaches, moves its ETA and resolves it", async () => {
    const opened = await admin(
      [
        "incident",
        "open",
        "--street",
        "ул. Индустриальная",
        "--houses",
        "7, 7 корп. 2",
        "--eta",
        eta(2),
        "--text",
        "Авария на узле",
      ],
      env,
    );
    expect(opened.code).toBe(0);
    expect(opened.stdout).toEqual([
      expect.stringMatching(
        /^incident #(\d+) opened: ул\. Индустриальная, houses 7, 7к2; internet; ETA \S+ \S+; 2 contracts, 2 subscribers to tell$/,
      ),
    ]);
    const id = Number(/#(\d+)/.exec(opened.stdout[0] ?? "")?.[1]);
    for (const { user } of affected)
      expect(said(user, "⚠️ Авария на линии: Авария на узле")).toBe(1);
    expect(nextDoor.user.messages()).toHaveLength(0);

    const list = await admin(["incident", "list"], env);
    expect(list.stdout).toEqual([
      expect.stringMatching(
        new RegExp(`^#${id}  since .* told 2 \\(sent 2\\), wrote 0  «Авария на узле»$`),
      ),
    ]);

    const moved = await admin(["incident", "update", String(id), "--eta", eta(5)], env);
    expect(moved.stdout).toEqual([
      expect.stringMatching(new RegExp(`^incident #${id}: ETA now .*; 2 subscribers to tell$`)),
    ]);
    for (const { user } of affected) expect(said(user, "⏱ Авария: Авария на узле")).toBe(1);

    const resolved = await admin(["incident", "resolve", String(id)], env);
    expect(resolved.stdout).toEqual([
      `incident #${id} resolved; 2 subscribers to tell it is restored`,
    ]);
    const again = await admin(["incident", "resolve", String(id)], env);
    expect(again).toMatchObject({ code: 0, stdout: [`incident #${id}: nothing to change`] });
    const late = await admin(["incident", "update", String(id), "--eta", eta(6)], env);
    expect(late.code).toBe(2);
    expect(late.stderr.join("\n")).toMatch(`incident #${id} is resolved, not open`);
    for (const { user } of affected) expect(said(user, "✅ Связь восстановлена")).toBe(1);
    expect(nextDoor.user.messages()).toHaveLength(0);
    expect((await admin(["incident", "list"], env)).stdout).toEqual(["no open incidents"]);
  });

  it("fills street and house for contracts stored before, lists those it cannot read, and a rerun changes nothing", async () => {
    const old = await db().account.create({
      data: {
        login: "old-1",
        passwordHash: "",
        name: "Старый",
        address: "г. Каспийск, ул. Индустриальная, д. 7, кв. 3",
      },
    });
    await db().account.create({
      data: { login: "old-2", passwordHash: "", name: "Непонятный", address: "где-то у моря" },
    });
    const run = await admin(["addresses"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("old-2: address not recognised, kept as text: где-то у моря");
    expect(run.stdout.at(-1)).toMatch(
      /^\d+ contracts: \d+ addresses read, [1-9]\d* updated, \d+ kept as text only$/,
    );
    expect(await db().account.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({
      street: "Индустриальная",
      streetKey: "индустриальная",
      house: "7",
      flat: "3",
    });
    const rerun = await admin(["addresses"], env);
    expect(rerun.stdout.at(-1)).toMatch(/, 0 updated, /);
  });
});
