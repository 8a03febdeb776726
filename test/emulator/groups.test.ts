import type { ChatMember, ForumTopic, Message } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GroupDriver } from "./driver/group-driver.ts";
import type { UserDriver } from "./driver/user-driver.ts";
import { BotApiEmulator } from "./emulator.ts";
import { callApi } from "./raw-api.ts";

let emu: BotApiEmulator;
let agent: UserDriver;
let support: GroupDriver;

beforeEach(async () => {
  emu = await BotApiEmulator.start({ timeoutMs: 300 });
  agent = emu.user({ firstName: "Оператор" });
  support = emu.group({ title: "Поддержка", forum: true, members: [agent] });
});

afterEach(async () => {
  await emu.stop();
});

async function ok<T>(method: string, params: Record<string, unknown>): Promise<T> {
  const { body } = await callApi(emu, method, params);
  if (!body.ok) throw new Error(`${method}: ${body.description}`);
  return body.result as T;
}

async function description(method: string, params: Record<string, unknown>): Promise<string> {
  const { body } = await callApi(emu, method, params);
  if (body.ok) throw new Error(`${method} succeeded`);
  return body.description;
}

describe("groups", () => {
  it("gives supergroups -100… ids and reports them with getChat", async () => {
    expect(String(support.id)).toMatch(/^-100\d{10}$/);
    expect(await ok("getChat", { chat_id: support.id })).toMatchObject({
      id: support.id,
      type: "supergroup",
      title: "Поддержка",
      is_forum: true,
    });
    const basic = emu.group({ title: "Офис" });
    expect(await ok("getChat", { chat_id: basic.id })).toMatchObject({
      type: "group",
      title: "Офис",
    });
  });

  it("reports scripted member statuses; unknown members have left", async () => {
    const stranger = emu.user();
    expect(
      await ok<ChatMember>("getChatMember", { chat_id: support.id, user_id: agent.id }),
    ).toMatchObject({
      status: "member",
      user: { id: agent.id },
    });
    expect(
      (await ok<ChatMember>("getChatMember", { chat_id: support.id, user_id: stranger.id })).status,
    ).toBe("left");
    emu.setMemberStatus(support.id, agent.id, "administrator");
    expect(
      await ok<ChatMember>("getChatMember", { chat_id: support.id, user_id: agent.id }),
    ).toMatchObject({
      status: "administrator",
      can_manage_topics: true,
    });
    support.setMemberStatus(agent.id, "kicked");
    expect(
      (await ok<ChatMember>("getChatMember", { chat_id: support.id, user_id: agent.id })).status,
    ).toBe("kicked");
    expect(await description("getChatMember", { chat_id: support.id, user_id: 5 })).toBe(
      "Bad Request: user not found",
    );
  });

  it("follows privacy mode: a bot that is not an admin sees commands, mentions and replies only", async () => {
    const staff = emu.group({ title: "Офис", members: [agent], botStatus: "member" });
    await agent.sendIn(staff, "просто разговор");
    expect(emu.pendingUpdates()).toEqual([]);
    await agent.sendIn(staff, "/requests");
    const sent = await ok<Message>("sendMessage", { chat_id: staff.id, text: "Новых заявок нет" });
    await agent.replyTo(sent, "спасибо");
    await agent.sendIn(staff, `@${emu.bot.username} помоги`);
    expect(emu.pendingUpdates().map((u) => u.message?.text)).toEqual([
      "/requests",
      "спасибо",
      `@${emu.bot.username} помоги`,
    ]);
  });

  it("refuses to write where the bot is not a member", async () => {
    emu.setMemberStatus(support.id, emu.bot.id, "kicked");
    expect(emu.pendingUpdates().at(-1)?.my_chat_member?.new_chat_member.status).toBe("kicked");
    expect(await description("sendMessage", { chat_id: support.id, text: "x" })).toBe(
      "Forbidden: bot was kicked from the supergroup chat",
    );
    const other = emu.group({ title: "Чужая", botStatus: "left" });
    expect(await description("sendMessage", { chat_id: other.id, text: "x" })).toBe(
      "Forbidden: bot is not a member of the group chat",
    );
  });
});

describe("forum topics", () => {
  it("creates a topic with its service message; messages in it reply to that message", async () => {
    const topic = await ok<ForumTopic>("createForumTopic", {
      chat_id: support.id,
      name: "Заявка #17",
    });
    expect(topic).toEqual({ message_thread_id: 2, name: "Заявка #17", icon_color: 7322096 });
    expect(support.history()[0]?.supergroup_chat_created).toBe(true);
    expect(support.history()[1]).toMatchObject({
      message_id: topic.message_thread_id,
      message_thread_id: topic.message_thread_id,
      is_topic_message: true,
      forum_topic_created: { name: "Заявка #17", icon_color: 7322096 },
    });
    const card = await ok<Message>("sendMessage", {
      chat_id: support.id,
      message_thread_id: topic.message_thread_id,
      text: "Абонент: Иванов",
    });
    expect(card).toMatchObject({
      message_thread_id: topic.message_thread_id,
      is_topic_message: true,
      reply_to_message: {
        message_id: topic.message_thread_id,
        forum_topic_created: { name: "Заявка #17" },
      },
    });
    expect(support.topic("Заявка #17")).toMatchObject({ closed: false });
    // Service messages are not "bot messages" for nextBotMessage.
    expect((await support.nextBotMessage({ threadId: topic.message_thread_id })).text).toBe(
      "Абонент: Иванов",
    );
  });

  it("checks thread ids and closed topics", async () => {
    expect(
      await description("sendMessage", { chat_id: support.id, message_thread_id: 999, text: "x" }),
    ).toBe("Bad Request: message thread not found");
    const topic = await ok<ForumTopic>("createForumTopic", { chat_id: support.id, name: "T" });
    expect(
      await ok("closeForumTopic", {
        chat_id: support.id,
        message_thread_id: topic.message_thread_id,
      }),
    ).toBe(true);
    expect(support.history().at(-1)?.forum_topic_closed).toEqual({});
    expect(
      await description("sendMessage", {
        chat_id: support.id,
        message_thread_id: topic.message_thread_id,
        text: "x",
      }),
    ).toBe("Bad Request: TOPIC_CLOSED");
    await expect(agent.sendInTopic(support, topic.message_thread_id, "эй")).rejects.toThrow(
      /closed/,
    );
    await ok("reopenForumTopic", {
      chat_id: support.id,
      message_thread_id: topic.message_thread_id,
    });
    expect(support.history().at(-1)?.forum_topic_reopened).toEqual({});
    await ok("sendMessage", {
      chat_id: support.id,
      message_thread_id: topic.message_thread_id,
      text: "снова",
    });
  });

  it("takes a topic name of 1-128 UTF-16 units", async () => {
    for (const name of ["", `${"😀".repeat(64)}!`])
      expect(await description("createForumTopic", { chat_id: support.id, name })).toBe(
        "Bad Request: TOPIC_TITLE_INVALID",
      );
    await ok<ForumTopic>("createForumTopic", { chat_id: support.id, name: "😀".repeat(64) });
  });

  it("needs a forum and an admin bot", async () => {
    const plain = emu.group({ title: "P", supergroup: true });
    expect(await description("createForumTopic", { chat_id: plain.id, name: "x" })).toBe(
      "Bad Request: the chat is not a forum",
    );
    emu.setMemberStatus(support.id, emu.bot.id, "member");
    expect(await description("createForumTopic", { chat_id: support.id, name: "x" })).toBe(
      "Bad Request: not enough rights to manage topics",
    );
  });

  it("lets users write in topics and reply to the bot there", async () => {
    const topic = await ok<ForumTopic>("createForumTopic", { chat_id: support.id, name: "T" });
    const written = await agent.sendInTopic(support, topic.message_thread_id, "Проверяю");
    expect(written).toMatchObject({
      message_thread_id: topic.message_thread_id,
      is_topic_message: true,
      reply_to_message: { message_id: topic.message_thread_id },
    });
    const botMessage = await ok<Message>("sendMessage", {
      chat_id: support.id,
      message_thread_id: topic.message_thread_id,
      text: "Абонент пишет: нет интернета",
    });
    const reply = await agent.replyTo(botMessage, "Перезагрузите роутер");
    expect(reply).toMatchObject({
      message_thread_id: topic.message_thread_id,
      reply_to_message: { message_id: botMessage.message_id },
    });
    expect(emu.pendingUpdates().map((u) => u.message?.text)).toEqual([
      "Проверяю",
      "Перезагрузите роутер",
    ]);
  });
});

describe("copyMessage and forwardMessage", () => {
  it("copies text and media without a forward header; forwards with forward_origin", async () => {
    const alice = emu.user({ firstName: "Алиса" });
    const question = await alice.send("Не работает интернет");
    const photo = await alice.sendPhoto({ caption: "скриншот" });
    const topic = await ok<ForumTopic>("createForumTopic", { chat_id: support.id, name: "Алиса" });
    const thread = {
      chat_id: support.id,
      message_thread_id: topic.message_thread_id,
      from_chat_id: alice.id,
    };

    const copied = await ok<{ message_id: number }>("copyMessage", {
      ...thread,
      message_id: question.message_id,
    });
    const copy = support.history().find((m) => m.message_id === copied.message_id);
    expect(copy).toMatchObject({ text: "Не работает интернет", from: { id: emu.bot.id } });
    expect(copy?.forward_origin).toBeUndefined();

    const recaptioned = await ok<{ message_id: number }>("copyMessage", {
      ...thread,
      message_id: photo.message_id,
      caption: "<b>от Алисы</b>",
      parse_mode: "HTML",
    });
    expect(support.history().find((m) => m.message_id === recaptioned.message_id)).toMatchObject({
      photo: photo.photo,
      caption: "от Алисы",
      caption_entities: [{ type: "bold", offset: 0, length: 8 }],
    });

    const forwarded = await ok<Message>("forwardMessage", {
      ...thread,
      message_id: question.message_id,
    });
    expect(forwarded.forward_origin).toEqual({
      type: "user",
      sender_user: alice.user,
      date: question.date,
    });
    expect(forwarded.message_thread_id).toBe(topic.message_thread_id);

    expect(await description("copyMessage", { ...thread, message_id: 404 })).toBe(
      "Bad Request: message to copy not found",
    );
    expect(
      await description("copyMessage", {
        ...thread,
        message_id: topic.message_thread_id,
        from_chat_id: support.id,
      }),
    ).toBe("Bad Request: message can't be copied");
  });

  it("sends photos and documents by upload or file_id and limits captions", async () => {
    const alice = emu.user();
    await alice.send("hi");
    const first = await callApi(
      emu,
      "sendPhoto",
      { chat_id: alice.id, photo: { filename: "a.jpg", content: "jpg" }, caption: "чек" },
      "multipart",
    );
    const sent = first.body.ok ? (first.body.result as Message) : undefined;
    const fileId = sent?.photo?.[0]?.file_id;
    expect(sent).toMatchObject({ caption: "чек", photo: [{ file_size: 3 }] });
    const again = await ok<Message>("sendPhoto", { chat_id: alice.id, photo: fileId });
    expect(again.photo?.[0]?.file_id).toBe(fileId);
    expect(await description("sendPhoto", { chat_id: alice.id, photo: "nonsense" })).toBe(
      "Bad Request: wrong file identifier/HTTP URL specified",
    );
    expect(
      await description("sendDocument", {
        chat_id: alice.id,
        document: fileId,
        caption: "я".repeat(1025),
      }),
    ).toBe("Bad Request: message caption is too long");
    expect(await description("sendDocument", { chat_id: alice.id })).toBe(
      "Bad Request: there is no document in the request",
    );
  });
});
