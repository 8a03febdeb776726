import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agent, get } from "./client.ts";
import { UbillingEmulator } from "./emulator.ts";
import { crc32 } from "./format.ts";

let emu: UbillingEmulator;

beforeEach(async () => {
  emu = await UbillingEmulator.start({ now: new Date("2026-03-02T10:00:00Z") });
  emu.addTariff({ name: "Unlim-100", fee: 150, freezePrice: 20 });
  emu.addTariff({ name: "Unlim-200", fee: 250.5 });
  emu.addTariff({ name: "Free", fee: 0 });
  emu.addSubscriber({
    login: "ivan01",
    password: "secret",
    realname: "Ivan P",
    address: "Main st 5/12",
    mobile: "+380501112233",
    tariff: "Unlim-100",
    cash: -12.5,
    contract: "1001",
  });
});

afterEach(async () => {
  await emu.stop();
});

describe("userstats authentication", () => {
  it("justauth answers the login for the md5 of the right password", async () => {
    const answer = await agent(emu, "ivan01", "secret", { justauth: "true" });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe("application/json; charset=UTF-8");
    expect(answer.json()).toEqual({
      auth: true,
      login: "ivan01",
      message: "Authentication successful",
    });
  });

  it("answers 401 ERROR_WRONG_UBERAUTH as plain text to a wrong or missing password", async () => {
    for (const answer of [
      await agent(emu, "ivan01", "wrong", { justauth: "true" }),
      await agent(emu, "nobody", "secret"),
      await get(emu.userstatsUrl, { xmlagent: "true", json: "true", uberlogin: "ivan01" }),
    ]) {
      expect(answer.status).toBe(401);
      expect(answer.text).toBe("ERROR_WRONG_UBERAUTH");
    }
  });

  it("refuses the old credential once the password changes in the billing", async () => {
    emu.setPassword("ivan01", "new-one");
    expect((await agent(emu, "ivan01", "secret")).status).toBe(401);
    expect((await agent(emu, "ivan01", "new-one", { justauth: "1" })).status).toBe(200);
  });

  it("gives {reason} bodies when the agent is off or the uberkey is wrong", async () => {
    emu.config.UBA_ENABLED = false;
    expect((await agent(emu, "ivan01", "secret")).json()).toEqual({ reason: "disabled" });
    emu.config.UBA_ENABLED = true;
    emu.config.XMLAGENT_EXTENDED_AUTH_ON = true;
    const wrong = await agent(emu, "ivan01", "secret", { uberkey: "nope" });
    expect([wrong.status, wrong.json()]).toEqual([200, { reason: "wrong_uberauth" }]);
    const key = UbillingEmulator.passwordHash(emu.config.serial);
    expect((await agent(emu, "ivan01", "secret", { uberkey: key })).json()).toMatchObject({
      login: "ivan01",
    });
  });

  it("serves the youshallnotpass HTML page to a banned login", async () => {
    emu.subscriber("ivan01").bannedFromUserstats = true;
    const answer = await agent(emu, "ivan01", "secret");
    expect(answer.contentType).toMatch(/^text\/html/);
    expect(answer.text).toContain("You shall not pass");
  });
});

describe("XMLAgent data", () => {
  it("returns the profile as one flat object with Ubilling's types", async () => {
    const profile = (await agent(emu, "ivan01", "secret")).json();
    expect(profile).toMatchObject({
      address: "Main st 5/12",
      realname: "Ivan P",
      login: "ivan01",
      cash: -12.5,
      mobile: "+380501112233",
      credit: "0",
      creditexpire: "No",
      payid: crc32("ivan01"),
      contract: "1001",
      tariff: "Unlim-100",
      tariffnm: "No",
      traffdownload: "0 b",
      accountstate: "active",
      accountexpire: "No",
      payedtilldate: "none",
      currency: "UAH",
      version: "2",
    });
    expect(crc32("ivan01")).toBe("2816518875"); // zlib.crc32("ivan01")
  });

  it("spells the address row as CITY_DISPLAY and ZERO_TOLERANCE say, its parts with UBA_XML_ADDRESS_STRUCT", async () => {
    const home = { city: "Каспийск", street: "Ленина", build: "52а", apt: "7" };
    emu.addSubscriber({ login: "flat", password: "p", home });
    emu.addSubscriber({ login: "house", password: "p", home: { ...home, apt: "0" } });
    const address = async (login: string) =>
      ((await agent(emu, login, "p")).json() as { address: string }).address;
    expect([await address("flat"), await address("house")]).toEqual([
      "Каспийск Ленина 52а/7",
      "Каспийск Ленина 52а",
    ]);
    emu.config.ZERO_TOLERANCE = false;
    emu.config.CITY_DISPLAY = false;
    expect([await address("flat"), await address("house")]).toEqual([
      "Ленина 52а/7",
      "Ленина 52а/0",
    ]);
    expect((await agent(emu, "flat", "p")).json()).not.toHaveProperty("streetname");
    emu.config.UBA_XML_ADDRESS_STRUCT = true;
    const parts = (await agent(emu, "house", "p")).json();
    expect(parts).toMatchObject({ streetname: "Ленина", buildnum: "52а", apt: "0" });
    expect(parts).not.toHaveProperty("cityname");
    emu.config.CITY_DISPLAY = true;
    expect((await agent(emu, "house", "p")).json()).toMatchObject({ cityname: "Каспийск" });
  });

  it("shows credit expiry, frozen and disabled states, and days left with ONLINELEFT_COUNT", async () => {
    Object.assign(emu.subscriber("ivan01"), {
      cash: 50,
      credit: 150,
      creditExpire: "2026-03-07",
      frozen: true,
      down: true,
    });
    emu.config.ONLINELEFT_COUNT = true;
    const profile = (await agent(emu, "ivan01", "secret")).json();
    expect(profile).toMatchObject({
      cash: 50,
      credit: "150",
      creditexpire: "07-03-2026",
      accountstate: "frozen + disabled",
      accountexpire: 10,
      payedtilldate: "12.03.2026",
    });
  });

  it("lists payments newest first with the balance before each, [] when disabled", async () => {
    emu.addPayment("ivan01", 100, "cash desk");
    emu.addPayment("ivan01", -5, "SCFEE");
    const payments = (await agent(emu, "ivan01", "secret", { payments: "true" })).json();
    expect(payments).toEqual([
      { date: "2026-03-02 10:00:00", summ: "-5", balance: "87.5" },
      { date: "2026-03-02 10:00:00", summ: "100", balance: "-12.5" },
    ]);
    emu.config.PAYMENTS_ENABLED = false;
    expect((await agent(emu, "ivan01", "secret", { payments: "true" })).json()).toEqual([]);
  });

  it("merges tariff fees and negative payments into fee charges, oldest first", async () => {
    emu.setNow(new Date("2026-03-01T00:05:00Z"));
    emu.chargeFee("ivan01", 150);
    emu.setNow(new Date("2026-03-02T09:00:00Z"));
    emu.addPayment("ivan01", -20, "TCHANGE:Unlim-200");
    emu.addPayment("ivan01", 300);
    const all = (await agent(emu, "ivan01", "secret", { feecharges: "true" })).json();
    expect(all).toEqual([
      {
        date: "2026-03-01 00:05:00",
        summ: "-150",
        balance: "-12.5",
        note: "Unlim-100",
        type: "mainsrv",
      },
      {
        date: "2026-03-02 09:00:00",
        summ: "-20",
        balance: "-162.5",
        note: "TCHANGE:Unlim-200",
        type: "other",
      },
    ]);
    // dateto is compared as a string: rows later on that day fall outside.
    const range = { feecharges: "true", datefrom: "2026-03-01", dateto: "2026-03-02" };
    expect((await agent(emu, "ivan01", "secret", range)).json()).toHaveLength(1);
  });

  it("lists tariffs allowed to switch to with their monthly fee", async () => {
    const ask = () => agent(emu, "ivan01", "secret", { tarifftoswitchallowed: "true" });
    expect((await ask()).json()).toEqual([]);
    emu.config.TC_TARIFFENABLEDFROM = ["Unlim-100"];
    emu.config.TC_TARIFFSALLOWED = ["Unlim-200", "Free", "Ghost"];
    expect((await ask()).json()).toEqual([
      { tariff: "Unlim-200", price: "250.50" },
      { tariff: "Free", price: "0" },
      { tariff: "Ghost", price: null },
    ]);
    emu.config.TC_EXTENDED_MATRIX = true;
    emu.config.tariffMatrix = { "Unlim-100": ["Unlim-100", "Free"] };
    expect((await ask()).json()).toEqual([
      { tariff: "Unlim-100", price: "150.00" },
      { tariff: "Free", price: "0" },
    ]);
  });

  it("speaks XML without json=true", async () => {
    const answer = await get(emu.userstatsUrl, {
      xmlagent: "true",
      uberlogin: "ivan01",
      uberpassword: UbillingEmulator.passwordHash("secret"),
      justauth: "true",
    });
    expect(answer.text).toContain("<justauth>\n<auth>true</auth>\n<login>ivan01</login>");
  });
});

describe("freeze", () => {
  it("describes the freeze options and the subscriber's state", async () => {
    emu.config.AF_FREEZPRICE = "10";
    const data = (await agent(emu, "ivan01", "secret", { freezedata: "true" })).json();
    expect(data).toEqual({
      result: "Success",
      message: "",
      freezeSelfAvailable: true,
      activationCost: "10",
      tariffsAllowedList: "",
      tariffAllowedAny: true,
      negativeBalanceFreezeAllowed: false,
      userBalance: "-12.5",
      userTariff: "Unlim-100",
      userTariffFreezePrice: "20",
      freezeStatus: "unfrozen",
      dateFrom: "",
      dateTo: "",
      freezeDaysChargeActive: false,
      freezeDaysTotal: null,
      freezeDaysRestore: null,
      freezeDaysUsed: null,
      freezeDaysAvailable: null,
      freezeDaysWorked: null,
      freezeDaysLeftToWork: null,
    });
  });

  it("freezes permissively (even in debt), charges the fee once, unfreezes only when allowed", async () => {
    emu.config.AF_FREEZPRICE = "10";
    const freeze = () => agent(emu, "ivan01", "secret", { dofreeze: "true" });
    expect((await freeze()).json()).toEqual({
      result: "Success",
      message: "User 'ivan01' has been frozen",
    });
    expect((await freeze()).json()).toEqual({
      result: "Failure",
      message: "User 'ivan01' is already frozen",
    });
    expect(emu.subscriber("ivan01")).toMatchObject({ frozen: true, cash: -22.5 });
    const unfreeze = () => agent(emu, "ivan01", "secret", { dounfreeze: "true" });
    expect((await unfreeze()).json()).toEqual({
      result: "Failure",
      message: "Feature is not allowed",
    });
    emu.config.XMLAGENT_SELF_UNFREEZE_ALLOWED = true;
    expect((await unfreeze()).json()).toMatchObject({ result: "Success" });
    expect((await unfreeze()).json()).toEqual({
      result: "Failure",
      message: "User 'ivan01' is already UNfrozen",
    });
  });

  it("reports freeze days with the dateTo quirk when freeze-days accounting is on", async () => {
    emu.config.FREEZE_DAYS_CHARGE_ENABLED = true;
    Object.assign(emu.subscriber("ivan01"), {
      frozen: true,
      frozenSince: "2026-02-20 08:30:15",
      freezeDays: { total: 365, restore: 120, used: 10, worked: 30 },
    });
    const data = (await agent(emu, "ivan01", "secret", { freezedata: "true" })).json();
    expect(data).toMatchObject({
      freezeStatus: "frozen",
      dateFrom: "2026-02-20 08:30:15",
      dateTo: "2026-03-02 08:03:15",
      freezeDaysTotal: "365",
      freezeDaysUsed: "10",
      freezeDaysAvailable: 355,
      freezeDaysLeftToWork: 90,
    });
  });
});
