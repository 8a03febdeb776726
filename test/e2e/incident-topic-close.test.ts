// A resolved incident's topic in the agents' group, through the emulator: a closing post with what
// subscribers were told, the card edited to show the resolve, and the topic closed, once, whether
// the resolve came from the staff chat, the command line (no bot sending: the digests job closes
// it, once even with two instances at it) or the monitoring endpoint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { supportJobs } from "../../bot/features/support-jobs.ts";
import { createI18n } from "../../bot/i18n.ts";
import type { GroupDriver, UserDriver } from "../emulator/index.ts";
import { adminInProcess as admin } from "../support/admin-in-process.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { jobRunner } from "../support/jobs.ts";
import { resident } from "../support/outage-street.ts";
import { noPostgres } from "../support/require-services.ts";

const secret = "monitoring-shared-secret-4711";

describe.skipIf(noPostgres)("mass outages: the incident topic closed on resolve", () => {
  let harness: Harness;
  let agents: GroupDriver;
  let staff: GroupDriver;
  let dispatcher: UserDriver;

  beforeAll(async () => {
    harness = await startHarness({
      env: { METRICS_PORT: "0", INCIDENT_HOOK_SECRET: secret, TELEGRAM_GROUP_PER_MINUTE: "1000" },
      beforeStart(emulator) {
        dispatcher = emulator.user({ firstName: "Руслан", languageCode: "ru" });
        agents = emulator.group({ title: "Каспнет · поддержка", forum: true });
        staff = emulator.group({
          title: "Каспнет: сотрудники",
          supergroup: true,
          members: [dispatcher],
        });
        return { SUPPORT_CHAT_ID: String(agents.id), STAFF_CHAT_ID: String(staff.id) };
      },
    });
    harness.emulator.timeoutMs = 10_000;
    agents.setMemberStatus(dispatcher.id, "administrator");
  });
  afterAll(() => harness?.stop());

  const db = () => harness.database.prisma;
  const hook = async (body: unknown) => {
    const response = await fetch(`http://127.0.0.1:${harness.app.opsPort}/incidents`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { incident: number };
  };

  /** An incident opened by the monitor for one house, and a subscriber there attached to it. */
  async function incidentWithTopic(house: string) {
    const { user } = await resident(db(), harness.emulator, house);
    const monitorId = `zabbix:house-${house}`;
    const { incident: id } = await hook({
      action: "open",
      id: monitorId,
      streets: ["Индустриальная"],
      houses: [house],
      eta: new Date(Date.now() + 2 * 3600_000).toISOString(),
      text: `Не отвечает коммутатор дома ${house}`,
    });
    // The opening notice first (the endpoint's outbox flush), then the subscriber asks anyway.
    await user.waitFor(() => user.messages().find((message) => message.text?.startsWith("⚠️")));
    user.skipBotMessages();
    await user.send("/support");
    await user.nextBotMessage();
    await user.press(/^✍️/);
    expect((await user.nextBotMessage()).text).toContain(`аварии №${id}`);
    // The digests job opens the incident's topic with its card.
    await jobRunner(harness)("incident-digests");
    const topic = agents
      .topics()
      .find((candidate) => candidate.name.startsWith(`🚧 Авария №${id}:`));
    if (!topic) throw new Error("no incident topic");
    return { id, monitorId, user, threadId: topic.message_thread_id };
  }

  const topicOf = (threadId: number) =>
    agents.topics().find((topic) => topic.message_thread_id === threadId);
  const closingPosts = (id: number, threadId: number) =>
    agents
      .messages({ threadId })
      .filter((message) => message.text?.startsWith(`✅ Авария №${id} закрыта`));
  const digestsJob = (): Promise<Record<string, number | string>> =>
    jobRunner(harness)("incident-digests");

  async function expectClosedOnce(id: number, threadId: number, by: string) {
    expect(topicOf(threadId)?.closed).toBe(true);
    const [closing, ...more] = closingPosts(id, threadId);
    expect(more).toHaveLength(0);
    expect(closing?.text?.split("\n")).toEqual([
      expect.stringMatching(
        new RegExp(
          `^✅ Авария №${id} закрыта \\(${by}, \\d\\d\\.\\d\\d, \\d\\d:\\d\\d\\), тема закрыта\\.$`,
        ),
      ),
      "Абонентам отправлено:",
      expect.stringMatching(/^✅ Связь восстановлена: Не отвечает коммутатор дома/),
      expect.stringMatching(/выключите роутер на 30 секунд/),
    ]);
    const card = agents.messages({ threadId })[0];
    expect(card?.text).toMatch(new RegExp(`^🚧 Авария №${id}:`));
    expect(card?.text?.split("\n").at(-1)).toMatch(
      new RegExp(`^✅ Восстановлено \\d\\d\\.\\d\\d, \\d\\d:\\d\\d \\(${by}\\)$`),
    );
    expect(await db().incident.findUniqueOrThrow({ where: { id } })).toMatchObject({
      topicClosedAt: expect.any(Date),
    });
  }

  it("closes the topic right after a resolve in the staff chat, and the job does not again", async () => {
    const { id, threadId } = await incidentWithTopic("21");
    await dispatcher.sendIn(staff, "/incidents");
    const entry = await staff.nextBotMessage();
    await dispatcher.press("✅ Восстановлено", { message: entry });
    const confirm = await staff.waitFor(() =>
      staff.messages().find((message) => message.text?.startsWith(`Закрыть аварию №${id}?`)),
    );
    await dispatcher.press("✅ Да, восстановлено", { message: confirm });
    await agents.waitFor(() => (topicOf(threadId)?.closed ? true : undefined));
    await expectClosedOnce(id, threadId, "Руслан");
    expect(await digestsJob()).toMatchObject({ topicsClosed: 0 });
    expect(closingPosts(id, threadId)).toHaveLength(1);
  });

  it("closes the topic of an incident resolved from the command line by the bot's job, once", async () => {
    const { id, user, threadId } = await incidentWithTopic("23");
    user.skipBotMessages();
    await user.send("Свет в подъезде есть, интернета нет");
    await user.nextBotMessage();
    const resolved = await admin(["incident", "resolve", String(id)], {
      DATABASE_URL: harness.database.url,
      LOG_LEVEL: "error",
    });
    expect(resolved.code).toBe(0);
    // Nothing sends from the command line without a token: the topic is still open.
    expect(topicOf(threadId)?.closed).toBe(false);
    expect(closingPosts(id, threadId)).toHaveLength(0);

    // The job (it posts the digest first) and another instance's closer at once: one closes it.
    const secondInstance = supportJobs(
      {
        db: db(),
        billing: harness.app.billing,
        config: harness.config,
        logger: harness.logs.logger,
        i18n: createI18n(),
      },
      harness.app.bot.api,
    );
    const [first, second] = await Promise.all([digestsJob(), secondInstance.closeIncidentTopics()]);
    expect(Number(first.topicsClosed) + second.topicsClosed).toBe(1);
    await expectClosedOnce(id, threadId, "operator");
    // What the subscriber wrote before the resolve was posted before the closing post.
    const posts = agents.messages({ threadId }).map((message) => message.text ?? "");
    const digest = posts.findIndex((text) => text.includes("Свет в подъезде есть"));
    expect(digest).toBeGreaterThan(0);
    expect(digest).toBeLessThan(posts.findIndex((text) => text.startsWith("✅ Авария")));
    expect(await digestsJob()).toMatchObject({ digests: 0, topicsClosed: 0 });
    expect(closingPosts(id, threadId)).toHaveLength(1);
  });

  it("closes the topic of an incident the monitoring endpoint resolved", async () => {
    const { id, monitorId, threadId } = await incidentWithTopic("25");
    expect(await hook({ action: "resolve", id: monitorId })).toMatchObject({
      status: "resolved",
      incident: id,
    });
    await agents.waitFor(() => (topicOf(threadId)?.closed ? true : undefined));
    await expectClosedOnce(id, threadId, `monitor:${monitorId}`);
    expect(await digestsJob()).toMatchObject({ topicsClosed: 0 });
  });

  it("opens a new topic when an agent deleted the incident's, and holds up no other incident", async () => {
    const gone = await incidentWithTopic("27");
    const other = await incidentWithTopic("29");
    await harness.app.bot.api.deleteForumTopic(agents.id, gone.threadId);
    for (const { user, text } of [
      { user: gone.user, text: "Всё ещё нет связи" },
      { user: other.user, text: "Индикатор мигает красным" },
    ]) {
      user.skipBotMessages();
      await user.send(text);
      await user.nextBotMessage();
    }
    // The deleted topic fails its digest; the other incident's goes out all the same.
    expect(await digestsJob()).toMatchObject({ digests: 1, messages: 1 });
    expect(
      agents.messages({ threadId: other.threadId }).some((m) => m.text?.includes("мигает красным")),
    ).toBe(true);
    // The next run opens a new topic with its card, and the waiting message goes there.
    expect(await digestsJob()).toMatchObject({ digests: 1, messages: 1 });
    const topics = agents.topics().filter((t) => t.name.startsWith(`🚧 Авария №${gone.id}:`));
    const reopened = topics.find((t) => t.message_thread_id !== gone.threadId);
    if (!reopened) throw new Error("no new topic");
    const posts = agents.messages({ threadId: reopened.message_thread_id });
    expect(posts[0]?.text).toMatch(new RegExp(`^🚧 Авария №${gone.id}:`));
    expect(posts.at(-1)?.text).toContain("Всё ещё нет связи");
    expect(await db().incident.findUniqueOrThrow({ where: { id: gone.id } })).toMatchObject({
      topicId: reopened.message_thread_id,
    });
  });
});
