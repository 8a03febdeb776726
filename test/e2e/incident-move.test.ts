// An attached subscriber's question that is not about the outage, moved out by an agent with the
// digest's "↗" button, through the emulator: an ordinary ticket with a topic of its own that starts
// with what they wrote, the subscriber told in their language, what they write next in that topic;
// agents only, once however often pressed, refused after the resolve; buttons within Telegram's
// limits however many wrote.
import type { InlineKeyboardButton } from "grammy/types";
import { describe, expect, it } from "vitest";
import { attachToIncident, recordIncidentMessage } from "../../core/incidents/attached.ts";
import { openNewIncident, resolveIncident } from "../../core/incidents/incidents.ts";
import type { ChatMessage, UserDriver } from "../emulator/index.ts";
import { type Resident, resident, testStreet } from "../support/outage-street.ts";
import { noPostgres } from "../support/require-services.ts";
import { askOperator, supportJobsOf, useSupportDesk } from "../support/support-desk.ts";

describe.skipIf(noPostgres)("mass outages: a question moved out of the incident", () => {
  const { harness, group, agent } = useSupportDesk();
  const db = () => harness.database.prisma;
  const jobs = () => supportJobsOf(harness);

  async function openIncidentIn(house: string) {
    const opened = await openNewIncident(db(), {
      scope: { kind: "HOUSES", street: testStreet, houses: [house] },
      services: ["INTERNET"],
      eta: new Date(Date.now() + 3600_000),
      text: "Обрыв кабеля",
      createdBy: "test",
      timeZone: harness.config.timeZone,
    });
    if (opened.outcome !== "done") throw new Error(opened.outcome);
    return opened.incident.id;
  }

  const buttonsOf = (message: ChatMessage): InlineKeyboardButton.CallbackButton[] =>
    (message.reply_markup?.inline_keyboard.flat() ?? []) as InlineKeyboardButton.CallbackButton[];
  const ticketOf = (user: UserDriver) =>
    db().supportTicket.findFirstOrThrow({
      where: { telegramUserId: BigInt(user.id) },
      orderBy: { id: "desc" },
    });

  it("moves one subscriber's question to a ticket of its own, once, for agents only", async () => {
    const asker = await resident(db(), harness.emulator, "3");
    const english = await resident(db(), harness.emulator, "3", { languageCode: "en" });
    const outage = await resident(db(), harness.emulator, "3");
    const id = await openIncidentIn("3");
    for (const { user } of [asker, english, outage]) {
      expect(await askOperator(user)).toMatch(new RegExp(`(аварии|outage) №?#?${id}`));
    }
    await asker.user.send("Интернета нет, и ещё хочу перейти на тариф Гига 500");
    await asker.user.nextBotMessage();
    await asker.user.send("Это можно сделать с первого числа?");
    await english.user.send("Can I get a paper invoice?");
    await english.user.nextBotMessage();
    await outage.user.send("Когда починят?");
    await outage.user.nextBotMessage();
    await asker.user.waitFor(async () =>
      (await db().incidentMessage.count({ where: { incidentId: id } })) === 4 ? true : undefined,
    );
    // The job opens the incident's topic with its card and posts the digest.
    expect(await jobs().postIncidentDigests()).toEqual({ digests: 1, messages: 4 });
    const threadId = (await db().incident.findUniqueOrThrow({ where: { id } })).topicId as number;
    const digest = group.messages({ threadId }).at(-1) as ChatMessage;
    expect(digest.text).toMatch(/^📨 Написали абоненты:/);
    // One button per subscriber in the post, however many lines they wrote.
    expect(buttonsOf(digest).map((button) => button.text)).toEqual([
      `↗ ${asker.login}`,
      `↗ ${english.login}`,
      `↗ ${outage.login}`,
    ]);

    // Someone outside the agents' group cannot move it: nothing changes.
    const stranger = harness.emulator.user({ firstName: "Посторонний" });
    const refused = await stranger.waitForCallbackAnswer(
      await stranger.press(`↗ ${asker.login}`, { message: digest }),
    );
    expect(refused.text).toBe("Действовать в обращениях могут только участники группы поддержки.");
    expect(await ticketOf(asker.user)).toMatchObject({ incidentId: id, topicId: null });

    const topicsBefore = group.topics().length;
    asker.user.skipBotMessages();
    const moved = await agent.waitForCallbackAnswer(
      await agent.press(`↗ ${asker.login}`, { message: digest }),
    );
    const told = await asker.user.nextBotMessage();
    const ticket = await ticketOf(asker.user);
    expect(moved.text).toBe(`Перенесено в обращение №${ticket.id}: отдельная тема открыта.`);
    expect(ticket).toMatchObject({ incidentId: null, status: "OPEN" });
    const ticketTopic = ticket.topicId as number;
    expect(ticketTopic).toEqual(expect.any(Number));
    const topic = group.topics().find((candidate) => candidate.name.startsWith(`№${ticket.id} · `));
    expect(topic?.name).toBe(
      `№${ticket.id} · Житель ${asker.login.split("-")[1]} · ${asker.login}`,
    );
    expect(group.topics()).toHaveLength(topicsBefore + 1);
    const inTopic = () => group.messages({ threadId: ticketTopic });
    const summary = inTopic().at(-1)?.text ?? "";
    expect(summary.split("\n")).toEqual([
      `↗ Перенесено из аварии №${id} (Марина). Абонент писал:`,
      expect.stringMatching(/^• \d\d\.\d\d, \d\d:\d\d Интернета нет, и ещё хочу перейти/),
      expect.stringMatching(/ Это можно сделать с первого числа\?$/),
    ]);
    expect(told.text).toBe(
      `Ваш вопрос не связан с аварией, поэтому мы вынесли его в отдельное обращение №${ticket.id}. Оператор ответит на него отдельно, здесь же.`,
    );

    // A second agent, or the same one again: already done, nothing twice.
    const second = harness.emulator.user({ firstName: "Олег", languageCode: "ru" });
    group.setMemberStatus(second.id, "administrator");
    for (const presser of [second, agent]) {
      const again = await presser.waitForCallbackAnswer(
        await presser.press(`↗ ${asker.login}`, { message: digest }),
      );
      expect(again.text).toBe(`Уже перенесено в обращение №${ticket.id}.`);
    }
    expect(group.topics()).toHaveLength(topicsBefore + 1);
    expect(inTopic().filter((message) => message.text?.startsWith("↗ Перенесено"))).toHaveLength(1);
    expect(
      asker.user.messages().filter((message) => message.text?.startsWith("Ваш вопрос не связан")),
    ).toHaveLength(1);

    // What they write next goes to the new topic, not to the incident's digest.
    const before = inTopic().length;
    await asker.user.send("Так можно с первого?");
    await group.waitFor(() => (inTopic().length > before ? true : undefined));
    expect(inTopic().at(-1)?.text).toBe("Так можно с первого?");
    expect(await db().incidentMessage.count({ where: { incidentId: id } })).toBe(4);
    expect(await jobs().postIncidentDigests()).toEqual({ digests: 0, messages: 0 });
    // The agent's answer in that topic is an ordinary reply to the subscriber.
    await agent.sendInTopic(group, ticketTopic, "Да, с первого числа.");
    await asker.user.waitFor(() =>
      asker.user.messages().find((message) => message.text === "Да, с первого числа."),
    );

    // The English-speaking subscriber is told in English.
    english.user.skipBotMessages();
    await agent.press(`↗ ${english.login}`, { message: digest });
    const englishTicket = await english.user.waitFor(async () => {
      const found = await ticketOf(english.user);
      return found.incidentId === null ? found : undefined;
    });
    expect((await english.user.nextBotMessage()).text).toBe(
      `Your question is not about the outage, so it is now a request of its own, #${englishTicket.id}. An operator will answer it separately, here in this chat.`,
    );

    // After the resolve the button says so and moves nothing.
    await resolveIncident(db(), { id, by: "test", timeZone: harness.config.timeZone });
    const late = await agent.waitForCallbackAnswer(
      await agent.press(`↗ ${outage.login}`, { message: digest }),
    );
    expect(late.text).toBe(
      "Авария уже закрыта, обращения по ней закрыты. Если абонент напишет снова, это будет обычное обращение.",
    );
    expect(await ticketOf(outage.user)).toMatchObject({ incidentId: id, status: "CLOSED" });
    // A forged button for a request that is not in this incident is only outdated.
    const forged = await agent.waitForCallbackAnswer(
      await agent.pressData(digest, `incmv:${id}:${ticket.id + 1000}`),
    );
    expect(forged.text).toBe("Эта кнопка устарела. Откройте меню заново: /menu");
  });

  it("keeps a digest's buttons within Telegram's limits however many wrote", async () => {
    const residents: Resident[] = [];
    for (let i = 0; i < 53; i += 1) residents.push(await resident(db(), harness.emulator, "7"));
    const id = await openIncidentIn("7");
    for (const [index, { user, accountId }] of residents.entries()) {
      const { ticket } = await attachToIncident(db(), {
        telegramUserId: user.id,
        accountId,
        incidentId: id,
      });
      await recordIncidentMessage(db(), {
        incidentId: id,
        ticketId: ticket.id,
        text: `Нет связи ${index}`,
        subscriberMessageId: 1,
      });
    }
    expect(await jobs().postIncidentDigests()).toEqual({ digests: 2, messages: 53 });
    const { topicId } = await db().incident.findUniqueOrThrow({ where: { id } });
    // The card, then the digests.
    const posts = group.messages({ threadId: topicId as number }).slice(1);
    const buttons = posts.map(buttonsOf);
    expect(buttons.map((post) => post.length)).toEqual([50, 3]);
    for (const post of posts) {
      const rows = post.reply_markup?.inline_keyboard ?? [];
      expect(Math.max(...rows.map((row) => row.length))).toBeLessThanOrEqual(4);
    }
    const all = buttons.flat();
    expect(new Set(all.map((button) => button.text))).toEqual(
      new Set(residents.map(({ login }) => `↗ ${login}`)),
    );
    for (const button of all)
      expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
  });
});
