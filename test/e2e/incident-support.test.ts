// Support during a mass outage through the emulator: affected subscribers who ask for an
// operator are attached to the incident (ONE forum topic, with its card), what they write goes
// into it as a digest (one post for many messages), the house next door gets a ticket of its own;
// resolving closes the attached requests with "restored"; writing after it is an ordinary ticket.
import { describe, expect, it } from "vitest";
import { openNewIncident, resolveIncident } from "../../core/incidents/incidents.ts";
import { type Resident, resident, testStreet } from "../support/outage-street.ts";
import { noPostgres } from "../support/require-services.ts";
import { askOperator, supportJobsOf, useSupportDesk } from "../support/support-desk.ts";

describe.skipIf(noPostgres)("mass outages: support", () => {
  const { harness, group, agent } = useSupportDesk();
  const db = () => harness.database.prisma;
  const jobs = () => supportJobsOf(harness);

  it("gathers the affected in one topic, digests what they write, and closes them on resolve", async () => {
    const residents: Resident[] = [];
    for (let i = 0; i < 3; i += 1) residents.push(await resident(db(), harness.emulator, "3"));
    const nextDoor = await resident(db(), harness.emulator, "5");
    const opened = await openNewIncident(db(), {
      scope: { kind: "HOUSES", street: testStreet, houses: ["3"] },
      services: ["INTERNET"],
      eta: new Date(Date.now() + 3600_000),
      text: "Не работает коммутатор в доме",
      createdBy: "test",
      timeZone: harness.config.timeZone,
    });
    if (opened.outcome !== "done") throw new Error(opened.outcome);
    const id = opened.incident.id;

    for (const { user } of residents) {
      expect(await askOperator(user)).toBe(
        `Ваше обращение добавлено к аварии №${id}: операторы видят его и ответят всем затронутым сразу.\nКогда связь восстановится, мы напишем. Если хотите что-то добавить — просто напишите сюда.`,
      );
    }
    const incidentTopics = () => group.topics().filter((topic) => topic.name.startsWith("🚧"));
    // Nothing goes into the group on a subscriber's update: the job opens the topic with its card.
    expect(incidentTopics()).toEqual([]);
    expect(await jobs().postIncidentDigests()).toEqual({ digests: 0, messages: 0 });
    expect(incidentTopics().map((topic) => topic.name)).toEqual([
      `🚧 Авария №${id}: ул. Индустриальная, д. 3`,
    ]);
    const threadId = incidentTopics()[0]?.message_thread_id;
    const card = group.messages({ threadId })[0];
    expect(card?.text).toMatch(
      new RegExp(`^🚧 Авария №${id}: ул\\. Индустриальная, д\\. 3 \\(интернет\\)`),
    );
    expect(card?.text).toContain("Оповещено: 3, написали: 3");

    // The house next door asks too: a ticket and a topic of its own.
    expect(await askOperator(nextDoor.user)).toMatch(/^Обращение №\d+/);
    expect(group.topics()).toHaveLength(2);

    const [first, second] = residents;
    if (!first || !second) throw new Error("no residents");
    first.user.skipBotMessages();
    await first.user.send("У меня тоже нет интернета");
    expect((await first.user.nextBotMessage()).text).toBe(
      "Передали операторам вместе с обращениями по аварии. Ответим, как только будут новости.",
    );
    await first.user.send("Роутер перезагружал");
    await second.user.send("Когда починят?");
    await second.user.nextBotMessage();
    await first.user.waitFor(async () =>
      (await db().incidentMessage.count()) === 3 ? true : undefined,
    );
    expect(
      first.user.messages().filter((message) => message.text?.startsWith("Передали")),
    ).toHaveLength(1);
    const before = group.messages({ threadId }).length;
    expect(await jobs().postIncidentDigests()).toEqual({ digests: 1, messages: 3 });
    const posted = group.messages({ threadId });
    expect(posted).toHaveLength(before + 1);
    const digest = posted.at(-1)?.text ?? "";
    expect(digest.split("\n")).toEqual([
      "📨 Написали абоненты:",
      expect.stringMatching(
        new RegExp(
          `^• \\d\\d:\\d\\d ${first.login} \\(${first.login}\\): У меня тоже нет интернета$`,
        ),
      ),
      expect.stringMatching(/: Роутер перезагружал$/),
      expect.stringMatching(new RegExp(`${second.login}\\): Когда починят\\?$`)),
    ]);
    // Nothing new: nothing posted.
    expect(await jobs().postIncidentDigests()).toEqual({ digests: 0, messages: 0 });
    // Their requests are not "unanswered" tickets of their own.
    expect(await db().supportTicket.count({ where: { incidentId: id, topicId: null } })).toBe(3);

    // An agent's message in the topic goes to every attached subscriber, after a confirm.
    await agent.sendInTopic(group, threadId as number, "Бригада на месте, ориентировочно час.");
    const confirm = await group.waitFor(() =>
      group
        .messages({ threadId })
        .find((message) => message.text?.startsWith("Отправить это сообщение")),
    );
    expect(confirm.text).toBe(
      `Отправить это сообщение всем абонентам аварии №${id}, кто обратился (3)?`,
    );
    const stranger = harness.emulator.user({ firstName: "Посторонний" });
    const refused = await stranger.waitForCallbackAnswer(
      await stranger.press("📣 Отправить (3)", { message: confirm }),
    );
    expect(refused.text).toMatch(/только/);
    await agent.press("📣 Отправить (3)", { message: confirm });
    for (const { user } of residents) {
      await user.waitFor(() =>
        user
          .messages()
          .find(
            (message) =>
              message.text === "💬 Оператор по аварии: Бригада на месте, ориентировочно час.",
          ),
      );
    }
    const { id: replyId } = await db().incidentReply.findFirstOrThrow();
    const again = await agent.waitForCallbackAnswer(
      await agent.pressData(confirm, `incr:${replyId}:send`),
    );
    expect(again.text).toBe("Уже отправлено (3).");
    expect(
      nextDoor.user.messages().some((message) => message.text?.startsWith("💬 Оператор")),
    ).toBe(false);

    const resolved = await resolveIncident(db(), {
      id,
      by: "test",
      timeZone: harness.config.timeZone,
    });
    expect(resolved).toMatchObject({ outcome: "done", notices: 3 });
    expect(await db().supportTicket.count({ where: { incidentId: id, status: "CLOSED" } })).toBe(3);

    // After the outage, what they write is a question of its own: an ordinary ticket and topic.
    first.user.skipBotMessages();
    await first.user.send("Всё работает, но медленно");
    await group.waitFor(() =>
      group
        .topics()
        .find((topic) => topic.name.includes(first.login) && !topic.name.startsWith("🚧")),
    );
    const ticket = await db().supportTicket.findFirstOrThrow({
      where: { telegramUser: { id: BigInt(first.user.id) } },
      orderBy: { id: "desc" },
    });
    expect(ticket).toMatchObject({ incidentId: null, status: "OPEN" });
  });
});
