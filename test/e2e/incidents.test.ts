// Mass outages from the staff chat through the emulator, on a clock the test moves: /incident's preview with how many it
// reaches and its confirm (members only), the notice to each affected subscriber exactly once
// (also after a restart and a second press), none to the rest; the ETA moved from /incidents,
// and resolve with "restored" to each one told. Bad forms get a named answer and open nothing.

import type { CallbackQuery } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openIncident } from "../../core/incidents/incidents.ts";
import { localDateTime } from "../../core/zoned-time.ts";
import type { GroupDriver, UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { ControlledClock } from "../support/controlled-clock.ts";
import { jobRunner } from "../support/jobs.ts";
import { type Resident, resident } from "../support/outage-street.ts";
import { noPostgres } from "../support/require-services.ts";

describe.skipIf(noPostgres)("mass outages: /incident in the staff chat", () => {
  let harness: Harness;
  let staff: GroupDriver;
  let dispatcher: UserDriver;
  let outsider: UserDriver;
  let affected: Resident[];
  let nextDoor: Resident;
  let blocked: Resident;
  // Starts at the real time; only the cluster test moves it.
  const clock = new ControlledClock();
  const minute = 60_000;

  beforeAll(async () => {
    harness = await startHarness({
      clock: clock.now,
      beforeStart(emulator) {
        dispatcher = emulator.user({
          firstName: "Руслан",
          username: "ruslan_noc",
          languageCode: "ru",
        });
        outsider = emulator.user({ firstName: "Чужой", languageCode: "ru" });
        staff = emulator.group({
          title: "Каспнет: сотрудники",
          supergroup: true,
          members: [dispatcher],
        });
        return {
          STAFF_CHAT_ID: String(staff.id),
          TELEGRAM_GROUP_PER_MINUTE: "6000",
          OUTAGE_CLUSTER_SIZE: "3",
          OUTAGE_CLUSTER_MINUTES: "10",
        };
      },
    });
    const db = harness.database.prisma;
    affected = [
      await resident(db, harness.emulator, "52а"),
      await resident(db, harness.emulator, "52а", { languageCode: "en" }),
      await resident(db, harness.emulator, "52а"),
    ];
    nextDoor = await resident(db, harness.emulator, "54");
    blocked = await resident(db, harness.emulator, "52а", { status: "BLOCKED" });
  });
  afterAll(() => harness?.stop());

  const db = () => harness.database.prisma;
  const answerTo = async (user: UserDriver, press: Promise<CallbackQuery>) =>
    (await user.waitForCallbackAnswer(await press)).text ?? "";
  const inTwoHours = () =>
    localDateTime(new Date(Date.now() + 2 * 3600_000), harness.config.timeZone).replace(
      /^(\d{4})-(\d{2})-(\d{2})/,
      "$3.$2.$1",
    );
  const form = (lines: string[]) => ["/incident", ...lines].join("\n");
  const noticesTo = (user: UserDriver, start: string) =>
    user.messages().filter((message) => message.text?.startsWith(start));
  const incidents = () => db().incident.count();

  it("refuses /incident from someone not a member of the staff chat", async () => {
    // In the chat, restricted: can write, is not staff.
    staff.setMemberStatus(outsider.id, "restricted");
    await outsider.sendIn(staff, form(["Улица: Индустриальная", "Срок: 18:00", "Текст: Кабель"]));
    expect((await staff.nextBotMessage()).text).toBe(
      "Аварии открывают и закрывают только участники чата сотрудников.",
    );
    expect(await incidents()).toBe(0);
  });

  it("names what is wrong in a form and opens nothing", async () => {
    const answers: string[] = [];
    const tries = [
      [],
      ["Улица: Несуществующая", `Срок: ${inTwoHours()}`, "Текст: Кабель"],
      ["Улица: Индустриальная", "Дома: 99", `Срок: ${inTwoHours()}`, "Текст: Кабель"],
      ["Улица: Индустриальная", "Текст: Кабель"],
      ["Улица: Индустриальная", "Срок: 31.02 10:00", "Текст: Кабель"],
      ["Улица: Индустриальная", `Срок: ${inTwoHours()}`],
      ["Улица: Индустриальная", "Погода: ясно"],
    ];
    for (const lines of tries) {
      await dispatcher.sendIn(staff, form(lines));
      answers.push((await staff.nextBotMessage()).text ?? "");
    }
    expect(answers[0]).toMatch(/^Авария: напишите одним сообщением/);
    expect(answers[1]).toBe("Ни один договор не на улице «Несуществующая». Проверьте написание.");
    expect(answers[2]).toBe("На улице Индустриальная нет договоров в домах: 99.");
    expect(answers[3]).toMatch(/^Укажите срок восстановления/);
    expect(answers[4]).toBe("Срок «31.02 10:00» не понял: напишите 18:30 или 04.12 10:00.");
    expect(answers[5]).toMatch(/^Добавьте текст для абонентов/);
    expect(answers[6]).toMatch(/^Не понял строку: «Погода: ясно»/);
    expect(await incidents()).toBe(0);
  });

  let id: number;

  it("previews whom it reaches, opens on confirm, and tells each affected subscriber once", async () => {
    await dispatcher.sendIn(
      staff,
      form([
        "Улица: ул. Индустриальная",
        "Дома: 52 А",
        `Срок: ${inTwoHours()}`,
        "Текст: Повреждён кабель, бригада на месте.",
      ]),
    );
    const preview = await staff.nextBotMessage();
    id = Number(/Авария №(\d+)/.exec(preview.text ?? "")?.[1]);
    expect(preview.text).toContain("Где: ул. Индустриальная, д. 52а");
    expect(preview.text).toContain("Затронет договоров: 3, абонентов в Telegram: 3.");
    expect(preview.text).toContain("⚠️ Авария на линии: Повреждён кабель, бригада на месте.");
    expect(await db().notification.count()).toBe(0);

    // Someone outside the staff chat cannot confirm it.
    expect(await answerTo(outsider, outsider.press(/^✅ Открыть/, { message: preview }))).toBe(
      "Аварии открывают и закрывают только участники чата сотрудников.",
    );
    expect(
      await answerTo(
        dispatcher,
        dispatcher.press("✅ Открыть и оповестить (3)", { message: preview }),
      ),
    ).toBe("");
    const opened = await staff.waitFor(() =>
      staff.messages().find((message) => message.text?.startsWith(`🚧 Авария №${id} открыта`)),
    );
    expect(opened.text).toContain("Оповещаем абонентов: 3.");
    for (const { user } of affected) {
      await user.waitFor(
        () => noticesTo(user, user === affected[1]?.user ? "⚠️ Network outage" : "⚠️ Авария")[0],
      );
    }
    // A second press, a rerun after a restart, another instance confirming: no one is told twice.
    expect(await answerTo(dispatcher, dispatcher.pressData(preview, `inc:${id}:open`))).toBe(
      `Авария №${id} уже в этом состоянии: кто-то нажал раньше.`,
    );
    await harness.restart();
    expect(
      (await openIncident(db(), { id, by: "instance 2", timeZone: harness.config.timeZone }))
        .outcome,
    ).toBe("already");
    await jobRunner(harness)("deliver-notifications");
    for (const { user } of affected) {
      expect(user.messages().filter((message) => /^⚠️/.test(message.text ?? ""))).toHaveLength(1);
    }
    expect(nextDoor.user.messages()).toHaveLength(0);
    expect(blocked.user.messages()).toHaveLength(0);
  });

  it("shows the outage first to an affected subscriber, and not to the house next door", async () => {
    const [first] = affected;
    if (!first) throw new Error("no resident");
    const banner = "🚧 Авария на линии: Повреждён кабель, бригада на месте.";
    first.user.skipBotMessages();
    await first.user.send("/menu");
    expect((await first.user.nextBotMessage()).text).toMatch(
      new RegExp(`^${banner}\nНе работает с `),
    );
    await first.user.send("/support");
    expect((await first.user.nextBotMessage()).text).toMatch(new RegExp(`^${banner}`));
    await first.user.press("🚫 Нет интернета");
    const answer = await first.user.waitFor(() =>
      first.user.messages().find((message) => message.text?.includes("🚫 Нет интернета\n1.")),
    );
    expect(answer.text).toMatch(new RegExp(`^${banner}`));

    await nextDoor.user.send("/menu");
    expect((await nextDoor.user.nextBotMessage()).text).not.toContain("Авария");
    await nextDoor.user.send("/support");
    expect((await nextDoor.user.nextBotMessage()).text).not.toContain("Авария");
  });

  it("moves the ETA from /incidents and tells those told", async () => {
    await dispatcher.sendIn(staff, "/incidents");
    const entry = await staff.nextBotMessage();
    expect(entry.text).toMatch(
      new RegExp(`^🚧 Авария №${id}: ул\\. Индустриальная, д\\. 52а \\(интернет\\)`),
    );
    expect(entry.text).toContain("Оповещено: 3, написали: 0");
    const before = (await db().incident.findUniqueOrThrow({ where: { id } })).eta;
    expect(await answerTo(dispatcher, dispatcher.press("+60 мин", { message: entry }))).toMatch(
      /^Новый срок .*; уведомлений: 3\.$/,
    );
    const after = (await db().incident.findUniqueOrThrow({ where: { id } })).eta;
    expect(after.getTime() - before.getTime()).toBe(60 * 60_000);
    for (const { user } of affected) {
      await user.waitFor(() => user.messages().find((message) => /^⏱/.test(message.text ?? "")));
    }
    expect(await answerTo(outsider, outsider.press("+30 мин", { message: entry }))).toBe(
      "Аварии открывают и закрывают только участники чата сотрудников.",
    );
    expect((await db().incident.findUniqueOrThrow({ where: { id } })).eta).toEqual(after);
  });

  it("resolves after a confirm, and each one told hears it is restored exactly once", async () => {
    await dispatcher.sendIn(staff, "/incidents");
    const entry = await staff.nextBotMessage();
    await dispatcher.press("✅ Восстановлено", { message: entry });
    const confirm = await staff.waitFor(() =>
      staff.messages().find((message) => message.text?.startsWith(`Закрыть аварию №${id}?`)),
    );
    await dispatcher.press("✅ Да, восстановлено", { message: confirm });
    await staff.waitFor(() =>
      staff.messages().find((message) => message.text?.startsWith(`✅ Авария №${id} закрыта`)),
    );
    for (const { user } of affected) {
      await user.waitFor(() => user.messages().find((message) => /^✅/.test(message.text ?? "")));
    }
    expect(await answerTo(dispatcher, dispatcher.pressData(confirm, `inc:${id}:resolved`))).toBe(
      `Авария №${id} уже в этом состоянии: кто-то нажал раньше.`,
    );
    await jobRunner(harness)("deliver-notifications");
    for (const { user } of affected) {
      expect(user.messages().filter((message) => /^✅/.test(message.text ?? ""))).toHaveLength(1);
    }
    expect(affected[0]?.user.messages().at(-1)?.text).toContain("выключите роутер на 30 секунд");
    expect(affected[1]?.user.messages().at(-1)?.text).toContain("switch the router off");
    expect(noticesTo(nextDoor.user, "✅")).toHaveLength(0);
    await dispatcher.sendIn(staff, "/incidents");
    expect((await staff.nextBotMessage()).text).toBe("Открытых аварий нет.");
    const first = affected[0]?.user;
    first?.skipBotMessages();
    await first?.send("/menu");
    expect((await first?.nextBotMessage())?.text).not.toContain("Авария");
  });

  it("suggests an incident once for a cluster of no-internet, not for scattered reports", async () => {
    const pressNoInternet = async (user: UserDriver) => {
      user.skipBotMessages();
      await user.send("/support");
      await user.nextBotMessage();
      await user.press("🚫 Нет интернета");
      await user.waitFor(() => user.messages().find((m) => m.text?.startsWith("🚫 Нет интернета")));
    };
    const suggestions = () =>
      staff.messages().filter((message) => message.text?.startsWith("🔎 Похоже на аварию"));
    // Scattered: three reports on Портовая, 11 minutes apart (the window is 10).
    const port = { name: "Портовая", key: "портовая" };
    for (const house of ["1", "2", "3"]) {
      await pressNoInternet((await resident(db(), harness.emulator, house, { street: port })).user);
      clock.advance(11 * minute);
    }
    expect(await db().outageReport.count({ where: { streetKey: port.key } })).toBe(3);
    // A cluster: three in house 80 within minutes, then a fourth.
    const house = [];
    for (let i = 0; i < 4; i += 1) house.push(await resident(db(), harness.emulator, "80"));
    for (const { user } of house) {
      await pressNoInternet(user);
      clock.advance(2 * minute);
    }
    const [suggestion] = await staff.waitFor(() =>
      suggestions().length > 0 ? suggestions() : undefined,
    );
    expect(suggestions()).toHaveLength(1);
    expect(suggestion?.text).toBe(
      "🔎 Похоже на аварию: 3 абонентов (ул. Индустриальная, д. 80) за 10 мин сообщили, что нет интернета. Открытой аварии там нет.",
    );
    expect(await db().incidentSuggestion.findMany({ select: { streetKey: true } })).toEqual([
      { streetKey: "индустриальная" },
    ]);

    // Its button: a draft for that house, previewed with its reach, opened as any other.
    staff.skipBotMessages();
    await dispatcher.press("🚧 Открыть аварию", { message: suggestion });
    const preview = await staff.nextBotMessage();
    expect(preview.text).toContain("Где: ул. Индустриальная, д. 80");
    expect(preview.text).toContain("Затронет договоров: 4, абонентов в Telegram: 4.");
    await dispatcher.press("✅ Открыть и оповестить (4)", { message: preview });
    for (const { user } of house) {
      await user.waitFor(() =>
        user.messages().find((m) => m.text?.startsWith("⚠️ Авария на линии: Неполадки на линии")),
      );
    }
  });
});
