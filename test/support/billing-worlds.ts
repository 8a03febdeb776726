// The same subscribers on each billing the bot runs on, for the suites that run one flow on both:
// the built-in billing's demo contracts, and Ubilling (our emulator) holding the same contracts
// under its own logins. A world starts the bot on its billing and can break that billing.

import { expect } from "vitest";
import { formatMoney } from "../../bot/format.ts";
import { postLedgerEntry } from "../../core/billing/ledger.ts";
import { demoPassword } from "../../prisma/seed.ts";
import type { GroupDriver } from "../emulator/index.ts";
import { UbillingEmulator } from "../ubilling/index.ts";
import { type Harness, startHarness } from "./bot-harness.ts";
import { signInThroughBot } from "./sign-in.ts";

export interface BillingWorld {
  name: "builtin" | "ubilling";
  harness: Harness;
  /** The agents' forum group, an agent in it. */
  agents: GroupDriver;
  /**
   * An active contract with 1 250 ₽ and one blocked at −180 ₽, both on a 450 ₽ tariff, and a
   * spare one for tests that lock or break it, and one with 40 ₽ on a 600 ₽ tariff (two days left).
   */
  logins: { active: string; blocked: string; spare: string; low: string };
  password: string;
  /** Puts payments in (rubles each) as the billing's own, e.g. at the office. */
  addPayments(login: string, rubles: number[]): Promise<void>;
  /** The contract's balance as the billing holds it, in kopecks. */
  balance(login: string): Promise<number>;
  /** Only Ubilling's world can be broken. */
  ubilling: UbillingEmulator | null;
  stop(): Promise<void>;
}

export const rub = (kopecks: number) => formatMoney(kopecks);

const paymentEnv = { PAYMENT_PROVIDER_TOKEN: "381764678:TEST:kaspnet" };

/** The bot on the billing `env` names, with an agents' group (SUPPORT_CHAT_ID) and an agent. */
async function startOn(env: Record<string, string>) {
  let agents: GroupDriver | undefined;
  const harness = await startHarness({
    env: { ...paymentEnv, TELEGRAM_GROUP_PER_MINUTE: "1000", ...env },
    beforeStart: (emulator) => {
      agents = emulator.group({ title: "Каспнет · поддержка", forum: true });
      return { SUPPORT_CHAT_ID: String(agents.id) };
    },
  });
  if (!agents) throw new Error("the agents' group was not created");
  const agent = harness.emulator.user({ firstName: "Марина", languageCode: "ru" });
  agents.setMemberStatus(agent.id, "administrator");
  return { harness, agents };
}

export async function startBuiltinWorld(): Promise<BillingWorld> {
  const { harness, agents } = await startOn({});
  return {
    name: "builtin",
    harness,
    agents,
    logins: { active: "10001", blocked: "10002", spare: "10004", low: "10003" },
    async addPayments(login, rubles) {
      const db = harness.database.prisma;
      const { id } = await db.account.findUniqueOrThrow({ where: { login }, select: { id: true } });
      for (const [i, amount] of rubles.entries())
        await postLedgerEntry(db, {
          accountId: id,
          amount: amount * 100,
          kind: "CASH_TOPUP",
          idempotencyKey: `test-cash:${login}:${i}:${amount}`,
        });
    },
    password: demoPassword,
    balance: async (login) =>
      (await harness.database.prisma.account.findUniqueOrThrow({ where: { login } })).balance,
    ubilling: null,
    stop: () => harness.stop(),
  };
}

export const ubillingSecretKey = Buffer.alloc(32, 7).toString("base64");

/** The settings that put the bot (or the operator's command line) on this Ubilling emulator. */
export const ubillingEnv = (ub: UbillingEmulator) => ({
  BILLING: "ubilling",
  // The emulator writes its dates in UTC; the bot reads Ubilling's in its own zone, so the same.
  TZ_NAME: "UTC",
  UBILLING_USERSTATS_URL: ub.userstatsUrl,
  UBILLING_URL: ub.coreUrl,
  UBILLING_OPENPAYZ_URL: ub.osmpUrl,
  UBILLING_API_KEY: ub.config.serial,
  UBILLING_TIMEOUT_MS: "1000",
  BILLING_SECRET_KEY: ubillingSecretKey,
});

export async function startUbillingWorld(): Promise<BillingWorld> {
  const ub = await UbillingEmulator.start({
    config: {
      currency: "RUB",
      SC_MINDAY: 1,
      SC_MAXDAY: 31,
      SC_PRICE: 10,
      TC_TARIFFENABLEDFROM: ["Home-450", "Home-600"],
      TC_TARIFFSALLOWED: ["Home-600", "Home-850"],
      XMLAGENT_SELF_UNFREEZE_ALLOWED: true,
      // The address's parts sent apart, as the README asks of a provider's Ubilling.
      UBA_XML_ADDRESS_STRUCT: true,
    },
  });
  ub.addTariff({ name: "Home-450", fee: 450 });
  const contract = { password: "Kasp-ub-2026", tariff: "Home-450" };
  // Flats of one house, as Ubilling's address tables hold them: "Каспийск ул. Ленина 5/1".
  const flat = (apt: string) => ({
    home: { city: "Каспийск", street: "ул. Ленина", build: "5", apt },
  });
  ub.addSubscriber({
    ...contract,
    ...flat("1"),
    login: "ub_active",
    realname: "Магомедов Руслан",
    cash: 1250,
  });
  ub.addSubscriber({
    ...contract,
    ...flat("2"),
    login: "ub_blocked",
    realname: "Алиева Патимат",
    cash: -180,
  });
  ub.addSubscriber({
    ...contract,
    ...flat("3"),
    login: "ub_spare",
    realname: "Гаджиев Ислам",
    cash: 300,
  });
  ub.addTariff({ name: "Home-600", fee: 600 });
  ub.addTariff({ name: "Home-850", fee: 850 });
  ub.addSubscriber({
    ...contract,
    ...flat("4"),
    tariff: "Home-600",
    login: "ub_low",
    realname: "Иванов Сергей",
    cash: 40,
  });
  const { harness, agents } = await startOn(ubillingEnv(ub));
  return {
    name: "ubilling",
    harness,
    agents,
    logins: { active: "ub_active", blocked: "ub_blocked", spare: "ub_spare", low: "ub_low" },
    async addPayments(login, rubles) {
      for (const amount of rubles) ub.addPayment(login, amount, "cash");
    },
    password: contract.password,
    balance: async (login) => Math.round(ub.subscriber(login).cash * 100),
    ubilling: ub,
    async stop() {
      await harness.stop();
      await ub.stop();
    },
  };
}

export const billingWorlds = [
  ["builtin", startBuiltinWorld],
  ["ubilling", startUbillingWorld],
] as const;

/** A new Russian-speaking user signed in to `login` on the world's billing, the menu read. */
export async function signedInOn(
  world: BillingWorld,
  firstName: string,
  login: string,
  password = world.password,
) {
  const user = world.harness.emulator.user({ firstName, languageCode: "ru" });
  const reply = await signInThroughBot(user, login, password);
  expect(reply.text).toContain(`Вы вошли в личный кабинет: договор ${login}`);
  await user.nextBotMessage(); // the menu
  return user;
}
