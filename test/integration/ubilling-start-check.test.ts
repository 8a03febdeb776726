// Before the bot starts on Ubilling: each part it needs answers, the key is right, and money is
// counted in the invoices' currency; each problem is one line naming what to look at.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOpenPayzClient } from "../../core/billing/ubilling/openpayz-client.ts";
import { checkUbillingAtStart } from "../../core/billing/ubilling/start-check.ts";
import {
  createXmlAgentClient,
  passwordMd5,
  type UbillingCredentials,
} from "../../core/billing/ubilling/xmlagent-client.ts";
import { UbillingEmulator } from "../ubilling/index.ts";

let ub: UbillingEmulator;
beforeEach(async () => {
  ub = await UbillingEmulator.start({ config: { currency: "RUB" } });
  ub.addTariff({ name: "Unlim-100", fee: 150 });
  ub.addSubscriber({ login: "ivan01", password: "secret", tariff: "Unlim-100", cash: 10 });
});
afterEach(() => ub.stop());

const ivan = { login: "ivan01", passwordMd5: passwordMd5("secret") };

function check(
  options: { apiKey?: string; sample?: UbillingCredentials | null; userstatsUrl?: string } = {},
) {
  return checkUbillingAtStart({
    agent: createXmlAgentClient({
      userstatsUrl: options.userstatsUrl ?? ub.userstatsUrl,
      timeoutMs: 1000,
    }),
    openpayz: createOpenPayzClient({ osmpUrl: ub.osmpUrl, timeoutMs: 1000 }),
    core: { coreUrl: ub.coreUrl, apiKey: options.apiKey ?? ub.config.serial },
    sampleCredential: async () => (options.sample === undefined ? ivan : options.sample),
    currency: "RUB",
  });
}

describe("the start check on Ubilling", () => {
  it("passes on a billing that answers, with the currency read from a contract", async () => {
    expect(await check()).toEqual({ ok: true, currency: "RUB" });
    expect(await check({ sample: null })).toEqual({ ok: true, currency: null });
  });

  it("names the API key when it is not the serial", async () => {
    expect(await check({ apiKey: "UBnot-the-serial" })).toEqual({
      ok: false,
      problem: "UBILLING_API_KEY is not this Ubilling's serial",
    });
  });

  it("names what is down or off", async () => {
    ub.setDown("unavailable");
    expect(await check()).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^UBILLING_USERSTATS_URL does not answer/),
    });
    ub.setDown(false);
    expect(await check({ userstatsUrl: "http://127.0.0.1:9" })).toMatchObject({
      problem: expect.stringMatching(/^UBILLING_USERSTATS_URL does not answer/),
    });
    ub.config.REMOTEAPI_ENABLED = false;
    expect(await check()).toMatchObject({ problem: expect.stringContaining("REMOTEAPI_ENABLED") });
    ub.config.REMOTEAPI_ENABLED = true;
    ub.config.UBA_ENABLED = false;
    expect(await check()).toMatchObject({ problem: expect.stringContaining("UBA_ENABLED") });
  });

  it("refuses a billing that counts money in another currency", async () => {
    ub.config.currency = "UAH";
    expect(await check()).toEqual({
      ok: false,
      problem:
        "Ubilling counts money in UAH (currency in userstats.ini), the bot's invoices are in RUB",
    });
  });
});
