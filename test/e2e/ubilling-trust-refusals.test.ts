// Every refusal of Ubilling's creditor, through the real bot: the dry run's status code becomes
// the bot's reason, in Russian, and no credit is taken.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type BillingWorld, signedInOn, startUbillingWorld } from "../support/billing-worlds.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { inlineButtons } from "../support/sign-in.ts";
import type { UbillingEmulator } from "../ubilling/index.ts";

type Setup = (ub: UbillingEmulator, login: string) => void;

const isoToday = () => new Date().toISOString().slice(0, 10);

const refusals: [string, Setup, string][] = [
  [
    "the creditor is off",
    (ub) => {
      ub.config.SC_ENABLED = false;
    },
    "сейчас недоступен",
  ],
  [
    "not on an allowed day of the month",
    (ub) => {
      ub.setNow(new Date("2026-12-20T09:00:00Z"));
      ub.config.SC_MAXDAY = 10;
    },
    "можно взять только с",
  ],
  [
    "a credit already taken",
    (ub, login) => {
      ub.subscriber(login).credit = 460;
      ub.subscriber(login).creditExpire = isoToday();
    },
    "уже действует доверительный платёж",
  ],
  [
    "a frozen contract",
    (ub, login) => {
      ub.subscriber(login).frozen = true;
    },
    "заморожен",
  ],
  [
    "money enough",
    (ub, login) => {
      ub.subscriber(login).cash = 50;
    },
    "не в минусе",
  ],
  [
    "a debt beyond the credit",
    (ub, login) => {
      ub.subscriber(login).cash = -5000;
    },
    "Долг",
  ],
  [
    "a tariff without it",
    (ub) => {
      ub.config.SC_TARIFFSALLOWED = ["Home-850"];
    },
    "На тарифе договора",
  ],
  [
    "one a month, already used",
    (ub, login) => {
      ub.config.SC_MONTHCONTROL = true;
      ub.state.creditLog.push({ login, date: isoToday() });
    },
    "в этом месяце уже брали",
  ],
  [
    "the previous one not paid for",
    (ub, login) => {
      ub.config.SC_HACKCONTROL = true;
      ub.addPayment(login, -10, "SCFEE");
    },
    "После прошлого доверительного платежа",
  ],
];

describe.skipIf(noPostgres || noRedis)("Ubilling's creditor refusals in the bot", () => {
  let world: BillingWorld;
  let ub: UbillingEmulator;
  beforeAll(async () => {
    world = await startUbillingWorld();
    ub = world.ubilling ?? expect.unreachable("the Ubilling world has its emulator");
  });
  afterAll(() => world?.stop());
  let saved: UbillingEmulator["config"];
  beforeAll(() => {
    saved = { ...ub.config };
  });
  afterEach(() => {
    Object.assign(ub.config, saved);
    ub.setNow(undefined);
  });

  it.each(refusals)("refuses on %s, saying why", async (_case, setup, why) => {
    const login = `ub_r${refusals.findIndex(([name]) => name === _case) + 1}`;
    ub.addSubscriber({ login, password: world.password, tariff: "Home-450", cash: -100 });
    setup(ub, login);
    const user = await signedInOn(world, "Абонент", login);
    const creditsBefore = ub.state.creditLog.length;
    await user.send("/trust");
    const refusal = await user.nextBotMessage();
    expect(refusal.text).toContain(login);
    expect(refusal.text).toContain(why);
    expect(inlineButtons(refusal)).not.toContain("✅ Взять");
    expect(ub.state.creditLog).toHaveLength(creditsBefore);
  });
});
