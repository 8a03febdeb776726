import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { credit, get } from "./client.ts";
import { UbillingEmulator } from "./emulator.ts";

let emu: UbillingEmulator;

beforeEach(async () => {
  emu = await UbillingEmulator.start({
    now: new Date("2026-03-02T10:00:00Z"),
    config: { SC_MINDAY: 1, SC_MAXDAY: 5, SC_TERM: 3, SC_PRICE: 5 },
  });
  emu.addTariff({ name: "Unlim-100", fee: 150 });
  emu.addTariff({ name: "Daily", fee: 10, period: "day" });
  emu.addSubscriber({ login: "ivan01", password: "secret", tariff: "Unlim-100", cash: -12.5 });
});

afterEach(async () => {
  await emu.stop();
});

const status = async (justcheck = true) =>
  ((await credit(emu, "ivan01", "secret", justcheck)).json() as { status: number }).status;

describe("creditor agent credit", () => {
  it("a dry run says 0 and sets nothing; the real request sets credit, expiry and the fee", async () => {
    const dry = (await credit(emu, "ivan01", "secret", true)).json();
    expect(dry).toEqual({
      status: 0,
      message: "success",
      fullmessage: "",
      minday: "1",
      maxday: "5",
      creditterm: "5", // Ubilling's quirk: SC_MAXDAY on success
      creditprice: "5",
      currency: "UAH",
      creditintro: expect.stringContaining("credit for 3 days"),
    });
    expect(emu.subscriber("ivan01")).toMatchObject({ credit: 0, creditExpire: null });
    expect((await credit(emu, "ivan01", "secret")).json()).toMatchObject({ status: 0 });
    expect(emu.subscriber("ivan01")).toMatchObject({
      credit: 155,
      creditExpire: "2026-03-05",
      cash: -17.5,
    });
    expect(emu.state.payments.at(-1)).toMatchObject({ summ: -5, note: "SCFEE" });
  });

  it("a disabled creditor answers status 1 with no other field", async () => {
    emu.config.SC_ENABLED = false;
    expect((await credit(emu, "ivan01", "secret")).json()).toEqual({
      status: 1,
      message: "disabled",
    });
  });

  it("checks in Ubilling's order", async () => {
    const ivan = emu.subscriber("ivan01");
    emu.setNow(new Date("2026-03-09T10:00:00Z"));
    const wrongDay = (await credit(emu, "ivan01", "secret", true)).json();
    expect(wrongDay).toMatchObject({
      status: 2,
      message: "wrong day",
      fullmessage: "You can take a credit only between 1 and 5 days of the month",
      creditterm: "3",
    });
    emu.setNow(new Date("2026-03-02T10:00:00Z"));
    ivan.creditExpire = "2026-03-04";
    expect(await status()).toBe(3);
    ivan.creditExpire = null;
    ivan.frozen = true;
    expect(await status()).toBe(4);
    ivan.frozen = false;
    ivan.down = true;
    expect(await status()).toBe(4);
    ivan.down = false;
    ivan.cash = -150.01;
    expect(await status()).toBe(6);
    ivan.cash = 0;
    expect(await status()).toBe(5);
    ivan.cash = -10;
    emu.config.SC_TARIFFSALLOWED = ["Other"];
    expect(await status()).toBe(8);
    emu.config.SC_TARIFFSALLOWED = [];
    expect(await status()).toBe(0);
  });

  it("once a month, and with SC_HACKCONTROL not again before a payment", async () => {
    expect(await status(false)).toBe(0);
    const ivan = emu.subscriber("ivan01");
    Object.assign(ivan, { credit: 0, creditExpire: null });
    expect(await status()).toBe(9);
    emu.config.SC_HACKCONTROL = true;
    expect(await status()).toBe(10);
    emu.addPayment("ivan01", 1);
    expect(await status()).toBe(9);
    emu.config.SC_MONTHCONTROL = false;
    expect(await status()).toBe(0);
    emu.setNow(new Date("2026-04-01T10:00:00Z"));
    emu.config.SC_MONTHCONTROL = true;
    expect(await status()).toBe(0);
  });

  it("prices a day tariff for the whole month", async () => {
    Object.assign(emu.subscriber("ivan01"), { tariff: "Daily", cash: -300 });
    expect(await status(false)).toBe(0);
    expect(emu.subscriber("ivan01").credit).toBe(10 * 31 + 5);
  });

  it("answers 401 to a wrong password and HTML without agentcredit", async () => {
    const wrong = await credit(emu, "ivan01", "nope");
    expect([wrong.status, wrong.text]).toEqual([401, "ERROR_WRONG_UBERAUTH"]);
    const form = await get(emu.userstatsUrl, {
      module: "creditor",
      uberlogin: "ivan01",
      uberpassword: UbillingEmulator.passwordHash("secret"),
    });
    expect(form.contentType).toMatch(/^text\/html/);
  });
});
