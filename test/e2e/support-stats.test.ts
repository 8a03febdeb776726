// /stats in the agents' group against tickets seeded with known times: the bot runs on a clock
// set to Wednesday 25 November 2026, 14:00 Moscow (the week started on Monday the 23rd), so every
// figure is known in advance.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GroupDriver, UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres } from "../support/require-services.ts";

const now = new Date("2026-11-25T11:00:00Z");
const at = (iso: string) => new Date(iso);
const minutes = (n: number) => n * 60_000;

interface Seeded {
  createdAt: Date;
  /** Minutes to the first agent answer. */
  wait?: number;
  closedAt?: Date;
  resolvedAt?: Date;
  rating?: number;
  /** Closed once (resolvedAt) and reopened since. */
  reopened?: boolean;
}

const seeded: Seeded[] = [
  // Today: answered in 4 minutes, closed an hour after opening, rated 5.
  {
    createdAt: at("2026-11-25T07:00:00Z"),
    wait: 4,
    closedAt: at("2026-11-25T08:00:00Z"),
    rating: 5,
  },
  // Today: answered in 12 minutes; still open.
  { createdAt: at("2026-11-25T08:00:00Z"), wait: 12 },
  // Today: not answered yet.
  { createdAt: at("2026-11-25T10:30:00Z") },
  // Today: answered in 40 minutes, resolved in 30 and reopened: not closed, its time kept.
  {
    createdAt: at("2026-11-25T06:00:00Z"),
    wait: 40,
    resolvedAt: at("2026-11-25T06:30:00Z"),
    reopened: true,
  },
  // Today: not answered, closed after 2 h 30 min, rated 4.
  { createdAt: at("2026-11-25T05:00:00Z"), closedAt: at("2026-11-25T07:30:00Z"), rating: 4 },
  // Monday: answered in 30 minutes, closed on Tuesday after 26 hours, rated 2.
  {
    createdAt: at("2026-11-23T07:00:00Z"),
    wait: 30,
    closedAt: at("2026-11-24T09:00:00Z"),
    rating: 2,
  },
  // Monday: answered in 50 minutes, closed today after 50 hours, not rated.
  { createdAt: at("2026-11-23T07:00:00Z"), wait: 50, closedAt: at("2026-11-25T09:00:00Z") },
  // Last week's Sunday, 21:30 Moscow: in neither period.
  {
    createdAt: at("2026-11-22T18:30:00Z"),
    wait: 60,
    closedAt: at("2026-11-22T20:00:00Z"),
    rating: 1,
  },
];

describe.skipIf(noPostgres)("support /stats against seeded tickets", () => {
  let harness: Harness;
  let group: GroupDriver;
  let agent: UserDriver;
  beforeAll(async () => {
    // Only Date is faked, and it keeps running: timers, sockets and the emulator work as ever.
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true, now });
    harness = await startHarness({
      env: { TELEGRAM_GROUP_PER_MINUTE: "1000" },
      beforeStart: (emulator) => {
        group = emulator.group({ title: "Каспнет · поддержка", forum: true });
        return { SUPPORT_CHAT_ID: String(group.id) };
      },
    });
    agent = harness.emulator.user({ firstName: "Марина", languageCode: "ru" });
    group.setMemberStatus(agent.id, "administrator");
    const db = harness.database.prisma;
    await db.telegramUser.create({ data: { id: 4242n, chatId: 4242n, firstName: "Стат" } });
    for (const ticket of seeded)
      await db.supportTicket.create({
        data: {
          telegramUserId: 4242n,
          createdAt: ticket.createdAt,
          lastMessageAt: ticket.createdAt,
          firstResponseAt:
            ticket.wait === undefined
              ? null
              : new Date(ticket.createdAt.getTime() + minutes(ticket.wait)),
          status: ticket.closedAt ? "CLOSED" : "OPEN",
          closedAt: ticket.closedAt ?? null,
          resolvedAt: ticket.resolvedAt ?? ticket.closedAt ?? null,
          rating: ticket.rating ?? null,
        },
      });
  });
  afterAll(async () => {
    await harness?.stop();
    vi.useRealTimers();
  });

  it("shows today's and this week's counts, median first answer and resolution, average rating", async () => {
    await agent.sendIn(group, "/stats");
    const stats = await group.waitFor(() =>
      group.messages().findLast((m) => m.text?.startsWith("📊 Поддержка")),
    );
    expect(stats.text?.split("\n")).toEqual([
      "📊 Поддержка",
      // opened 5; answers 4, 12, 40; closed today after 1 h, 2 h 30 min, 50 h; rated 5 and 4
      "Сегодня: открыто 5, закрыто 3, первый ответ (медиана) 12 мин, решение (медиана) 2 ч 30 мин, оценка 4,5 из 5 (2)",
      // and Monday's two: answers 30, 50; closed after 26 h and 50 h; rated 2
      "С понедельника: открыто 7, закрыто 4, первый ответ (медиана) 30 мин, решение (медиана) 14 ч 15 мин, оценка 3,7 из 5 (3)",
      "Открыто сейчас: 3",
    ]);
  });
});
