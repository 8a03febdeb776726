// The self-credit through the XMLAgent client: the dry run grants nothing, the take grants, and
// each refusal code the emulator can be driven to comes back as its typed outcome.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createXmlAgentClient,
  passwordMd5,
  type XmlAgentClient,
} from "../../core/billing/ubilling/xmlagent-client.ts";
import { UbillingEmulator } from "../ubilling/index.ts";

let ub: UbillingEmulator;
let client: XmlAgentClient;
const ivan = { login: "ivan01", passwordMd5: passwordMd5("secret") };

beforeEach(async () => {
  ub = await UbillingEmulator.start({ now: new Date("2026-03-02T10:00:00Z") });
  ub.addTariff({ name: "Unlim-100", fee: 150 });
  ub.addSubscriber({ login: "ivan01", password: "secret", tariff: "Unlim-100", cash: -12.5 });
  Object.assign(ub.config, { SC_PRICE: 5, SC_TERM: 3 });
  client = createXmlAgentClient({ userstatsUrl: ub.userstatsUrl, timeoutMs: 2_000 });
});

afterEach(async () => {
  await ub.stop();
});

/** Clears a granted credit as if it expired, leaving the month's log row. */
function creditExpired(): void {
  Object.assign(ub.subscriber("ivan01"), { credit: 0, creditExpire: null });
}

describe("self-credit", () => {
  it("justcheck answers ok and grants nothing; the take grants", async () => {
    const check = await client.creditCheck(ivan);
    expect(check).toEqual({ ok: true, value: { kind: "ok", priceKopecks: 500, currency: "UAH" } });
    expect(ub.subscriber("ivan01")).toMatchObject({ credit: 0, creditExpire: null, cash: -12.5 });
    expect(ub.state.creditLog).toEqual([]);
    expect(ub.requestsTo("userstats")[0]?.query).toMatchObject({ justcheck: "true" });

    expect(await client.creditTake(ivan)).toMatchObject({ ok: true, value: { kind: "ok" } });
    expect(ub.requestsTo("userstats")[1]?.query).not.toHaveProperty("justcheck");
    // The reply has no amount: the profile tells the credit and its expiry.
    expect(await client.profile(ivan)).toMatchObject({
      ok: true,
      value: { creditKopecks: 15500, creditExpires: "2026-03-05", balanceKopecks: -1750 },
    });
  });

  it("refuses with each status as its outcome", async () => {
    const outcome = async () => {
      const result = await client.creditCheck(ivan);
      return result.ok ? result.value : result.error;
    };
    const subscriber = ub.subscriber("ivan01");

    ub.config.SC_ENABLED = false;
    expect(await outcome()).toEqual({ kind: "disabled" });
    ub.config.SC_ENABLED = true;

    Object.assign(ub.config, { SC_MINDAY: 5, SC_MAXDAY: 10 });
    expect(await outcome()).toEqual({ kind: "wrong-day", minDay: 5, maxDay: 10 });
    Object.assign(ub.config, { SC_MINDAY: 1, SC_MAXDAY: 31 });

    subscriber.creditExpire = "2026-03-10";
    expect(await outcome()).toEqual({ kind: "already-has-credit" });
    subscriber.creditExpire = null;

    subscriber.frozen = true;
    expect(await outcome()).toEqual({ kind: "frozen" });
    subscriber.frozen = false;

    subscriber.cash = 10;
    expect(await outcome()).toEqual({ kind: "balance-fine" });
    subscriber.cash = -500;
    expect(await outcome()).toEqual({ kind: "debt-too-deep" });
    subscriber.cash = -12.5;

    ub.config.SC_TARIFFSALLOWED = ["Unlim-500"];
    expect(await outcome()).toEqual({ kind: "tariff-not-allowed" });
    ub.config.SC_TARIFFSALLOWED = [];

    expect(await outcome()).toMatchObject({ kind: "ok" });
  });

  it("refuses a second credit in the month, and one not paid for with hack control", async () => {
    expect((await client.creditTake(ivan)).ok).toBe(true);
    creditExpired();
    expect(await client.creditTake(ivan)).toEqual({
      ok: true,
      value: { kind: "used-this-month" },
    });
    Object.assign(ub.config, { SC_MONTHCONTROL: false, SC_HACKCONTROL: true });
    expect(await client.creditTake(ivan)).toEqual({
      ok: true,
      value: { kind: "previous-not-paid" },
    });
    ub.addPayment("ivan01", 10);
    expect(await client.creditCheck(ivan)).toMatchObject({ ok: true, value: { kind: "ok" } });
  });

  it("turns a reply of another shape into unexpected", async () => {
    const odd = (body: unknown) =>
      createXmlAgentClient({
        userstatsUrl: ub.userstatsUrl,
        timeoutMs: 1_000,
        fetch: async () => new Response(JSON.stringify(body), { status: 200 }),
      }).creditCheck(ivan);
    for (const body of [
      { status: 7, message: "unexpected error" },
      { status: 11, message: "?" },
      [],
    ]) {
      expect(await odd(body), JSON.stringify(body)).toMatchObject({
        ok: false,
        error: "unexpected",
      });
    }
  });
});
