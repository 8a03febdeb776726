// Support when Telegram misbehaves, through the emulator's faults: a 429 in the agents' group does
// not reorder a ticket's messages, an unanswered-ticket alert that failed to go is sent on the
// next run, and a membership check Telegram does not answer refuses politely instead of hanging.
import { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { applyTelegramLimits } from "../../bot/telegram-limits.ts";
import type { ChatMessage, UserDriver } from "../emulator/index.ts";
import { noPostgres } from "../support/require-services.ts";
import { openTicketThroughBot, supportJobsOf, useSupportDesk } from "../support/support-desk.ts";

describe.skipIf(noPostgres)("support under Telegram faults", () => {
  const { harness, group, agent } = useSupportDesk({ timeoutMs: 10000 });

  const db = () => harness.database.prisma;
  const faults = () => harness.emulator.faults;
  const newUser = (firstName: string) => harness.emulator.user({ firstName, languageCode: "ru" });

  const openTicket = (user: UserDriver) => openTicketThroughBot(group, user);

  const inTopic = (threadId: number, check: (message: ChatMessage) => boolean) =>
    group.waitFor(() => group.messages({ threadId }).find(check));

  it("keeps a ticket's messages in order when the group answers 429", async () => {
    const user = newUser("Рашид");
    const { threadId } = await openTicket(user);
    faults().rateLimit({ method: "copyMessage", chatId: group.id, retryAfter: 1, times: 1 });
    const texts = ["раз", "два", "три", "четыре"];
    for (const text of texts) await user.send(text);
    const relayed = await group.waitFor(() => {
      const shown = group
        .messages({ threadId })
        .flatMap((m) => (m.text && texts.includes(m.text) ? [m.text] : []));
      return shown.length === texts.length ? shown : undefined;
    });
    expect(relayed).toEqual(texts);
    const copies = harness.emulator.calls.filter(
      (call) => call.method === "copyMessage" && Number(call.params.chat_id) === group.id,
    );
    expect(copies.map((call) => call.response?.ok)).toEqual([false, true, true, true, true]);
  });

  it("retries a 429 in its place in the chat's queue, and lets reads past the wait", async () => {
    // Calls made at once (different handlers, jobs) to one chat: the throttler's order holds.
    const api = new Api(harness.emulator.token, { apiRoot: harness.emulator.apiRoot });
    applyTelegramLimits(api, harness.config.telegramLimits);
    const queue = harness.emulator.group({ title: "Очередь" });
    faults().rateLimit({ method: "sendMessage", chatId: queue.id, retryAfter: 1, times: 1 });
    const finished: string[] = [];
    const texts = ["первое", "второе", "третье"];
    const sends = texts.map((text) =>
      api.sendMessage(queue.id, text).then(() => finished.push(text)),
    );
    const member = await api.getChatMember(queue.id, agent.id);
    expect(member.user.id).toBe(agent.id);
    // The first message is still waiting out its retry_after, the others behind it.
    expect(finished).toEqual([]);
    await Promise.all(sends);
    expect(finished).toEqual(texts);
    expect(queue.messages().map((m) => m.text)).toEqual(texts);
  });

  it("alerts on the next run when the alert could not be sent", async () => {
    const jobs = supportJobsOf(harness);
    const user = newUser("Хадижат");
    const { ticket, threadId } = await openTicket(user);
    await user.send("Алло, есть кто?");
    await inTopic(threadId, (m) => m.text === "Алло, есть кто?");
    await user.waitFor(() => db().supportMessage.count({ where: { ticketId: ticket } }));
    // The jobs' clock: Monday 30 November 2026, the message written at 10:00 Moscow.
    await db().supportMessage.updateMany({
      where: { ticketId: ticket },
      data: { createdAt: new Date("2026-11-30T07:00:00Z") },
    });
    const alerts = () => group.messages().filter((m) => m.text?.startsWith("⏰ Ждут ответа"));
    // Longer than auto-retry waits: the send fails.
    faults().rateLimit({ method: "sendMessage", chatId: group.id, retryAfter: 120, times: 1 });
    await expect(jobs.alertUnanswered(new Date("2026-11-30T07:16:00Z"))).rejects.toThrow(
      /Too Many Requests/,
    );
    expect(alerts()).toHaveLength(0);
    expect(
      (await db().supportTicket.findUniqueOrThrow({ where: { id: ticket } })).unansweredAlertAt,
    ).toBeNull();

    expect(await jobs.alertUnanswered(new Date("2026-11-30T07:21:00Z"))).toEqual({ alerted: 1 });
    const alert = await group.waitFor(() => alerts()[0]);
    expect(alert.text).toContain(`№${ticket}, пишет с 10:00`);
    expect(await jobs.alertUnanswered(new Date("2026-11-30T07:26:00Z"))).toEqual({ alerted: 0 });
  });

  it("refuses politely when Telegram does not answer the membership check", async () => {
    const user = newUser("Ахмед");
    const { threadId, card } = await openTicket(user);
    const colleague = newUser("Ольга");
    group.setMemberStatus(colleague.id, "member");
    const getChatMember = { method: "getChatMember", chatId: group.id } as const;

    faults().serverError({ ...getChatMember, times: 1 });
    const unsent = await colleague.sendInTopic(group, threadId, "Добрый день, смотрю ваш вопрос");
    const warning = await inTopic(threadId, (m) => !!m.text?.startsWith("⚠️ Не отправлено"));
    expect(warning.text).toContain("не удалось проверить");
    expect(warning.reply_to_message?.message_id).toBe(unsent.message_id);

    faults().serverError({ ...getChatMember, times: 1 });
    const pressed = await colleague.press("🔄 Обновить карточку", { message: card });
    const refused = await colleague.waitForCallbackAnswer(pressed);
    expect(refused.text).toContain("Не удалось проверить");
    expect(refused.showAlert).toBe(true);

    // Telegram answers again: nothing was cached from the failures.
    const again = await colleague.press("🔄 Обновить карточку", { message: card });
    expect((await colleague.waitForCallbackAnswer(again)).text).toBe("Карточка обновлена");
    await colleague.sendInTopic(group, threadId, "Добрый день, смотрю ваш вопрос");
    expect((await user.nextBotMessage()).text).toBe("Добрый день, смотрю ваш вопрос");
  });
});
