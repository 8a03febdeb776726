// Support through the emulator, after the first conversation: a subscriber who writes more than a
// day after the close gets a new ticket (one who never asked for an agent starts from the
// frequent questions), the resolution time a close stores, and edits Telegram cannot carry over
// as edits, relayed as marked corrections.
import type { Message } from "grammy/types";
import { describe, expect, it } from "vitest";
import type { ChatMessage, UserDriver } from "../emulator/index.ts";
import type { World } from "../emulator/state/world.ts";
import { noPostgres } from "../support/require-services.ts";
import { signedIn } from "../support/sign-in.ts";
import { openTicketThroughBot, useSupportDesk } from "../support/support-desk.ts";

/** The drivers edit only text; other edits (a caption, a moved live location) by hand. */
function editByHand(user: UserDriver, message: Message, change: Partial<Message>): void {
  const { world } = user as unknown as { world: World };
  const stored = world.chatRecord(message.chat.id).find(message.message_id);
  if (!stored) throw new Error(`message ${message.message_id} not found`);
  stored.message = { ...stored.message, ...change, edit_date: world.unixTime() };
  world.changes.notify();
  world.queueMessageUpdate("edited_message", stored.message);
}

describe.skipIf(noPostgres)("support after the first conversation", () => {
  const { harness, group, agent } = useSupportDesk({ timeoutMs: 10000 });

  const db = () => harness.database.prisma;
  const newUser = (firstName: string) => harness.emulator.user({ firstName, languageCode: "ru" });
  const stored = (id: number) => db().supportTicket.findUniqueOrThrow({ where: { id } });

  const openTicket = (user: UserDriver) => openTicketThroughBot(group, user);

  const inTopic = (threadId: number, check: (message: ChatMessage) => boolean) =>
    group.waitFor(() => group.messages({ threadId }).find(check));

  it("points a subscriber who never asked for an agent to the menu, with no ticket", async () => {
    const user = newUser("Тагир");
    await user.send("Здравствуйте, у меня вопрос");
    expect((await user.nextBotMessage()).text).toContain("Не понял сообщение");
    expect(await db().supportTicket.count({ where: { telegramUserId: BigInt(user.id) } })).toBe(0);
  });

  it("stores the resolution time at /close and keeps it through /reopen", async () => {
    const user = newUser("Саида");
    const { ticket, threadId } = await openTicket(user);
    await agent.sendInTopic(group, threadId, "/close");
    await user.nextBotMessage();
    const closed = await stored(ticket);
    expect(closed.status).toBe("CLOSED");
    expect(closed.resolvedAt).toEqual(closed.closedAt);
    await agent.sendInTopic(group, threadId, "/reopen");
    await user.nextBotMessage();
    expect(await stored(ticket)).toMatchObject({
      status: "OPEN",
      closedAt: null,
      resolvedAt: closed.resolvedAt,
    });
  });

  it("opens a new ticket with its own topic for a message more than a day after the close", async () => {
    const user = newUser("Джамиля");
    await signedIn(user, "10002");
    const first = await openTicket(user);
    await agent.sendInTopic(group, first.threadId, "/close");
    await user.nextBotMessage();
    await group.waitFor(
      () => group.topics().find((t) => t.message_thread_id === first.threadId)?.closed,
    );
    // The close was 25 hours ago.
    const dayAgo = new Date(Date.now() - 25 * 60 * 60_000);
    await db().supportTicket.update({
      where: { id: first.ticket },
      data: { closedAt: dayAgo, resolvedAt: dayAgo },
    });

    await user.send("Снова пропал интернет");
    const reply = await user.nextBotMessage();
    const ticket = Number(/новое — №(\d+)/.exec(reply.text ?? "")?.[1]);
    expect(ticket).toBeGreaterThan(first.ticket);
    expect(reply.text).toContain("Сообщение передано оператору");
    const topic = await group.waitFor(() =>
      group.topics().find((t) => t.name.startsWith(`№${ticket} · `)),
    );
    expect(topic.name).toBe(`№${ticket} · Алиева Патимат Магомедовна · 10002`);
    const [card, copy] = await group.waitFor(() => {
      const shown = group.messages({ threadId: topic.message_thread_id });
      return shown.length >= 2 ? shown : undefined;
    });
    expect(card?.text).toContain(`Обращение №${ticket} · открыто`);
    expect(copy?.text).toBe("Снова пропал интернет");
    expect(group.topics().find((t) => t.message_thread_id === first.threadId)?.closed).toBe(true);
    expect((await stored(first.ticket)).status).toBe("CLOSED");
    const account = await db().account.findUniqueOrThrow({ where: { login: "10002" } });
    expect(await stored(ticket)).toMatchObject({ status: "OPEN", accountId: account.id });

    // The next message goes to the new ticket without another notice.
    await user.send("Роутер перезагружала");
    await inTopic(topic.message_thread_id, (m) => m.text === "Роутер перезагружала");
    expect(user.messages().at(-1)?.message_id).toBe(reply.message_id);
  });

  it("relays a subscriber's edits Telegram cannot make as corrections", async () => {
    const user = newUser("Зарина");
    const { threadId } = await openTicket(user);
    const api = harness.app.bot.api;

    // The copy in the topic was deleted: the edit comes as a correction.
    const question = await user.send("Интернет пропадает вечером");
    const copy = await inTopic(threadId, (m) => m.text === "Интернет пропадает вечером");
    await api.deleteMessage(group.id, copy.message_id);
    await user.edit(question, "Интернет пропадает каждый вечер после 20:00");
    const corrected = await inTopic(threadId, (m) => !!m.text?.startsWith("✏️ Исправление:"));
    expect(corrected.text).toBe("✏️ Исправление:\nИнтернет пропадает каждый вечер после 20:00");

    // A photo whose copy is gone: its new caption comes with a copy of the photo.
    const photo = await user.sendPhoto({ caption: "Роутер" });
    const photoCopy = await inTopic(threadId, (m) => m.caption === "Роутер");
    await api.deleteMessage(group.id, photoCopy.message_id);
    editByHand(user, photo, { caption: "Роутер TP-Link, мигает красным" });
    const newVersion = await inTopic(
      threadId,
      (m) => m.caption === "✏️ Исправление:\nРоутер TP-Link, мигает красным",
    );
    expect(newVersion.photo?.at(-1)?.file_unique_id).toBe(photo.photo?.at(-1)?.file_unique_id);
  });

  it("does not relay a live location's moves", async () => {
    const user = newUser("Магомед");
    const { threadId } = await openTicket(user);
    const location = await user.sendLocation(42.8816, 47.6389);
    await inTopic(threadId, (m) => m.location !== undefined);
    editByHand(user, location, {
      location: { latitude: 42.8822, longitude: 47.6401, live_period: 900 },
    });
    await user.send("Я у подъезда");
    await inTopic(threadId, (m) => m.text === "Я у подъезда");
    expect(group.messages({ threadId }).filter((m) => m.location !== undefined)).toHaveLength(1);
  });

  it("relays an agent's edit of an answer the subscriber deleted as a correction", async () => {
    const user = newUser("Эльмира");
    const { threadId } = await openTicket(user);
    const api = harness.app.bot.api;
    const answer = await agent.sendInTopic(group, threadId, "Пришлите номер договора");
    const relayed = await user.nextBotMessage();
    await api.deleteMessage(user.id, relayed.message_id);
    await agent.edit(answer, "Пришлите, пожалуйста, номер договора и адрес");
    const agentCorrection = await user.nextBotMessage();
    expect(agentCorrection.text).toBe(
      "✏️ Исправление:\nПришлите, пожалуйста, номер договора и адрес",
    );
  });

  it("relays a correction at Telegram's limits whole: a long text in parts, a long caption with its note apart", async () => {
    const user = newUser("Патимат");
    const { threadId } = await openTicket(user);
    const api = harness.app.bot.api;
    const long = (word: string) => `${word} `.repeat(4096).slice(0, 4096);
    const answer = await agent.sendInTopic(group, threadId, long("ответ"));
    const relayed = await user.nextBotMessage();
    await api.deleteMessage(user.id, relayed.message_id);
    await agent.edit(answer, long("исправленный"));
    const first = await user.nextBotMessage();
    const second = await user.nextBotMessage();
    expect(first.text?.startsWith("✏️ Исправление:\nисправленный ")).toBe(true);
    expect(`${first.text} ${second.text}`).toBe(`✏️ Исправление:\n${long("исправленный")}`);

    const caption = "Роутер мигает красным. ".repeat(50).slice(0, 1024);
    const photo = await user.sendPhoto({ caption: "Роутер" });
    const photoCopy = await inTopic(threadId, (m) => m.caption === "Роутер");
    await api.deleteMessage(group.id, photoCopy.message_id);
    editByHand(user, photo, { caption });
    const newVersion = await inTopic(threadId, (m) => m.caption === caption);
    expect(newVersion.photo).toBeDefined();
    const note = group
      .messages({ threadId })
      .find((m) => m.text === "✏️ Исправление:" && m.message_id < newVersion.message_id);
    expect(note).toBeDefined();
  });
});
