// The bot with an agents' forum group (SUPPORT_CHAT_ID) and one agent in it, and a ticket opened
// the way a subscriber opens one: /support, then "Написать оператору".
import { afterAll, beforeAll } from "vitest";
import { supportJobs } from "../../bot/features/support-jobs.ts";
import { createI18n } from "../../bot/i18n.ts";
import type { GroupDriver, UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "./bot-harness.ts";
import { lateBound } from "./late-bound.ts";

export interface SupportDesk {
  harness: Harness;
  group: GroupDriver;
  agent: UserDriver;
}

export async function startSupportDesk(
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<SupportDesk> {
  let group: GroupDriver | undefined;
  const harness = await startHarness({
    env: { TELEGRAM_GROUP_PER_MINUTE: "1000", ...options.env },
    beforeStart: (emulator) => {
      group = emulator.group({ title: "Каспнет · поддержка", forum: true });
      return { SUPPORT_CHAT_ID: String(group.id) };
    },
  });
  if (!group) throw new Error("the agents' group was not created");
  harness.emulator.timeoutMs = options.timeoutMs ?? 10_000;
  const agent = harness.emulator.user({ firstName: "Марина", languageCode: "ru" });
  group.setMemberStatus(agent.id, "administrator");
  return { harness, group, agent };
}

type SupportDeskOptions = Parameters<typeof startSupportDesk>[0];

/** A support desk for the describe block it is called in: started before its tests, stopped after. */
export function useSupportDesk(options: SupportDeskOptions = {}): SupportDesk {
  const harness = lateBound<Harness>("the bot harness");
  const group = lateBound<GroupDriver>("the agents' group");
  const agent = lateBound<UserDriver>("the agent");
  let desk: SupportDesk | undefined;
  beforeAll(async () => {
    desk = await startSupportDesk(options);
    harness.bind(desk.harness);
    group.bind(desk.group);
    agent.bind(desk.agent);
  });
  afterAll(() => desk?.harness.stop());
  return { harness: harness.value, group: group.value, agent: agent.value };
}

/** /support, then "Написать оператору" (in either language); the bot's answer to the press. */
export async function askOperator(user: UserDriver) {
  user.skipBotMessages();
  await user.send("/support");
  await user.nextBotMessage();
  await user.press(/^✍️/);
  return (await user.nextBotMessage()).text ?? "";
}

/** Opens a ticket from /support; its number, the bot's reply, its topic and the card in it. */
export async function openTicketThroughBot(group: GroupDriver, user: UserDriver) {
  await user.send("/support");
  await user.nextBotMessage();
  await user.press("✍️ Написать оператору");
  const reply = await user.nextBotMessage();
  const ticket = Number(/Обращение №(\d+)/.exec(reply.text ?? "")?.[1]);
  const topic = await group.waitFor(() =>
    group.topics().find((candidate) => candidate.name.startsWith(`№${ticket} · `)),
  );
  const threadId = topic.message_thread_id;
  const card = await group.waitFor(() => group.messages({ threadId })[0]);
  return { ticket, reply, topic, threadId, card };
}

/** The support jobs (alerts, idle close, incident digests) on the harness's bot, run by the test. */
export function supportJobsOf(harness: Harness) {
  return supportJobs(
    {
      db: harness.database.prisma,
      billing: harness.app.billing,
      config: harness.config,
      logger: harness.logs.logger,
      i18n: createI18n(),
    },
    harness.app.bot.api,
  );
}
