// Addresses from Ubilling: subscribers sign in on Ubilling (our emulator, spelling addresses as
// Ubilling does) and their contracts get street, house and flat from it, so a mass outage opened
// in the staff chat for their house reaches them and not the house next door; an address that
// cannot be read is kept as text and logged once. `npm run admin -- addresses` asks Ubilling again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDateTime } from "../../core/zoned-time.ts";
import type { GroupDriver, UserDriver } from "../emulator/index.ts";
import { adminInProcess } from "../support/admin-in-process.ts";
import { ubillingEnv } from "../support/billing-worlds.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { signInThroughBot } from "../support/sign-in.ts";
import { UbillingEmulator } from "../ubilling/index.ts";
import type { Home } from "../ubilling/state.ts";

const password = "Kasp-ub-2026";
const street = "ул. Индустриальная";
const home = (build: string, apt: string): Home => ({ city: "Каспийск", street, build, apt });

describe.skipIf(noPostgres || noRedis)("contract addresses from Ubilling", () => {
  let ub: UbillingEmulator;
  let harness: Harness;
  let staff: GroupDriver;
  let dispatcher: UserDriver;
  const users = new Map<string, UserDriver>();

  beforeAll(async () => {
    // Ubilling's defaults (CITY_DISPLAY, ZERO_TOLERANCE), the parts sent apart.
    ub = await UbillingEmulator.start({
      config: { currency: "RUB", UBA_XML_ADDRESS_STRUCT: true },
    });
    ub.addTariff({ name: "Home-450", fee: 450 });
    const add = (login: string, where: Home) =>
      ub.addSubscriber({ login, password, tariff: "Home-450", cash: 500, home: where });
    add("ind_7", home("52а", "7"));
    add("ind_12", home("52 А", "12"));
    add("ind_54", home("54", "0"));
    add("ind_far", home("у рынка", "0"));
    harness = await startHarness({
      env: { ...ubillingEnv(ub), TELEGRAM_GROUP_PER_MINUTE: "6000" },
      beforeStart(emulator) {
        dispatcher = emulator.user({ firstName: "Руслан", languageCode: "ru" });
        staff = emulator.group({
          title: "Каспнет: сотрудники",
          supergroup: true,
          members: [dispatcher],
        });
        return { STAFF_CHAT_ID: String(staff.id) };
      },
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await ub?.stop();
  });

  const db = () => harness.database.prisma;
  const row = (login: string) =>
    db().account.findUniqueOrThrow({
      where: { login },
      select: { address: true, street: true, streetKey: true, house: true, flat: true },
    });
  async function signIn(login: string, languageCode = "ru") {
    const user = harness.emulator.user({ firstName: login, languageCode });
    const reply = await signInThroughBot(user, login, password);
    expect(reply.text).toContain(login);
    await user.nextBotMessage(); // the menu
    users.set(login, user);
    return user;
  }
  const unreadLogged = () =>
    harness.logs
      .entries()
      .filter((entry) => /address of the contract not read/.test(String(entry.msg)));

  it("fills street, house and flat at sign-in; an unreadable address stays text, logged once", async () => {
    await signIn("ind_7");
    await signIn("ind_12", "en");
    await signIn("ind_54");
    await signIn("ind_far");
    const industrial = { street: "Индустриальная", streetKey: "индустриальная" };
    expect(await row("ind_7")).toEqual({
      address: "Каспийск ул. Индустриальная 52а/7",
      ...industrial,
      house: "52а",
      flat: "7",
    });
    expect(await row("ind_12")).toMatchObject({ ...industrial, house: "52а", flat: "12" });
    expect(await row("ind_54")).toEqual({
      address: "Каспийск ул. Индустриальная 54",
      ...industrial,
      house: "54",
      flat: null,
    });
    expect(await row("ind_far")).toEqual({
      address: "Каспийск ул. Индустриальная у рынка",
      street: null,
      streetKey: null,
      house: null,
      flat: null,
    });
    // Signed in again from another Telegram account: still one line, naming only the login.
    await signIn("ind_far");
    expect(unreadLogged()).toHaveLength(1);
    const [line] = unreadLogged();
    expect(line).toMatchObject({ login: "ind_far" });
    expect(JSON.stringify(line)).not.toMatch(/рынка|Kasp-ub-2026/);
  });

  it("lets an outage opened for their house in the staff chat reach them, and not next door", async () => {
    const eta = localDateTime(new Date(Date.now() + 2 * 3600_000), harness.config.timeZone).replace(
      /^(\d{4})-(\d{2})-(\d{2})/,
      "$3.$2.$1",
    );
    await dispatcher.sendIn(
      staff,
      [
        "/incident",
        "Улица: Индустриальная",
        "Дома: 52а",
        `Срок: ${eta}`,
        "Текст: Обрыв кабеля.",
      ].join("\n"),
    );
    const preview = await staff.nextBotMessage();
    expect(preview.text).toContain("Затронет договоров: 2, абонентов в Telegram: 2.");
    await dispatcher.waitForCallbackAnswer(
      await dispatcher.press("✅ Открыть и оповестить (2)", { message: preview }),
    );
    const told = (login: string, start: string) => {
      const user = users.get(login) ?? expect.unreachable(`${login} signed in`);
      return user.waitFor(() => user.messages().find((message) => message.text?.startsWith(start)));
    };
    expect((await told("ind_7", "⚠️ Авария")).text).toContain("Обрыв кабеля.");
    expect((await told("ind_12", "⚠️ Network outage")).text).toContain("Обрыв кабеля.");
    await staff.waitFor(() =>
      staff.messages().find((message) => /открыта/.test(message.text ?? "")),
    );
    for (const login of ["ind_54", "ind_far"]) {
      expect(
        users
          .get(login)
          ?.messages()
          .filter((m) => m.text?.startsWith("⚠️")),
      ).toEqual([]);
    }
  });

  it("reads the address string when Ubilling sends no parts, refusing the one it could misread", async () => {
    ub.config.UBA_XML_ADDRESS_STRUCT = false;
    ub.addSubscriber({ login: "ind_56", password, tariff: "Home-450", home: home("56", "0") });
    ub.addSubscriber({ login: "ind_54_3", password, tariff: "Home-450", home: home("54", "3") });
    await signIn("ind_56");
    await signIn("ind_54_3");
    expect(await row("ind_56")).toMatchObject({
      street: "Индустриальная",
      house: "56",
      flat: null,
    });
    // ZERO_TOLERANCE: "54/3" is flat 3 of house 54 or house 54/3 without one.
    expect(await row("ind_54_3")).toEqual({
      address: "Каспийск ул. Индустриальная 54/3",
      street: null,
      streetKey: null,
      house: null,
      flat: null,
    });
  });

  it("npm run admin -- addresses asks Ubilling again: a move and a part now sent are stored, a rerun changes nothing", async () => {
    ub.config.UBA_XML_ADDRESS_STRUCT = true;
    ub.subscriber("ind_7").home = home("54", "9");
    const env = { DATABASE_URL: harness.database.url, ...ubillingEnv(ub) };
    const first = await adminInProcess(["addresses"], env);
    expect(first.code).toBe(0);
    const said = first.stdout.join("\n");
    expect(said).toContain(
      "ind_far: address not recognised, kept as text: Каспийск ул. Индустриальная у рынка",
    );
    // The demo contracts in this database were never signed in on Ubilling: nothing to ask with.
    expect(said).toContain("10001: not asked");
    expect(said).toMatch(/2 updated, 1 kept as text only, 5 not asked$/);
    expect(await row("ind_7")).toMatchObject({ house: "54", flat: "9" });
    expect(await row("ind_54_3")).toMatchObject({
      street: "Индустриальная",
      house: "54",
      flat: "3",
    });
    const again = await adminInProcess(["addresses"], env);
    expect(again.code).toBe(0);
    expect(again.stdout.at(-1)).toMatch(/ 0 updated, /);
  });

  it("npm run admin -- addresses with Ubilling down changes nothing, stops asking and says so", async () => {
    const env = { DATABASE_URL: harness.database.url, ...ubillingEnv(ub) };
    const before = await row("ind_7");
    ub.subscriber("ind_7").home = home("56", "1");
    ub.setDown("unavailable");
    const askedBefore = ub.requestsTo("userstats").length;
    try {
      const run = await adminInProcess(["addresses"], env);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("ind_7: not asked, unchanged: the billing did not answer");
      // Three unanswered in a row: the billing is down, the rest are not asked of it.
      expect(ub.requestsTo("userstats").length - askedBefore).toBe(3);
      expect(run.stdout.at(-1)).toMatch(/0 updated, 0 kept as text only, \d+ not asked$/);
    } finally {
      ub.setDown(false);
    }
    expect(await row("ind_7")).toEqual(before);
  });
});
