// Connection requests in the staff chat through the emulator: status buttons relayed to the
// prospect in their language, a rejection's reason taken as a reply, presses by non-members
// refused, /requests and /find, the daily digest of requests left NEW.
import type { CallbackQuery } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDateTime } from "../../bot/format.ts";
import { billingDayAt } from "../../core/billing/calendar.ts";
import type { ChatMessage, GroupDriver, UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { groupAnonymousBot, redeliverAs } from "../support/forged-update.ts";
import { jobRunner } from "../support/jobs.ts";
import { noPostgres } from "../support/require-services.ts";
import { inlineButtons } from "../support/sign-in.ts";

describe.skipIf(noPostgres)("connection requests: the staff chat", () => {
  let harness: Harness;
  let staff: GroupDriver;
  let manager: UserDriver;
  beforeAll(async () => {
    harness = await startHarness({
      beforeStart(emulator) {
        manager = emulator.user({
          firstName: "Марьям",
          lastName: "Исаева",
          username: "maryam_kaspnet",
          languageCode: "ru",
        });
        staff = emulator.group({ title: "Каспнет: заявки", supergroup: true, members: [manager] });
        // Telegram allows 20 messages a minute in a group; tests talk faster than staff.
        return { STAFF_CHAT_ID: String(staff.id), TELEGRAM_GROUP_PER_MINUTE: "6000" };
      },
    });
  });
  afterAll(() => harness?.stop());

  const db = () => harness.database.prisma;
  const statusOf = async (id: number) =>
    (await db().connectionRequest.findUniqueOrThrow({ where: { id } })).status;
  const cardOf = (id: number) =>
    staff.waitFor(() =>
      staff.messages().find((message) => message.text?.startsWith(`📝 Заявка №${id} `)),
    );
  const current = (message: ChatMessage) =>
    staff.messages().find((shown) => shown.message_id === message.message_id);
  const answerTo = async (user: UserDriver, press: Promise<CallbackQuery>) =>
    (await user.waitForCallbackAnswer(await press)).text ?? "";

  /** Sends a request through /connect with buttons wherever there are some; its number. */
  async function sendRequest(user: UserDriver, phone: string): Promise<number> {
    await user.send("/connect");
    await user.nextBotMessage();
    await user.nextBotMessage();
    await user.send(user.user.first_name);
    await user.nextBotMessage();
    await user.send(phone);
    await user.nextBotMessage();
    await user.nextBotMessage();
    await user.send("ул. Ленина, 1");
    await user.nextBotMessage();
    await user.press(/^🤔/);
    await user.nextBotMessage();
    await user.press(/^📺/);
    await user.nextBotMessage();
    await user.press(/^(В любое время|Any time)$/);
    await user.nextBotMessage();
    await user.press(/^(Без комментария|No comment)$/);
    await user.nextBotMessage();
    await user.press(/^✅/);
    const sent = (await user.nextBotMessage()).text ?? "";
    return Number(/(?:№|No\. )(\d+)/.exec(sent)?.[1]);
  }

  it("relays each status change to the prospect in their language and edits the card", async () => {
    const prospect = harness.emulator.user({ firstName: "John", languageCode: "en" });
    const id = await sendRequest(prospect, "+79285551001");
    const card = await cardOf(id);

    const taken = await answerTo(manager, manager.press("🛠 В работу", { message: card }));
    expect(taken).toBe(`Заявка №${id}: в работе.`);
    expect(await prospect.nextBotMessage()).toMatchObject({
      text: `🛠 Request No. ${id} is in progress: our staff will call you soon (Any time).`,
    });
    const inWork = current(card);
    expect(inWork?.text).toMatch(
      /Статус: 🛠 в работе — Марьям Исаева \(@maryam_kaspnet\), \d\d\.\d\d, \d\d:\d\d$/,
    );
    expect(inlineButtons(inWork)).toEqual(["✅ Договор подписан", "❌ Отклонить"]);

    await answerTo(manager, manager.press("✅ Договор подписан", { message: card }));
    expect((await prospect.nextBotMessage()).text).toContain(
      `The contract for request No. ${id} is signed — welcome to Kaspnet!`,
    );
    expect(current(card)?.text).toContain("Статус: ✅ договор подписан — Марьям Исаева");
    expect(inlineButtons(current(card))).toEqual([]);
    expect(await statusOf(id)).toBe("SIGNED");

    // A stale button of the card (a slow client) changes nothing.
    const stale = await answerTo(manager, manager.pressData(card, `req:${id}:work`));
    expect(stale).toBe(`Заявка №${id} уже: договор подписан.`);

    await prospect.send("/connect");
    const status = await prospect.nextBotMessage();
    expect(status.text).toContain(`No. ${id} of `);
    expect(status.text).toContain("Каспийск, ул. Ленина, 1 — contract signed");
  });

  it("takes the reason for a rejection as a reply to its question", async () => {
    const prospect = harness.emulator.user({ firstName: "Магомед", languageCode: "ru" });
    const id = await sendRequest(prospect, "+79285551002");
    const card = await cardOf(id);
    staff.skipBotMessages();

    await manager.press("❌ Отклонить", { message: card });
    const question = await staff.nextBotMessage();
    expect(question.text).toBe(
      `Марьям Исаева (@maryam_kaspnet), напишите причину отклонения заявки №${id} ответом на это сообщение.`,
    );
    expect(question.reply_markup).toBeUndefined();
    expect(await statusOf(id)).toBe("NEW");

    // A command typed in reply to the question is the command, not the reason.
    await manager.replyTo(question, "/requests");
    expect((await staff.nextBotMessage()).text).toContain(`№${id} `);
    expect(await statusOf(id)).toBe("NEW");

    await manager.replyTo(question, "-");
    expect((await staff.nextBotMessage()).text).toContain("Причина — текстом, от 2 до 500");
    await manager.replyTo(question, "Нет технической возможности по адресу");
    expect((await staff.nextBotMessage()).text).toBe(`Заявка №${id}: отклонена.`);
    expect(await prospect.nextBotMessage()).toMatchObject({
      text: `Заявка №${id} отклонена. Причина: Нет технической возможности по адресу. Вопросы — 8 800 700-54-05 (бесплатно).`,
    });
    expect(current(card)?.text).toContain(
      "Статус: ❌ отклонена — Марьям Исаева (@maryam_kaspnet), ",
    );
    expect(current(card)?.text).toContain("Причина: Нет технической возможности по адресу");
    expect(await db().connectionRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "REJECTED",
      rejectReason: "Нет технической возможности по адресу",
      statusBy: "Марьям Исаева (@maryam_kaspnet)",
    });

    // A second reply to the same question does nothing more.
    await manager.replyTo(question, "Ещё раз");
    await manager.sendIn(staff, "/requests");
    expect((await staff.nextBotMessage()).text).not.toContain(`№${id} `);
  });

  it("refuses status buttons to anyone not in the staff chat", async () => {
    const prospect = harness.emulator.user({ firstName: "Саида", languageCode: "ru" });
    const id = await sendRequest(prospect, "+79285551003");
    const card = await cardOf(id);

    const outsider = harness.emulator.user({ firstName: "Посторонний" });
    const refusal = await answerTo(
      outsider,
      outsider.press("✅ Договор подписан", { message: card }),
    );
    expect(refusal).toBe("Статус заявок меняют только участники чата сотрудников.");

    const former = harness.emulator.user({ firstName: "Уволенный" });
    staff.setMemberStatus(former.id, "member");
    staff.setMemberStatus(former.id, "left");
    expect(await answerTo(former, former.press("🛠 В работу", { message: card }))).toBe(
      "Статус заявок меняют только участники чата сотрудников.",
    );

    // The same button forged in a private chat is not a staff button at all.
    await outsider.send("/start");
    const menu = await outsider.nextBotMessage();
    expect(await answerTo(outsider, outsider.pressData(menu, `req:${id}:signed`))).toBe(
      "Эта кнопка устарела. Откройте меню заново: /menu",
    );

    expect(await statusOf(id)).toBe("NEW");
    expect(current(card)?.text).toContain("Статус: 🆕 новая");
    expect(prospect.messages().filter((m) => m.text?.includes("в работе"))).toEqual([]);
    const getChatMember = harness.emulator.calls.filter(
      (call) => call.method === "getChatMember" && call.params.user_id === outsider.id,
    );
    expect(getChatMember).toHaveLength(1);
  });

  it("lists open requests and finds a phone's requests on staff commands", async () => {
    const prospect = harness.emulator.user({ firstName: "Амина", languageCode: "ru" });
    const id = await sendRequest(prospect, "+79285551004");
    await cardOf(id);
    staff.skipBotMessages();

    await manager.sendIn(staff, "/requests");
    const list = await staff.nextBotMessage();
    expect(list.text).toMatch(/^Открытые заявки \(\d+\):/);
    expect(list.text).toContain(`№${id} · `);
    expect(list.text).toContain(" · новая · Амина · +79285551004 · Каспийск, ул. Ленина, 1");

    await manager.sendIn(staff, "/find 8 928 555-10-04");
    const found = await staff.nextBotMessage();
    expect(found.text).toContain(`📝 Заявка №${id} `);
    expect(inlineButtons(found)).toEqual(["🛠 В работу", "✅ Договор подписан", "❌ Отклонить"]);
    await manager.press("🛠 В работу", { message: found });
    await staff.waitFor(() => expect(current(found)?.text).toContain("Статус: 🛠 в работе"));
    expect((await cardOf(id)).text).toContain("Статус: 🛠 в работе");
    expect((await prospect.nextBotMessage()).text).toContain(`🛠 Заявка №${id} в работе`);

    await manager.sendIn(staff, "/find +7 999 000-00-00");
    expect((await staff.nextBotMessage()).text).toBe("Заявок с номера +79990000000 нет.");
    await manager.sendIn(staff, "/find кто-нибудь");
    expect((await staff.nextBotMessage()).text).toBe("Укажите телефон: /find +7 928 123-45-67");

    // In a private chat these are not commands of the bot.
    await prospect.send("/requests");
    expect((await prospect.nextBotMessage()).text).toBe(
      "Не понял сообщение. Выберите действие в меню: /menu",
    );
  });

  it("answers /requests, /find and /announce only to members of the staff chat", async () => {
    const prospect = harness.emulator.user({ firstName: "Зарина", languageCode: "ru" });
    const id = await sendRequest(prospect, "+79285551005");
    await cardOf(id);
    staff.skipBotMessages();
    const outsider = harness.emulator.user({ firstName: "Чужой" });
    const former = harness.emulator.user({ firstName: "Бывший" });
    staff.setMemberStatus(former.id, "member");
    staff.setMemberStatus(former.id, "left");
    const requestsOnly = "Заявки видят только участники чата сотрудников.";

    const list = await manager.sendIn(staff, "/requests");
    expect((await staff.nextBotMessage()).text).toContain("+79285551005");
    const find = await manager.sendIn(staff, "/find +7 928 555-10-05");
    expect((await staff.nextBotMessage()).text).toContain(`📝 Заявка №${id} `);
    const announce = await manager.sendIn(staff, "/announce Завтра плановые работы");
    await staff.nextBotMessage();
    await staff.nextBotMessage();
    for (const stranger of [outsider, former]) {
      redeliverAs(harness.emulator, list, { from: stranger.user });
      expect((await staff.nextBotMessage()).text).toBe(requestsOnly);
      redeliverAs(harness.emulator, find, { from: stranger.user });
      expect((await staff.nextBotMessage()).text).toBe(requestsOnly);
      redeliverAs(harness.emulator, announce, { from: stranger.user });
      expect((await staff.nextBotMessage()).text).toBe(
        "Объявления рассылают только участники чата сотрудников.",
      );
    }

    // An anonymous administrator writes as the chat itself: a member.
    redeliverAs(harness.emulator, find, { from: groupAnonymousBot, sender_chat: staff.chat });
    expect((await staff.nextBotMessage()).text).toContain(`📝 Заявка №${id} `);
  });

  it("tells the staff chat once a day of requests left NEW for more than 24 hours", async () => {
    const prospect = harness.emulator.user({ firstName: "Хадижат", languageCode: "ru" });
    const id = await sendRequest(prospect, "+79285551005");
    await cardOf(id);
    const cameAt = new Date(Date.now() - 25 * 60 * 60 * 1000);
    await db().connectionRequest.update({ where: { id }, data: { createdAt: cameAt } });
    staff.skipBotMessages();

    const runDigest = () => jobRunner(harness)("requests-digest");
    expect(await runDigest()).toEqual({ overdue: 1, sent: 1, failed: 0 });
    expect((await staff.nextBotMessage()).text).toBe(
      [
        "⏰ Заявки без движения больше суток (1):",
        `№${id} · с ${formatDateTime(cameAt, harness.config.timeZone)} · Хадижат · +79285551005`,
      ].join("\n"),
    );

    // Again the same day (a restart's catch-up, the operator): nothing more.
    expect(await runDigest()).toEqual({ overdue: 1, sent: 0, failed: 0 });
    await manager.sendIn(staff, "/requests");
    expect((await staff.nextBotMessage()).text).toMatch(/^Открытые заявки/);
  });

  it("keeps /requests and the daily digest within Telegram's limits, however long the requests", async () => {
    const cameAt = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
    const name = `Абдурахманов ${"Ш".repeat(67)}`;
    const address = `ул. ${"Д".repeat(196)}`;
    expect([name.length, address.length]).toEqual([80, 200]);
    const created = await db().connectionRequest.createManyAndReturn({
      data: Array.from({ length: 40 }, (_, index) => ({
        name,
        phone: `+7928666${String(index).padStart(4, "0")}`,
        address,
        preferredTime: "В любое время",
        createdAt: cameAt,
      })),
      select: { id: true },
    });
    staff.skipBotMessages();

    // The 30 oldest open requests, in as many messages as they need.
    const before = staff.messages().length;
    await manager.sendIn(staff, "/requests");
    const shown = created.slice(0, 30).map(({ id }) => `№${id} · `);
    const list = await staff.waitFor(() => {
      const replies = staff
        .messages()
        .slice(before)
        .filter((m) => m.from?.is_bot);
      const text = replies.map((m) => m.text).join("\n");
      return shown.every((line) => text.includes(line)) ? replies : undefined;
    });
    expect(list.length).toBeGreaterThan(1);
    expect(list[0]?.text).toMatch(/^Открытые заявки \(\d+\):/);
    expect(list.at(-1)?.text).toMatch(/…и ещё \d+\.$/);

    // One digest message with as many requests as fit, and how many more there are.
    staff.skipBotMessages();
    const tomorrow = billingDayAt(
      new Date(Date.now() + 24 * 60 * 60 * 1000),
      harness.config.timeZone,
    );
    expect(await jobRunner(harness)("requests-digest", tomorrow)).toMatchObject({
      sent: 1,
      failed: 0,
    });
    const digest = (await staff.nextBotMessage()).text ?? "";
    expect(digest).toMatch(/^⏰ Заявки без движения больше суток \(\d+\):/);
    expect(digest).toContain(`№${created[0]?.id} · `);
    expect(digest).toMatch(/\n…и ещё \d+\.$/);
    expect(digest.length).toBeLessThanOrEqual(4096);
  });
});
