// Benchmark: /balance through the Ubilling adapter, the billing answering each request after
// 20 ms (our Ubilling emulator's delay), one subscriber at a time: a first view (the summary
// cache cold: the profile and the tariff, asked at once), a second within the cache's 30 s (no
// request), and a view right after a card payment (the cache dropped). Counts the billing's
// requests per view; the goal is at most 2.
// npm run bench -- balance-ubilling [subscribers] [delay ms]
// Needs the local PostgreSQL and Redis.
import type { UserDriver } from "../emulator/index.ts";
import { type BillingWorld, rub, startUbillingWorld } from "../support/billing-worlds.ts";
import { inlineButtons } from "../support/sign-in.ts";

/** ubilling-billing.ts keeps a contract's summary this long. */
const summaryCacheMs = 30_000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    views: samples.length,
    p50: Math.round(percentile(sorted, 50)),
    p99: Math.round(percentile(sorted, 99)),
    max: Math.round(sorted.at(-1) ?? 0),
  };
}

export async function benchBalanceUbilling(subscribers = 50, delayMs = 20) {
  const world: BillingWorld = await startUbillingWorld();
  const ub = world.ubilling;
  if (!ub) throw new Error("the Ubilling world has no emulator");
  try {
    const logins = Array.from({ length: subscribers }, (_, i) => `bench${i + 1}`);
    for (const login of logins)
      ub.addSubscriber({
        login,
        password: world.password,
        tariff: "Home-450",
        realname: `Абонент ${login}`,
        home: { city: "Каспийск", street: "ул. Ленина", build: "5", apt: "0" },
        cash: 900,
      });
    const users: UserDriver[] = [];
    for (const login of logins) {
      const user = world.harness.emulator.user({ firstName: login, languageCode: "ru" });
      await user.send("/login");
      await user.nextBotMessage();
      await user.send(login);
      await user.nextBotMessage();
      await user.send(world.password);
      await user.nextBotMessage();
      await user.nextBotMessage();
      users.push(user);
    }
    // The sign-in's menu read each summary: wait out the cache so the first views are cold.
    await new Promise((resolve) => setTimeout(resolve, summaryCacheMs + 1000));
    ub.setDelay(delayMs);
    const round = { cold: [] as number[], warm: [] as number[], afterPayment: [] as number[] };
    const trips = { cold: [] as number[], warm: [] as number[], afterPayment: [] as number[] };
    const tripsOf = (into: number[]) =>
      into === round.cold ? trips.cold : into === round.warm ? trips.warm : trips.afterPayment;
    async function view(user: UserDriver, into: number[], expected?: string) {
      const before = ub?.requestsTo("userstats").length ?? 0;
      const shown = user.messages().length;
      const started = performance.now();
      await user.send("/balance");
      const card = await user.waitFor(() =>
        user
          .messages()
          .slice(shown)
          .find((m) => m.text?.startsWith("💰") && (!expected || m.text.includes(expected))),
      );
      into.push(performance.now() - started);
      tripsOf(into).push((ub?.requestsTo("userstats").length ?? 0) - before);
      return card;
    }
    for (const user of users) await view(user, round.cold);
    for (const user of users) await view(user, round.warm);
    for (const user of users.slice(0, 10)) {
      const shown = user.messages().length;
      await user.send("/topup");
      await user.waitFor(() =>
        user
          .messages()
          .slice(shown)
          .find((m) => inlineButtons(m).includes(rub(500_00))),
      );
      await user.press(rub(500_00));
      const invoice = await user.waitFor(() => user.messages().findLast((m) => m.invoice));
      await user.pay(invoice);
      await user.waitFor(() =>
        user.messages().find((m) => m.text?.includes(`Баланс: ${rub(1400_00)}`)),
      );
      await view(user, round.afterPayment, `Баланс: ${rub(1400_00)}`);
    }
    return {
      subscribers,
      delayMs,
      cold: summary(round.cold),
      warm: summary(round.warm),
      afterPayment: summary(round.afterPayment),
      billingRequestsPerView: {
        cold: Math.max(...trips.cold),
        warm: Math.max(...trips.warm),
        afterPayment: Math.max(...trips.afterPayment),
      },
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
  } finally {
    await world.stop();
  }
}
