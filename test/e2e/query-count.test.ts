// How many SQL statements one update costs on the hot path (issue 17): /start, /balance and the
// balance card's buttons, counted on the wire between the bot and PostgreSQL (BEGIN and COMMIT
// included). The inbox's own statements (storing the update, marking it handled) are counted
// apart: every update pays them whatever it asks for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPostgres } from "../../core/db.ts";
import type { UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { adminDatabaseUrl } from "../support/services.ts";
import { signedIn } from "../support/sign-in.ts";
import { type SqlCounter, startSqlCounter } from "../support/sql-counter.ts";

const inboxStatement = /"InboundUpdate"/;

interface Cost {
  /** The statements the handler sent, in order. */
  handler: string[];
  inbox: number;
}

describe.skipIf(noPostgres || noRedis)("SQL statements per update", () => {
  let harness: Harness;
  let counter: SqlCounter;
  beforeAll(async () => {
    const postgres = new URL(adminDatabaseUrl);
    counter = await startSqlCounter({
      host: postgres.hostname,
      port: Number(postgres.port || 5432),
    });
    harness = await startHarness({
      redis: true,
      databaseUrl: (url) => counter.via(url),
      env: { PAYMENT_PROVIDER_TOKEN: "381764678:TEST:kaspnet" },
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await counter?.close();
  });

  /** What `act` costs, once the bot has answered and marked every update handled. */
  async function costOf(act: () => Promise<unknown>): Promise<Cost> {
    await settled();
    const from = counter.statements().length;
    await act();
    await settled();
    const sent = counter.statements().slice(from);
    return {
      handler: sent.filter((sql) => !inboxStatement.test(sql)),
      inbox: sent.filter((sql) => inboxStatement.test(sql)).length,
    };
  }

  // The test reads the inbox on its own connection, which the counter does not see.
  const settled = () =>
    expect
      .poll(() => harness.database.prisma.inboundUpdate.count({ where: { handledAt: null } }))
      .toBe(0);

  /** Logs what it cost (the statements themselves, to see what to cut next) and checks the budget. */
  function expectCost(what: string, cost: Cost, budget: number) {
    console.info(
      `${what}: ${cost.handler.length} statements (+ ${cost.inbox} of the inbox)\n  ${cost.handler.join("\n  ")}`,
    );
    expect(cost.handler.length, what).toBeLessThanOrEqual(budget);
    // Stored before it is handled, marked handled after.
    expect(cost.inbox, what).toBe(2);
  }

  const newUser = (firstName: string) => harness.emulator.user({ firstName, languageCode: "ru" });

  /** Sends a message and returns the bot's last answer to it (of `replies`). */
  async function sendAndRead(user: UserDriver, text: string, replies: number) {
    await user.send(text);
    let last = "";
    for (let i = 0; i < replies; i++) last = (await user.nextBotMessage()).text ?? "";
    return last;
  }

  it("counts a transaction's BEGIN and COMMIT as statements", async () => {
    const through = connectPostgres(counter.via(harness.database.url));
    try {
      const from = counter.statements().length;
      await through.prisma.$transaction(async (tx) => {
        await tx.tariff.count();
      });
      expect(counter.statements().slice(from)).toEqual([
        "BEGIN",
        expect.stringContaining('FROM "public"."Tariff"'),
        "COMMIT",
      ]);
    } finally {
      await through.close();
    }
  });

  // Budgets are what this code reaches; before the cut (issue 17) /start cost 5 (new or known),
  // /balance 10, the buttons below 10, 9, 10, 5 and 10; until commands and buttons stopped
  // deleting the chat's PasswordPrompt, one more each. The card reads today's charge apart (one
  // more for the card, at the same time): so that many cards are read together (the last test).
  it("/start of a new user, then of a known one who has not signed in", async () => {
    const user = newUser("Новый");
    let menu = "";
    const first = await costOf(async () => {
      menu = await sendAndRead(user, "/start", 2);
    });
    expect(menu).toContain("Главное меню");
    expectCost("/start, new user", first, 2);
    const again = await costOf(async () => {
      menu = await sendAndRead(user, "/start", 2);
    });
    expect(menu).toContain("Главное меню");
    expectCost("/start, known user", again, 1);
  });

  it("/balance of a signed-in user", async () => {
    const user = newUser("Руслан");
    await signedIn(user, "10001");
    let card = "";
    const cost = await costOf(async () => {
      card = await sendAndRead(user, "/balance", 1);
    });
    expect(card).toContain("💰 Баланс · договор 10001");
    expect(card).toContain("Хватит до");
    expectCost("/balance, linked user", cost, 3);
  });

  it("the balance card's buttons", async () => {
    const user = newUser("Аминат");
    await signedIn(user, "10004");
    await sendAndRead(user, "/balance", 1);
    const buttons = [
      { button: "💳 Пополнить картой", budget: 3, answer: "банковской картой" },
      { button: "🤝 Доверительный платёж", budget: 3, answer: "хватает на следующее списание" },
      { button: "📶 Тарифы", budget: 3, answer: "📶 Тарифы · договор 10004" },
      { button: "📜 История платежей", budget: 2, answer: "📜 История · договор 10004" },
      { button: "⬅️ К балансу", budget: 3, answer: "💰 Баланс · договор 10004" },
    ];
    for (const { button, budget, answer } of buttons) {
      let reply = "";
      const cost = await costOf(async () => {
        await user.press(button);
        reply = (await user.nextBotMessage()).text ?? "";
      });
      expect(reply).toContain(answer);
      expectCost(button, cost, budget);
    }
  });

  // Prisma answers the same read asked for by many updates at once with one SELECT, unless the
  // reads differ in more than their key: then it runs them one by one in a transaction, on one
  // connection, and every chat asking at that moment waits for all the others.
  it("reads the cards of many subscribers asking at once together, not one by one in a transaction", async () => {
    const logins = ["10001", "10003", "10004", "10005"];
    const users = logins.map((login) => ({ login, user: newUser(`Абонент ${login}`) }));
    for (const { user, login } of users) await signedIn(user, login);
    const cost = await costOf(async () => {
      await Promise.all(users.map(({ user }) => user.send("/balance")));
      for (const { user, login } of users) {
        expect((await user.nextBotMessage()).text).toContain(`💰 Баланс · договор ${login}`);
      }
    });
    console.info(`${logins.length} × /balance at once:\n  ${cost.handler.join("\n  ")}`);
    expect(cost.handler.filter((sql) => sql === "BEGIN")).toEqual([]);
    expect(cost.handler.length).toBeLessThanOrEqual(3 * logins.length);
  });
});
