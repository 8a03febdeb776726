// The XMLAgent client over real HTTP against the Ubilling emulator: every call's happy path and
// how each failure (credentials, ban, disabled agent, faults, a slow billing) comes back.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createXmlAgentClient,
  passwordMd5,
  type UbillingCredentials,
  type XmlAgentClient,
} from "../../core/billing/ubilling/xmlagent-client.ts";
import { UbillingEmulator } from "../ubilling/index.ts";

let ub: UbillingEmulator;
let client: XmlAgentClient;
const ivan: UbillingCredentials = { login: "ivan01", passwordMd5: passwordMd5("secret") };

beforeEach(async () => {
  ub = await UbillingEmulator.start({ now: new Date("2026-03-02T10:00:00Z") });
  ub.addTariff({ name: "Unlim-100", fee: 150, freezePrice: 20 });
  ub.addTariff({ name: "Unlim-200", fee: 250.5 });
  ub.addSubscriber({
    login: "ivan01",
    password: "secret",
    realname: "Ivan P",
    address: "Main st 5/12",
    mobile: "+380501112233",
    tariff: "Unlim-100",
    cash: -12.5,
    contract: "1001",
  });
  client = createXmlAgentClient({ userstatsUrl: ub.userstatsUrl, timeoutMs: 2_000 });
});

afterEach(async () => {
  await ub.stop();
});

describe("XMLAgent client: data", () => {
  it("hashes the password as the emulator expects and passes justauth", async () => {
    expect(passwordMd5("secret")).toBe(UbillingEmulator.passwordHash("secret"));
    expect(await client.justAuth(ivan)).toEqual({ ok: true, value: { login: "ivan01" } });
    expect(ub.requestsTo("userstats")[0]?.query).toMatchObject({ justauth: "true", json: "true" });
  });

  it("reads the profile with money in kopecks and the states decoded", async () => {
    ub.subscriber("ivan01").creditExpire = "2026-03-07";
    ub.subscriber("ivan01").credit = 150;
    ub.subscriber("ivan01").tariffNextMonth = "Unlim-200";
    const result = await client.profile(ivan);
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        login: "ivan01",
        realName: "Ivan P",
        address: "Main st 5/12",
        mobile: "+380501112233",
        contract: "1001",
        balanceKopecks: -1250,
        creditKopecks: 15000,
        creditExpires: "2026-03-07",
        payid: ub.payid("ivan01"),
        tariff: "Unlim-100",
        nextMonthTariff: "Unlim-200",
        frozen: false,
        disabled: false,
        daysLeft: { kind: "not-counted" },
        currency: "UAH",
      }),
    });
  });

  it("decodes frozen + disabled, days left and debt", async () => {
    ub.config.ONLINELEFT_COUNT = true;
    // 155 / (150 / 31 a day) = 32.03 days.
    expect(await client.profile(ivan)).toMatchObject({
      ok: true,
      value: { daysLeft: { kind: "debt" }, creditExpires: null, nextMonthTariff: null },
    });
    Object.assign(ub.subscriber("ivan01"), { cash: 155, frozen: true, down: true });
    const result = await client.profile(ivan);
    expect(result).toMatchObject({
      ok: true,
      value: {
        balanceKopecks: 15500,
        frozen: true,
        disabled: true,
        daysLeft: { kind: "days", days: 32 },
      },
    });
  });

  it("lists payments newest first and fee charges oldest first, within a date range", async () => {
    ub.addPayment("ivan01", 200, "cash");
    ub.setNow(new Date("2026-03-05T08:00:00Z"));
    ub.chargeFee("ivan01", 150);
    ub.setNow(new Date("2026-03-09T08:00:00Z"));
    ub.addPayment("ivan01", -20.05, "Service:3");
    const payments = await client.payments(ivan);
    expect(payments).toEqual({
      ok: true,
      value: [
        { date: "2026-03-09 08:00:00", amountKopecks: -2005, balanceBeforeKopecks: 3750 },
        { date: "2026-03-02 10:00:00", amountKopecks: 20000, balanceBeforeKopecks: -1250 },
      ],
    });
    const fees = await client.feeCharges(ivan, { from: "2026-03-03", to: "2026-03-31" });
    expect(fees.ok && fees.value.map((row) => [row.date, row.amountKopecks, row.type])).toEqual([
      ["2026-03-05 08:00:00", -15000, "mainsrv"],
      ["2026-03-09 08:00:00", -2005, "virtualsrv"],
    ]);
    const early = await client.feeCharges(ivan, { to: "2026-03-06" });
    expect(early.ok && early.value.length).toBe(1);
    expect(ub.requestsTo("userstats").at(-1)?.query).not.toHaveProperty("datefrom");
  });

  it("takes [] as an empty payments list, with payments switched off too", async () => {
    expect(await client.payments(ivan)).toEqual({ ok: true, value: [] });
    ub.addPayment("ivan01", 100);
    ub.config.PAYMENTS_ENABLED = false;
    expect(await client.payments(ivan)).toEqual({ ok: true, value: [] });
  });

  it("lists the switchable tariffs with their monthly fee, null for an unknown one", async () => {
    ub.config.TC_TARIFFENABLEDFROM = ["Unlim-100"];
    ub.config.TC_TARIFFSALLOWED = ["Unlim-200", "Ghost"];
    expect(await client.tariffsAllowed(ivan)).toEqual({
      ok: true,
      value: [
        { tariff: "Unlim-200", priceKopecks: 25050 },
        { tariff: "Ghost", priceKopecks: null },
      ],
    });
  });

  it("reads the tariff's price and period (tariffvservices), none for a user without a tariff", async () => {
    expect(await client.tariffServices(ivan)).toEqual({
      ok: true,
      value: {
        tariff: { kind: "tariff", name: "Unlim-100", priceKopecks: 15000, period: "month" },
        services: [],
      },
    });
    expect(ub.requests.at(-1)?.query).toMatchObject({ xmlagent: "true", tariffvservices: "true" });
    ub.addSubscriber({ login: "bare", password: "p" });
    const bare = { login: "bare", passwordMd5: passwordMd5("p") };
    expect(await client.tariffServices(bare)).toEqual({
      ok: true,
      value: { tariff: null, services: [] },
    });
  });

  it("reads the freeze settings and freezes, then unfreezes when self-unfreeze is on", async () => {
    Object.assign(ub.config, { AF_FREEZPRICE: "15.5", AF_TARIFFSALLOWED: "Unlim-100, Unlim-200" });
    Object.assign(ub.config, { AF_TARIFF_ALLOW_ANY: false, FREEZE_DAYS_CHARGE_ENABLED: true });
    ub.subscriber("ivan01").freezeDays = { total: 365, restore: 120, used: 10, worked: 30 };
    const data = await client.freezeData(ivan);
    expect(data).toEqual({
      ok: true,
      value: {
        selfFreezeEnabled: true,
        activationCostKopecks: 1550,
        tariffsAllowed: ["Unlim-100", "Unlim-200"],
        anyTariffAllowed: false,
        negativeBalanceAllowed: false,
        balanceKopecks: -1250,
        tariff: "Unlim-100",
        tariffFreezePriceKopecks: 2000,
        frozen: false,
        frozenSince: null,
        freezeDays: {
          total: 365,
          used: 10,
          available: 355,
          restore: 120,
          worked: 30,
          leftToWork: 90,
        },
      },
    });
    expect(await client.freeze(ivan)).toEqual({
      ok: true,
      value: { done: true, message: "User 'ivan01' has been frozen" },
    });
    expect(ub.subscriber("ivan01")).toMatchObject({ frozen: true, cash: -28 });
    expect(await client.freeze(ivan)).toMatchObject({ ok: true, value: { done: false } });
    expect(await client.unfreeze(ivan)).toMatchObject({ ok: true, value: { done: false } });
    ub.config.XMLAGENT_SELF_UNFREEZE_ALLOWED = true;
    expect(await client.unfreeze(ivan)).toMatchObject({ ok: true, value: { done: true } });
    expect(ub.subscriber("ivan01").frozen).toBe(false);
  });
});

describe("XMLAgent client: failures", () => {
  it("says wrong-credentials once the password changes in the billing", async () => {
    ub.setPassword("ivan01", "changed");
    for (const result of [await client.justAuth(ivan), await client.profile(ivan)]) {
      expect(result).toMatchObject({ ok: false, error: "wrong-credentials" });
    }
    expect(await client.creditCheck(ivan)).toMatchObject({ ok: false, error: "wrong-credentials" });
    const fresh = { login: "ivan01", passwordMd5: passwordMd5("changed") };
    expect((await client.justAuth(fresh)).ok).toBe(true);
  });

  it("says unavailable to a subscriber banned from userstats (an HTML page)", async () => {
    ub.subscriber("ivan01").bannedFromUserstats = true;
    expect(await client.profile(ivan)).toMatchObject({ ok: false, error: "unavailable" });
    expect(await client.creditTake(ivan)).toMatchObject({ ok: false, error: "unavailable" });
  });

  it("says disabled when the XMLAgent is off", async () => {
    ub.config.UBA_ENABLED = false;
    expect(await client.profile(ivan)).toMatchObject({ ok: false, error: "disabled" });
    expect(await client.payments(ivan)).toMatchObject({ ok: false, error: "disabled" });
  });

  it("says unavailable for every fault, and works again after", async () => {
    for (const mode of ["unavailable", "apiconnfail", "drop"] as const) {
      ub.setDown(mode);
      const result = await client.profile(ivan);
      expect(result, mode).toMatchObject({ ok: false, error: "unavailable" });
    }
    ub.setDown(false);
    expect((await client.profile(ivan)).ok).toBe(true);
  });

  it("says unavailable when nothing listens, and for a reply slower than the timeout", async () => {
    const quick = createXmlAgentClient({ userstatsUrl: ub.userstatsUrl, timeoutMs: 150 });
    ub.setDelay(1_000);
    const started = Date.now();
    expect(await quick.profile(ivan)).toEqual({
      ok: false,
      error: "unavailable",
      detail: "timed out",
    });
    expect(Date.now() - started).toBeLessThan(900);
    ub.setDelay(0);
    const url = ub.userstatsUrl;
    await ub.stop();
    const gone = createXmlAgentClient({ userstatsUrl: url, timeoutMs: 1_000 });
    expect(await gone.justAuth(ivan)).toMatchObject({ ok: false, error: "unavailable" });
    ub = await UbillingEmulator.start();
  });

  it("says unexpected for a wrong uberkey, a 404 or a reply of the wrong shape", async () => {
    ub.config.XMLAGENT_EXTENDED_AUTH_ON = true;
    const noKey = await client.profile(ivan);
    expect(noKey).toEqual({ ok: false, error: "unexpected", detail: "agent error wrong_uberauth" });
    const elsewhere = createXmlAgentClient({
      userstatsUrl: `${ub.userstatsUrl}/x`,
      timeoutMs: 1_000,
    });
    expect(await elsewhere.profile(ivan)).toEqual({
      ok: false,
      error: "unexpected",
      detail: "HTTP 404",
    });
    // A fetch that answers [] where the profile object belongs (Ubilling's empty data).
    const empty = createXmlAgentClient({
      userstatsUrl: ub.userstatsUrl,
      timeoutMs: 1_000,
      fetch: async () => new Response("[]", { status: 200 }),
    });
    expect(await empty.profile(ivan)).toMatchObject({ ok: false, error: "unexpected" });
  });

  it("keeps the md5 password out of every failure detail", async () => {
    const details: string[] = [];
    ub.setPassword("ivan01", "changed");
    for (const mode of ["unavailable", "apiconnfail", "drop", false] as const) {
      ub.setDown(mode);
      const result = await client.profile(ivan);
      if (!result.ok) details.push(result.detail);
    }
    expect(details).toHaveLength(4);
    for (const detail of details) expect(detail).not.toContain(ivan.passwordMd5);
    expect(details).toContain("ERROR_WRONG_UBERAUTH");
  });
});
