// Support tickets against real PostgreSQL: one open ticket per subscriber, reopening within a day
// of the close, ratings, the message map both ways and the subscriber card; working hours.
import { describe, expect, it } from "vitest";
import { renderStats } from "../../bot/features/support-card.ts";
import { createI18n } from "../../bot/i18n.ts";
import { rememberTelegramUser } from "../../core/accounts/telegram-users.ts";
import { builtinBilling } from "../../core/billing/builtin-billing.ts";
import { getSubscriberCard, topicName } from "../../core/support/card.ts";
import { median, supportStats } from "../../core/support/stats.ts";
import {
  closeTicket,
  findCounterpart,
  findTicketByTopic,
  hasHadTicket,
  openTicket,
  rateTicket,
  recordMessage,
  reopenTicket,
  reopenWindowMs,
  setTopic,
  ticketForFollowUp,
  ticketForMessage,
} from "../../core/support/tickets.ts";
import { closeIdle, takeUnanswered, workingMsBetween } from "../../core/support/upkeep.ts";
import { isWorkingTime, nextOpening } from "../../core/support/working-hours.ts";
import { builtinSettings } from "../support/builtin-settings.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { noPostgres } from "../support/require-services.ts";

describe("support working hours (Europe/Moscow)", () => {
  const tz = "Europe/Moscow";
  // 2026-11-23 is a Monday; Moscow is UTC+3.
  const at = (iso: string) => new Date(`${iso}+03:00`);
  it.each([
    ["2026-11-23T09:00:00", true],
    ["2026-11-23T08:59:00", false],
    ["2026-11-27T17:59:00", true],
    ["2026-11-27T18:00:00", false],
    ["2026-11-28T10:30:00", true],
    ["2026-11-28T15:00:00", false],
    ["2026-11-29T12:00:00", false],
  ])("%s is working time: %s", (iso, working) => expect(isWorkingTime(at(iso), tz)).toBe(working));

  it.each([
    ["2026-11-23T07:00:00", { daysAhead: 0, weekday: 1, time: "9:00" }],
    ["2026-11-23T19:00:00", { daysAhead: 1, weekday: 2, time: "9:00" }],
    ["2026-11-27T18:30:00", { daysAhead: 1, weekday: 6, time: "10:00" }],
    ["2026-11-28T16:00:00", { daysAhead: 2, weekday: 1, time: "9:00" }],
    ["2026-11-29T23:00:00", { daysAhead: 1, weekday: 1, time: "9:00" }],
  ])("after %s agents are next at work %o", (iso, next) =>
    expect(nextOpening(at(iso), tz)).toEqual(next),
  );
});

describe.skipIf(noPostgres)("support tickets", () => {
  const { database } = useDemoDatabase();
  let telegramId = 500;

  const db = () => database.prisma;
  const billing = () => builtinBilling(db(), builtinSettings);
  async function subscriber(firstName = "Тест") {
    telegramId += 1;
    await rememberTelegramUser(db(), { id: telegramId, chatId: telegramId, firstName });
    return telegramId;
  }
  const accountId = async (login: string) =>
    (await db().account.findUniqueOrThrow({ where: { login } })).id;

  it("reuses the open ticket, reopens one closed less than a day ago, else opens a new one", async () => {
    const user = await subscriber();
    const account = await accountId("10001");
    const start = new Date("2026-11-20T10:00:00Z");
    const first = await openTicket(db(), { telegramUserId: user, accountId: account, now: start });
    expect(first.outcome).toBe("created");
    const again = await openTicket(db(), { telegramUserId: user, accountId: account, now: start });
    expect(again).toMatchObject({ outcome: "existing", ticket: { id: first.ticket.id } });

    const closedAt = new Date("2026-11-20T11:00:00Z");
    expect(await closeTicket(db(), first.ticket.id, closedAt)).toMatchObject({ status: "CLOSED" });
    expect(await closeTicket(db(), first.ticket.id, closedAt)).toBeNull();
    expect(
      await rateTicket(db(), { ticketId: first.ticket.id, telegramUserId: user, rating: 4 }),
    ).toBe(true);

    const soon = new Date(closedAt.getTime() + reopenWindowMs - 1000);
    const back = await ticketForMessage(db(), user, soon);
    expect(back).toMatchObject({ reopened: true, ticket: { id: first.ticket.id, status: "OPEN" } });
    expect(back?.ticket.rating).toBeNull();

    await closeTicket(db(), first.ticket.id, closedAt);
    const late = new Date(closedAt.getTime() + reopenWindowMs);
    expect(await ticketForMessage(db(), user, late)).toBeNull();
    const fresh = await openTicket(db(), { telegramUserId: user, accountId: null, now: late });
    expect(fresh.outcome).toBe("created");
    expect(fresh.ticket.id).not.toBe(first.ticket.id);
  });

  it("sends a returning subscriber's message to a new ticket a day after the close, for their contract", async () => {
    const never = await subscriber();
    expect(await ticketForFollowUp(db(), { telegramUserId: never })).toBeNull();
    expect(await hasHadTicket(db(), never)).toBe(false);

    const user = await subscriber();
    const account = await accountId("10003");
    await db().accountLink.create({
      data: { telegramUserId: BigInt(user), accountId: account, method: "PASSWORD" },
    });
    const start = new Date("2026-11-20T10:00:00Z");
    const first = await openTicket(db(), { telegramUserId: user, accountId: null, now: start });
    expect(await hasHadTicket(db(), user)).toBe(true);
    expect(await ticketForFollowUp(db(), { telegramUserId: user, now: start })).toMatchObject({
      outcome: "existing",
      ticket: { id: first.ticket.id },
    });
    await closeTicket(db(), first.ticket.id, start);
    const soon = new Date(start.getTime() + reopenWindowMs - 1);
    expect(await ticketForFollowUp(db(), { telegramUserId: user, now: soon })).toMatchObject({
      outcome: "reopened",
      ticket: { id: first.ticket.id, status: "OPEN" },
    });
    await closeTicket(db(), first.ticket.id, soon);
    const late = new Date(soon.getTime() + reopenWindowMs);
    const next = await ticketForFollowUp(db(), { telegramUserId: user, now: late });
    expect(next).toMatchObject({
      outcome: "created",
      ticket: { status: "OPEN", accountId: account },
    });
    expect(next?.ticket.id).not.toBe(first.ticket.id);
    expect(
      (await db().supportTicket.findUniqueOrThrow({ where: { id: first.ticket.id } })).status,
    ).toBe("CLOSED");
  });

  it("keeps the resolution time while a ticket is reopened and moves it at the next close", async () => {
    const user = await subscriber();
    const at = (iso: string) => new Date(iso);
    const { ticket } = await openTicket(db(), {
      telegramUserId: user,
      accountId: null,
      now: at("2026-11-20T10:00:00Z"),
    });
    const stored = () => db().supportTicket.findUniqueOrThrow({ where: { id: ticket.id } });
    await closeTicket(db(), ticket.id, at("2026-11-20T11:30:00Z"));
    expect(await stored()).toMatchObject({
      closedAt: at("2026-11-20T11:30:00Z"),
      resolvedAt: at("2026-11-20T11:30:00Z"),
    });
    await reopenTicket(db(), ticket.id, at("2026-11-20T12:00:00Z"));
    expect(await stored()).toMatchObject({
      status: "OPEN",
      closedAt: null,
      resolvedAt: at("2026-11-20T11:30:00Z"),
    });
    await closeTicket(db(), ticket.id, at("2026-11-20T13:00:00Z"));
    expect((await stored()).resolvedAt).toEqual(at("2026-11-20T13:00:00Z"));
  });

  it("takes a rating only from the ticket's subscriber, once, 1 to 5, after the close", async () => {
    const user = await subscriber();
    const other = await subscriber();
    const { ticket } = await openTicket(db(), { telegramUserId: user, accountId: null });
    const rate = (telegramUserId: number, rating: number) =>
      rateTicket(db(), { ticketId: ticket.id, telegramUserId, rating });
    expect(await rate(user, 5)).toBe(false);
    await closeTicket(db(), ticket.id);
    expect(await rate(other, 5)).toBe(false);
    expect(await rate(user, 6)).toBe(false);
    expect(await rate(user, 0)).toBe(false);
    expect(await rate(user, 3)).toBe(true);
    expect(await rate(user, 5)).toBe(false);
  });

  it("maps messages both ways and sets the first response time once", async () => {
    const user = await subscriber();
    const { ticket } = await openTicket(db(), { telegramUserId: user, accountId: null });
    await setTopic(db(), ticket.id, 9001);
    expect((await findTicketByTopic(db(), 9001))?.id).toBe(ticket.id);
    const group = -1_000_000_000_777;
    await recordMessage(db(), {
      ticketId: ticket.id,
      direction: "FROM_SUBSCRIBER",
      subscriberChatId: user,
      subscriberMessageId: 10,
      agentChatId: group,
      agentMessageId: 200,
    });
    const undeliveredAt = new Date("2026-11-20T10:00:00Z");
    await recordMessage(db(), {
      ticketId: ticket.id,
      direction: "FROM_AGENT",
      subscriberChatId: user,
      subscriberMessageId: null,
      agentChatId: group,
      agentMessageId: 201,
      delivered: false,
      at: undeliveredAt,
    });
    const stored = () => db().supportTicket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect((await stored()).firstResponseAt).toBeNull();
    const answeredAt = new Date("2026-11-20T10:05:00Z");
    await recordMessage(db(), {
      ticketId: ticket.id,
      direction: "FROM_AGENT",
      subscriberChatId: user,
      subscriberMessageId: 11,
      agentChatId: group,
      agentMessageId: 202,
      at: answeredAt,
    });
    await recordMessage(db(), {
      ticketId: ticket.id,
      direction: "FROM_AGENT",
      subscriberChatId: user,
      subscriberMessageId: 12,
      agentChatId: group,
      agentMessageId: 203,
      at: new Date("2026-11-20T10:09:00Z"),
    });
    expect((await stored()).firstResponseAt).toEqual(answeredAt);
    expect(await findCounterpart(db(), "subscriber", user, 10)).toMatchObject({
      agentMessageId: 200,
    });
    expect(await findCounterpart(db(), "agent", group, 202)).toMatchObject({
      subscriberMessageId: 11,
      direction: "FROM_AGENT",
    });
    expect(await findCounterpart(db(), "agent", group, 999)).toBeNull();
  });

  it("builds the card of a linked and of an unlinked subscriber", async () => {
    const linked = await subscriber("Руслан");
    const account = await accountId("10001");
    const { ticket } = await openTicket(db(), { telegramUserId: linked, accountId: account });
    const card = await getSubscriberCard(db(), billing(), ticket.id, "2026-11-25");
    expect(card.account).toMatchObject({
      login: "10001",
      name: "Магомедов Руслан Ахмедович",
      payments: [],
      money: {
        status: "ACTIVE",
        balance: 1250_00,
        internet: { name: "Домашний 100" },
        iptv: { name: "IPTV Базовый" },
      },
    });
    expect(card.account?.address).toBeTruthy();

    const unlinked = await subscriber("Алиса");
    const other = await openTicket(db(), { telegramUserId: unlinked, accountId: null });
    const bare = await getSubscriberCard(db(), billing(), other.ticket.id, "2026-11-25");
    expect(bare).toMatchObject({ account: null, telegram: { id: unlinked, firstName: "Алиса" } });
  });

  it("names a topic with the number, the name and the contract, within 128 characters", () => {
    expect(topicName({ ticketId: 7, name: "Иванов", login: "10003", unlinked: "—" })).toBe(
      "№7 · Иванов · 10003",
    );
    expect(topicName({ ticketId: 8, name: "Алиса", login: null, unlinked: "без договора" })).toBe(
      "№8 · Алиса · без договора",
    );
    expect(
      topicName({ ticketId: 9, name: "Я".repeat(200), login: "1", unlinked: "" }),
    ).toHaveLength(128);
  });
});

describe("support off-hours answer", () => {
  const i18n = createI18n();
  it.each([
    [{ days: 0, weekday: 1, time: "9:00" }, "оператор ответит сегодня с 9:00"],
    [{ days: 1, weekday: 6, time: "10:00" }, "оператор ответит завтра с 10:00"],
    [{ days: 2, weekday: 1, time: "9:00" }, "оператор ответит в понедельник с 9:00"],
  ])("says when for %o", (when, text) =>
    expect(i18n.t("ru", "support-opened-off-hours", { ticket: "1234", ...when })).toContain(text),
  );
  it("shows a ticket number without digit grouping", () =>
    expect(i18n.t("ru", "support-existing", { ticket: "1234" })).toContain("№1234"));
});

describe("support stats arithmetic", () => {
  it("finds the median of odd and even counts", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });

  it("shows medians in minutes, hours or days", () => {
    const i18n = createI18n();
    const t = (key: string, variables?: Record<string, string | number>) =>
      i18n.t("ru", key, variables);
    const period = (first: number | null, resolution: number | null) => ({
      opened: 1,
      closed: 1,
      medianFirstResponseMs: first,
      medianResolutionMs: resolution,
      averageRating: null,
      rated: 0,
    });
    const text = renderStats(t, {
      today: period(59 * 60_000 + 20_000, 3 * 60 * 60_000 + 5 * 60_000),
      week: period(null, (2 * 24 + 3) * 60 * 60_000 + 40 * 60_000),
      openNow: 0,
    });
    expect(text).toContain("первый ответ (медиана) 59 мин, решение (медиана) 3 ч 5 мин, оценка —");
    expect(text).toContain("первый ответ (медиана) —, решение (медиана) 2 д 3 ч, оценка —");
  });
});

describe.skipIf(noPostgres)("support stats", () => {
  const { database } = useDemoDatabase();

  it("counts today's and this week's tickets, the median first answer and the average rating", async () => {
    const db = database.prisma;
    const user = 777;
    await rememberTelegramUser(db, { id: user, chatId: user, firstName: "Стат" });
    const minutes = (n: number) => n * 60_000;
    // Wednesday 2026-11-25, 14:00 in Moscow; the week started on Monday the 23rd.
    const now = new Date("2026-11-25T11:00:00Z");
    const at = (iso: string) => new Date(iso);
    const seeded = [
      // today: answered in 4 and 10 minutes, one not yet; one closed today with 5
      {
        createdAt: at("2026-11-25T07:00:00Z"),
        wait: 4,
        closedAt: at("2026-11-25T08:00:00Z"),
        rating: 5,
      },
      { createdAt: at("2026-11-25T08:00:00Z"), wait: 10 },
      { createdAt: at("2026-11-25T10:30:00Z") },
      // Monday: answered in 30 minutes, closed Tuesday with 2; closed today without a rating
      {
        createdAt: at("2026-11-23T07:00:00Z"),
        wait: 30,
        closedAt: at("2026-11-24T09:00:00Z"),
        rating: 2,
      },
      { createdAt: at("2026-11-23T09:00:00Z"), wait: 2, closedAt: at("2026-11-25T09:00:00Z") },
      // last week's Sunday (21:30 Moscow): not this week
      {
        createdAt: at("2026-11-22T18:30:00Z"),
        wait: 60,
        closedAt: at("2026-11-22T20:00:00Z"),
        rating: 1,
      },
    ];
    for (const ticket of seeded) {
      await db.supportTicket.create({
        data: {
          telegramUserId: BigInt(user),
          createdAt: ticket.createdAt,
          firstResponseAt:
            ticket.wait === undefined
              ? null
              : new Date(ticket.createdAt.getTime() + minutes(ticket.wait)),
          status: ticket.closedAt ? "CLOSED" : "OPEN",
          closedAt: ticket.closedAt ?? null,
          resolvedAt: ticket.closedAt ?? null,
          rating: ticket.rating ?? null,
        },
      });
    }
    const stats = await supportStats(db, { now, timeZone: "Europe/Moscow" });
    expect(stats.today).toEqual({
      opened: 3,
      closed: 2,
      medianFirstResponseMs: minutes(7),
      // closed today: opened 07:00 and closed 08:00 today, opened Monday 09:00 and closed today 09:00
      medianResolutionMs: (minutes(60) + minutes(2 * 24 * 60)) / 2,
      averageRating: 5,
      rated: 1,
    });
    expect(stats.week).toEqual({
      opened: 5,
      closed: 3,
      medianFirstResponseMs: minutes(7),
      // and Monday 07:00 to Tuesday 09:00 (26 hours)
      medianResolutionMs: minutes(26 * 60),
      averageRating: 3.5,
      rated: 2,
    });
    expect(stats.openNow).toBe(2);
  });
});

describe.skipIf(noPostgres)("support jobs", () => {
  const { database } = useDemoDatabase();

  const tz = "Europe/Moscow";
  const at = (iso: string) => new Date(`${iso}+03:00`);

  it("counts only working minutes", () => {
    // Friday 17:55 to Saturday 10:10: five minutes on Friday, ten on Saturday.
    expect(
      workingMsBetween(at("2026-11-27T17:55:00"), at("2026-11-28T10:10:00"), tz, 60 * 60_000),
    ).toBe(15 * 60_000);
  });

  it("alerts once per wait, again after an answer and a new question, never off hours", async () => {
    const db = database.prisma;
    await rememberTelegramUser(db, { id: 901, chatId: 901, firstName: "Ждун" });
    const { ticket } = await openTicket(db, { telegramUserId: 901, accountId: null });
    const message = (direction: "FROM_SUBSCRIBER" | "FROM_AGENT", iso: string, delivered = true) =>
      recordMessage(db, {
        ticketId: ticket.id,
        direction,
        subscriberChatId: 901,
        subscriberMessageId: null,
        agentChatId: -100,
        agentMessageId: null,
        delivered,
        at: at(iso),
      });
    const take = (iso: string) =>
      takeUnanswered(db, { now: at(iso), timeZone: tz }, async () => {});

    // Friday 17:50: the wait crosses 15 working minutes only on Saturday at 10:05.
    await message("FROM_SUBSCRIBER", "2026-11-27T17:50:00");
    await message("FROM_SUBSCRIBER", "2026-11-27T17:52:00");
    expect(await take("2026-11-27T17:59:00")).toEqual([]);
    expect(await take("2026-11-27T23:00:00")).toEqual([]);
    expect(await take("2026-11-28T10:04:00")).toEqual([]);
    expect(await take("2026-11-28T10:05:00")).toEqual([
      { ticketId: ticket.id, topicId: null, waitingSince: at("2026-11-27T17:50:00") },
    ]);
    expect(await take("2026-11-28T11:00:00")).toEqual([]);

    // An answer that did not reach the subscriber is no answer.
    await message("FROM_AGENT", "2026-11-28T11:01:00", false);
    expect(await take("2026-11-28T11:30:00")).toEqual([]);
    await message("FROM_AGENT", "2026-11-28T11:02:00");
    await message("FROM_SUBSCRIBER", "2026-11-28T11:10:00");
    expect(await take("2026-11-28T11:24:00")).toEqual([]);
    expect((await take("2026-11-28T11:25:00")).map((due) => due.waitingSince)).toEqual([
      at("2026-11-28T11:10:00"),
    ]);
  });

  it("takes a ticket again when its alert failed to go", async () => {
    const db = database.prisma;
    await rememberTelegramUser(db, { id: 903, chatId: 903, firstName: "Снова" });
    const { ticket } = await openTicket(db, { telegramUserId: 903, accountId: null });
    await recordMessage(db, {
      ticketId: ticket.id,
      direction: "FROM_SUBSCRIBER",
      subscriberChatId: 903,
      subscriberMessageId: 1,
      agentChatId: -100,
      agentMessageId: 2,
      at: at("2026-11-30T10:00:00"),
    });
    const now = { now: at("2026-11-30T10:20:00"), timeZone: tz };
    const mine = (due: { ticketId: number }[]) => due.filter((t) => t.ticketId === ticket.id);
    const failing = takeUnanswered(db, now, async () => {
      throw new Error("Telegram is down");
    });
    await expect(failing).rejects.toThrow("Telegram is down");
    expect(
      (await db.supportTicket.findUniqueOrThrow({ where: { id: ticket.id } })).unansweredAlertAt,
    ).toBeNull();
    const alerted: number[] = [];
    const taken = await takeUnanswered(db, now, async (due) => {
      alerted.push(...mine(due).map((t) => t.ticketId));
    });
    expect(mine(taken)).toHaveLength(1);
    expect(alerted).toEqual([ticket.id]);
    expect(mine(await takeUnanswered(db, now, async () => {}))).toEqual([]);
  });

  it("closes tickets idle for 48 hours, once, resolved at their last message", async () => {
    const db = database.prisma;
    await rememberTelegramUser(db, { id: 902, chatId: 902, firstName: "Тихий" });
    const { ticket } = await openTicket(db, {
      telegramUserId: 902,
      accountId: null,
      now: new Date("2026-11-20T10:00:00Z"),
    });
    expect(await closeIdle(db, { now: new Date("2026-11-22T09:59:00Z") })).toEqual([]);
    const closed = await closeIdle(db, { now: new Date("2026-11-22T10:00:00Z") });
    expect(closed.map((t) => t.id)).toContain(ticket.id);
    expect(await db.supportTicket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({
      closedAt: new Date("2026-11-22T10:00:00Z"),
      resolvedAt: new Date("2026-11-20T10:00:00Z"),
    });
    expect(await closeIdle(db, { now: new Date("2026-11-22T10:00:00Z") })).toEqual([]);
  });
});
