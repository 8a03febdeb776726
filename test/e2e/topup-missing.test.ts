// "I paid but the balance did not change" through the emulator, with a forum group of agents: the
// subscriber types what they remember of a payment (amount, day, time), the bot finds the invoice
// and explains it (credited with its charge id and ledger entry, never paid, expired, or nothing
// found), and «Написать в поддержку» opens a ticket whose topic has the payment's details.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDay, formatMoney, formatTime } from "../../bot/format.ts";
import { addDays, billingDayAt } from "../../core/billing/calendar.ts";
import type { ChatMessage, GroupDriver, UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres } from "../support/require-services.ts";
import { inlineButtons, signedIn } from "../support/sign-in.ts";
import { startSupportDesk } from "../support/support-desk.ts";

const rub = (kopecks: number) => formatMoney(kopecks);
const missing = "Я оплатил, а баланс не изменился";
const other = "Другой платёж — ввести сумму";
const support = "✍️ Написать в поддержку";
const contacts = "📍 Контакты и офис";

describe.skipIf(noPostgres)("a payment the balance does not show", () => {
  let harness: Harness;
  let group: GroupDriver;
  beforeAll(async () => {
    ({ harness, group } = await startSupportDesk({
      env: { PAYMENT_PROVIDER_TOKEN: "381764678:TEST:kaspnet" },
      timeoutMs: 20000,
    }));
  });
  afterAll(() => harness?.stop());

  const db = () => harness.database.prisma;
  const timeZone = () => harness.config.timeZone;
  const newUser = (firstName: string, languageCode = "ru") =>
    harness.emulator.user({ firstName, languageCode });
  const textOf = (user: UserDriver, check: (text: string) => boolean) =>
    user.waitFor(() => user.messages().findLast((m) => m.text !== undefined && check(m.text)));
  const count = (user: UserDriver, check: (text: string) => boolean) =>
    user.messages().filter((m) => m.text !== undefined && check(m.text)).length;

  /** /topup and one of its buttons, waiting for the n-th top-up screen. */
  async function topUpScreen(user: UserDriver) {
    const before = count(user, (text) => text.startsWith("Пополнение договора"));
    await user.send("/topup");
    return user.waitFor(() => {
      const screens = user.messages().filter((m) => m.text?.startsWith("Пополнение договора"));
      return screens.length > before ? screens.at(-1) : undefined;
    });
  }

  async function pay(user: UserDriver, amount: number) {
    await topUpScreen(user);
    await user.press(rub(amount));
    const invoice = await user.waitFor(() =>
      user.messages().findLast((m) => m.invoice?.total_amount === amount),
    );
    expect((await user.pay(invoice)).status).toBe("paid");
    await textOf(user, (text) => text.startsWith("✅ Оплата получена"));
  }

  /** "I paid…" → "another payment": the bot asks what the subscriber remembers. */
  async function askForRecollection(user: UserDriver) {
    await topUpScreen(user);
    const asked = count(user, (text) => text.startsWith("Напишите сумму платежа"));
    await user.press(missing);
    const list = await textOf(user, (text) => text.includes("выберите счёт"));
    expect(inlineButtons(list).at(-1)).toBe(other);
    await user.press(other);
    await user.waitFor(
      () => count(user, (text) => text.startsWith("Напишите сумму платежа")) > asked,
    );
    user.skipBotMessages();
  }

  /** Sends a line and returns the bot's next answer. */
  async function answerTo(user: UserDriver, line: string): Promise<ChatMessage> {
    await user.send(line);
    return user.nextBotMessage();
  }

  async function topicOf(ticket: number) {
    return group.waitFor(() =>
      group.topics().find((topic) => topic.name.startsWith(`№${ticket} · `)),
    );
  }

  const inTopic = (threadId: number, check: (text: string) => boolean) =>
    group.waitFor(() =>
      group.messages({ threadId }).find((m) => m.text !== undefined && check(m.text)),
    );

  it("finds a paid payment by the amount and day typed, explains it, and hands it to support", async () => {
    const user = newUser("Аминат");
    await signedIn(user, "10004");
    await pay(user, 500_00);
    const payment = await db().payment.findFirstOrThrow({
      where: { account: { login: "10004" }, status: "PAID" },
    });
    const entry = await db().ledgerEntry.findUniqueOrThrow({
      where: { idempotencyKey: `card:${payment.telegramChargeId}` },
    });

    await askForRecollection(user);
    const today = billingDayAt(new Date(), timeZone());
    const answers: [string, string][] = [
      ["пятьсот", "Не понял. Напишите сумму платежа"],
      ["50", `Платежи картой в боте — от ${rub(100_00)} до ${rub(15_000_00)}`],
      ["500 31.02", "Такой даты или времени не бывает"],
      ["500 12.03 25:10", "Такой даты или времени не бывает"],
      [`500 ${formatDay(addDays(today, 1))}`, "Эта дата ещё не наступила"],
      ["x".repeat(4000), "Не понял"],
    ];
    for (const [line, hint] of answers) expect((await answerTo(user, line)).text).toContain(hint);
    await user.sendSticker();
    expect((await user.nextBotMessage()).text).toContain("Не понял. Напишите сумму платежа");

    const explained = await answerTo(user, `500 ₽ ${formatDay(today).slice(0, 5)}`);
    expect(explained.text).toMatch(
      new RegExp(`^Платёж ${rub(500_00)} по счёту от .* зачислен .*Номер платежа в Telegram: \\S+`),
    );
    expect(explained.text).toContain(`Номер платежа в Telegram: ${payment.telegramChargeId}.`);
    expect(explained.text).toContain(
      `В истории баланса: ${formatDay(today).slice(0, 5)}, ${formatTime(entry.createdAt, timeZone())} · +${rub(500_00)}, баланс после зачисления ${rub(entry.balanceAfter)}.`,
    );
    expect(explained.text).toContain("Деньги всё равно не видны? Напишите в поддержку");
    expect(inlineButtons(explained)).toEqual([support, contacts]);

    await user.press(support);
    const opened = await textOf(user, (text) => text.startsWith("Обращение №"));
    expect(opened.text).toContain("Оператор уже видит данные о платеже по договору 10004.");
    const ticket = Number(/Обращение №(\d+)/.exec(opened.text ?? "")?.[1]);
    const topic = await topicOf(ticket);
    expect(topic.name).toContain("10004");
    const details = await inTopic(topic.message_thread_id, (text) => text.startsWith("💳"));
    expect(details.text).toContain(
      "Абонент оплатил, а баланс не изменился (из /topup). Договор 10004.",
    );
    expect(details.text).toContain(`Счёт №${payment.id} от `);
    expect(details.text).toContain(`на ${rub(500_00)}: оплачен `);
    expect(details.text).toContain(
      `Номер платежа в Telegram: ${payment.telegramChargeId}; у платёжного провайдера: ${payment.providerChargeId}.`,
    );
    expect(details.text).toContain(`Зачислен записью журнала №${entry.id} от `);
    expect(details.text).toContain(`баланс после — ${rub(entry.balanceAfter)}`);
    expect(details.text).toContain(`Баланс сейчас: ${rub(entry.balanceAfter)}.`);
    // The topic opens with the subscriber card, then the details.
    expect(group.messages({ threadId: topic.message_thread_id })[0]?.text).not.toMatch(/^💳/);
    const recorded = await user.waitFor(async () => {
      const rows = await db().supportMessage.findMany({ where: { ticketId: ticket } });
      return rows.length > 0 ? rows : undefined;
    });
    expect(recorded).toMatchObject([
      {
        direction: "FROM_SUBSCRIBER",
        subscriberMessageId: opened.message_id,
        agentMessageId: details.message_id,
      },
    ]);
    expect(await db().supportTicket.findUniqueOrThrow({ where: { id: ticket } })).toMatchObject({
      status: "OPEN",
      accountId: payment.accountId,
    });

    // What the subscriber writes next goes to the same topic.
    await user.send("Чек пришлю вечером");
    await inTopic(topic.message_thread_id, (text) => text === "Чек пришлю вечером");
  });

  it("explains an invoice never paid, and one expired, found by amount, day and time", async () => {
    const user = newUser("Руслан");
    await signedIn(user, "10001");
    await topUpScreen(user);
    await user.press(rub(1000_00));
    await user.waitFor(() => user.messages().findLast((m) => m.invoice?.total_amount === 1000_00));
    const invoice = await db().payment.findFirstOrThrow({
      where: { account: { login: "10001" }, status: "PENDING", amount: 1000_00 },
    });

    await askForRecollection(user);
    const unpaid = await answerTo(user, "1 000");
    expect(unpaid.text).toContain(`Оплата по счёту от `);
    expect(unpaid.text).toContain(`на ${rub(1000_00)} к нам не поступала`);
    expect(unpaid.text).toContain("Деньги списаны с карты? Напишите в поддержку");
    expect(inlineButtons(unpaid)).toEqual([support, contacts]);

    await db().payment.update({ where: { id: invoice.id }, data: { status: "EXPIRED" } });
    await askForRecollection(user);
    // An hour off (earlier: an hour later is tomorrow's date in the last hour of the day, which
    // the bot rightly refuses as not yet come): a time is taken as approximate.
    const remembered = new Date(invoice.createdAt.getTime() - 60 * 60_000);
    const when = `${formatDay(billingDayAt(remembered, timeZone()))} ${formatTime(remembered, timeZone())}`;
    const expired = await answerTo(user, `1000,00 ${when}`);
    expect(expired.text).toContain(`на ${rub(1000_00)} устарел и не был оплачен`);

    // The agents learn the invoice's state too.
    await user.press(support);
    const opened = await textOf(user, (text) => text.startsWith("Обращение №"));
    const ticket = Number(/Обращение №(\d+)/.exec(opened.text ?? "")?.[1]);
    const topic = await topicOf(ticket);
    const details = await inTopic(topic.message_thread_id, (text) => text.startsWith("💳"));
    expect(details.text).toContain(`Счёт №${invoice.id} от `);
    expect(details.text).toContain("устарел неоплаченным");
  });

  it("says so when nothing matches, and the ticket carries what the subscriber remembered", async () => {
    const user = newUser("Сергей");
    await signedIn(user, "10003");
    await topUpScreen(user);
    await user.press(rub(500_00));
    await user.waitFor(() => user.messages().findLast((m) => m.invoice));

    await askForRecollection(user);
    const none = await answerTo(user, "1 234,56");
    expect(none.text).toContain(
      `Платежа на ${rub(1234_56)} за последние 14 дней по договору 10003 мы не нашли`,
    );
    expect(inlineButtons(none)).toEqual([support, contacts]);
    await user.press(support);
    const opened = await textOf(user, (text) => text.startsWith("Обращение №"));
    const ticket = Number(/Обращение №(\d+)/.exec(opened.text ?? "")?.[1]);
    const topic = await topicOf(ticket);
    const details = await inTopic(topic.message_thread_id, (text) => text.startsWith("💳"));
    expect(details.text).toContain(`Абонент указал: ${rub(1234_56)}, за последние 14 дней.`);
    expect(details.text).toContain("Счёта на эту сумму за это время в боте не нашлось.");
    expect(details.text).toContain(`Баланс сейчас: ${rub(40_00)}.`);

    // A second question goes to the ticket already open.
    await askForRecollection(user);
    const day = formatDay(billingDayAt(new Date(), timeZone()));
    const again = await answerTo(user, `777 ${day} 09:15`);
    expect(again.text).toContain(`Платежа на ${rub(777_00)} ${day} около 09:15`);
    await user.press(support);
    const existing = await user.waitFor(() =>
      user.messages().find((m) => m.text?.startsWith(`Ваше обращение №${ticket} уже открыто`)),
    );
    expect(existing.text).toContain("Оператор уже видит данные о платеже");
    await inTopic(topic.message_thread_id, (text) =>
      text.includes(`Абонент указал: ${rub(777_00)}, ${day} около 09:15.`),
    );
  });

  it("offers support to a contract without invoices in the bot", async () => {
    const user = newUser("Патимат");
    await signedIn(user, "10002");
    await topUpScreen(user);
    await user.press(missing);
    const none = await textOf(user, (text) => text.includes("ещё не выставлялось счетов"));
    expect(inlineButtons(none)).toEqual([support, contacts]);
    await user.press(support);
    const opened = await textOf(user, (text) => text.startsWith("Обращение №"));
    const ticket = Number(/Обращение №(\d+)/.exec(opened.text ?? "")?.[1]);
    const topic = await topicOf(ticket);
    const details = await inTopic(topic.message_thread_id, (text) => text.startsWith("💳"));
    expect(details.text).toContain("Счетов в боте по договору не выставлялось.");
  });

  it("leaves the step on /cancel, and answers in English", async () => {
    const user = newUser("Ахмед");
    await signedIn(user, "10001");
    await askForRecollection(user);
    expect((await answerTo(user, "/cancel")).text).toBe("Действие прервано. Главное меню: /menu");
    expect((await answerTo(user, "500")).text).toBe(
      "Не понял сообщение. Выберите действие в меню: /menu",
    );

    const pat = newUser("Pat", "en");
    await signedIn(pat, "10001");
    await pat.send("/topup");
    await pat.waitFor(() => pat.messages().find((m) => m.text?.startsWith("Top up contract")));
    await pat.press("I paid but my balance did not change");
    await pat.waitFor(() => pat.messages().find((m) => m.text?.includes("choose the invoice")));
    pat.skipBotMessages();
    await pat.press("Another payment: enter the amount");
    expect((await pat.nextBotMessage()).text).toContain("Write the amount of the payment");
    expect((await answerTo(pat, "five hundred")).text).toContain("I did not understand.");
    const none = await answerTo(pat, "4321");
    expect(none.text).toContain("We found no payment of");
    expect(inlineButtons(none)).toEqual(["✍️ Write to support", "📍 Contacts and office"]);
  });

  it("refuses buttons naming another contract's invoice or made up", async () => {
    const user = newUser("Хитрый");
    const menu = await signedIn(user, "10002");
    const foreign = await db().payment.findFirstOrThrow({ where: { account: { login: "10004" } } });
    for (const data of [
      `topup:help:p:${foreign.id}`,
      `topup:which:${foreign.id}`,
      "topup:help:q:1:-:-",
      "topup:help:q:50000:20260231:-",
      "topup:help:q:50000:-:600",
      "topup:help:q:50000:20260101:1440",
    ]) {
      const query = await user.pressData(menu, data);
      const answer = await harness.emulator.waitForCall(
        "answerCallbackQuery",
        (call) => call.params.callback_query_id === query.id,
      );
      expect(answer.params.text).toBe("Эта кнопка устарела. Откройте меню заново: /menu");
    }
    expect(await db().supportTicket.count({ where: { account: { login: "10002" } } })).toBe(1);
  });

  it("logged no failure on the way", () => {
    expect(harness.logs.entries().filter((entry) => Number(entry.level) >= 40)).toEqual([]);
  });
});

describe.skipIf(noPostgres)("a payment the balance does not show, without a support chat", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { PAYMENT_PROVIDER_TOKEN: "381764678:TEST:kaspnet" } });
  });
  afterAll(() => harness?.stop());

  it("explains and points to the phone and the office", async () => {
    const user = harness.emulator.user({ firstName: "Ислам", languageCode: "ru" });
    await signedIn(user, "10001");
    await user.send("/topup");
    await user.nextBotMessage();
    await user.press(rub(500_00));
    await user.waitFor(() => user.messages().findLast((m) => m.invoice));
    await user.send("/topup");
    await user.waitFor(
      () => user.messages().filter((m) => m.text?.startsWith("Пополнение договора")).length === 2,
    );
    await user.press(missing);
    await user.waitFor(() => user.messages().find((m) => m.text?.includes("выберите счёт")));
    user.skipBotMessages();
    await user.press(other);
    await user.nextBotMessage();
    await user.send("900");
    const none = await user.nextBotMessage();
    expect(none.text).toContain(`Платежа на ${rub(900_00)} за последние 14 дней`);
    expect(none.text).toContain("Позвоните 8 800 700-54-05");
    expect(inlineButtons(none)).toEqual([contacts]);
  });
});
