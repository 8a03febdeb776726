// Reminders and announcements through the emulator, from the real bot: the low-balance reminder
// once a day to each linked user in their language, its buttons (for that contract, whichever is
// active; "do not remind"), Telegram's 429 waited out and 403 marking the user unreachable; the
// staff chat's /announce with a preview, members only, and the report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage, GroupDriver, UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { jobRunner } from "../support/jobs.ts";
import { noPostgres } from "../support/require-services.ts";
import { inlineButtons, signedIn } from "../support/sign-in.ts";

const nbsp = "\u00a0";

describe.skipIf(noPostgres)("reminders and announcements", () => {
  let harness: Harness;
  let staff: GroupDriver;
  let manager: UserDriver;
  beforeAll(async () => {
    harness = await startHarness({
      beforeStart(emulator) {
        manager = emulator.user({ firstName: "Марьям", username: "maryam_kaspnet" });
        staff = emulator.group({
          title: "Каспнет: сотрудники",
          supergroup: true,
          members: [manager],
        });
        return { STAFF_CHAT_ID: String(staff.id), TELEGRAM_GROUP_PER_MINUTE: "6000" };
      },
    });
  });
  afterAll(() => harness?.stop());

  const db = () => harness.database.prisma;
  const account = (login: string) => db().account.findUniqueOrThrow({ where: { login } });
  const runJob = (name: "low-balance-reminders" | "deliver-notifications", day?: string) =>
    jobRunner(harness)(name, day);
  const answerOf = async (user: UserDriver, press: Promise<unknown>) =>
    (await user.waitForCallbackAnswer((await press) as never)).text ?? "";

  let sergey: UserDriver;
  let sergeyEn: UserDriver;
  let reminder: ChatMessage;

  it("reminds each user linked to a contract that runs out, once a day, in their language", async () => {
    sergey = harness.emulator.user({ firstName: "Сергей", languageCode: "ru" });
    sergeyEn = harness.emulator.user({ firstName: "Sergey", languageCode: "en" });
    const ruslan = harness.emulator.user({ firstName: "Руслан", languageCode: "ru" });
    await signedIn(sergey, "10003");
    await signedIn(sergeyEn, "10003");
    await signedIn(ruslan, "10001");

    expect(await runJob("low-balance-reminders")).toMatchObject({
      checked: 2,
      due: 1,
      queued: 2,
      sent: 2,
      failed: 0,
    });
    expect(await runJob("low-balance-reminders")).toMatchObject({ due: 1, queued: 0, sent: 0 });

    reminder = await sergey.nextBotMessage();
    expect(reminder.text).toMatch(
      new RegExp(
        `^⚠️ Договор 10003: на балансе 40,00${nbsp}₽, списание в день — \\d+,\\d\\d${nbsp}₽\\.\\nДенег хватит на \\d+ дн(я|ей|ь): \\d\\d\\.\\d\\d\\.\\d{4} интернет отключится, если не пополнить баланс\\.`,
      ),
    );
    expect(inlineButtons(reminder)).toEqual([
      "💳 Пополнить картой",
      "🤝 Доверительный платёж",
      "🔕 Не напоминать",
    ]);
    const english = await sergeyEn.nextBotMessage();
    expect(english.text).toMatch(/^⚠️ Contract 10003: the balance is 40,00/);
    expect(inlineButtons(english)).toEqual([
      "💳 Top up by card",
      "🤝 Trust payment",
      "🔕 Stop reminding",
    ]);
    await ruslan.send("/menu");
    expect((await ruslan.nextBotMessage()).text).toContain("Главное меню");
    expect(ruslan.messages().some((message) => message.text?.startsWith("⚠️"))).toBe(false);
    expect(sergey.messages().filter((message) => message.text?.startsWith("⚠️"))).toHaveLength(1);
  });

  it("acts on the reminder's contract from its buttons, whichever contract is active", async () => {
    await signedIn(sergey, "10001");
    expect(
      (await db().telegramUser.findUniqueOrThrow({ where: { id: BigInt(sergey.id) } }))
        .activeAccountId,
    ).toBe((await account("10001")).id);
    expect(
      await answerOf(sergey, sergey.press("🤝 Доверительный платёж", { message: reminder })),
    ).toBe("Договор 10003");
    expect((await sergey.nextBotMessage()).text).toContain("10003");
    expect(
      (await db().telegramUser.findUniqueOrThrow({ where: { id: BigInt(sergey.id) } }))
        .activeAccountId,
    ).toBe((await account("10003")).id);

    // Someone else's contract in forged data: nothing happens.
    const stranger = await account("10004");
    expect(
      await answerOf(sergey, sergey.pressData(reminder, `notice:topup:${stranger.id}`)),
    ).toMatch(/устарел|не действует|outdated/i);
    expect(
      await answerOf(sergey, sergey.pressData(reminder, `notice:reminders-off:${stranger.id}`)),
    ).toMatch(/устарел|не действует|outdated/i);
    expect((await account("10004")).remindersEnabled).toBe(true);

    await sergey.press("🔕 Не напоминать", { message: reminder });
    expect((await sergey.nextBotMessage()).text).toBe(
      "Напоминания о балансе по договору 10003 выключены. Включить их снова можно в /profile.",
    );
    expect((await account("10003")).remindersEnabled).toBe(false);
    expect(await runJob("low-balance-reminders", "2099-01-01")).toMatchObject({ due: 0, sent: 0 });
  });

  it("waits out Telegram's 429 and sends once; a user who blocked the bot is marked and skipped", async () => {
    await db().account.update({ where: { login: "10003" }, data: { remindersEnabled: true } });
    harness.emulator.faults.rateLimit({
      method: "sendMessage",
      chatId: sergey.id,
      retryAfter: 1,
      times: 1,
    });
    harness.emulator.blockBot(sergeyEn.id);
    const reachable = async () =>
      (await db().telegramUser.findUniqueOrThrow({ where: { id: BigInt(sergeyEn.id) } })).reachable;
    await sergeyEn.waitFor(async () => ((await reachable()) ? undefined : true));
    // As if the my_chat_member update that told of it had been missed: the send finds out.
    await db().telegramUser.update({
      where: { id: BigInt(sergeyEn.id) },
      data: { reachable: true },
    });
    const day = "2099-01-02";
    expect(await runJob("low-balance-reminders", day)).toMatchObject({
      queued: 2,
      sent: 1,
      failed: 1,
      left: 0,
    });
    const calls = harness.emulator.calls.filter(
      (call) => call.method === "sendMessage" && call.params.chat_id === sergey.id,
    );
    expect(calls.slice(-2).map((call) => call.response?.ok)).toEqual([false, true]);
    expect((await sergey.nextBotMessage()).text).toMatch(/^⚠️ Договор 10003/);
    expect(
      (await db().telegramUser.findUniqueOrThrow({ where: { id: BigInt(sergeyEn.id) } })).reachable,
    ).toBe(false);
    expect(
      await db().notification.findFirstOrThrow({
        where: { telegramUserId: BigInt(sergeyEn.id), day: new Date(`${day}T00:00:00Z`) },
      }),
    ).toMatchObject({
      status: "FAILED",
      error: "the user blocked the bot",
    });
    expect(await runJob("low-balance-reminders", "2099-01-03")).toMatchObject({
      queued: 1,
      sent: 1,
    });
    expect((await sergey.nextBotMessage()).text).toMatch(/^⚠️ Договор 10003/);
    harness.emulator.unblockBot(sergeyEn.id);
  });

  it("sends the staff chat's announcement to those with news on, after a preview; members only", async () => {
    await db().account.update({ where: { login: "10003" }, data: { newsOptIn: true } });
    await sergeyEn.waitFor(async () =>
      (await db().telegramUser.findUniqueOrThrow({ where: { id: BigInt(sergeyEn.id) } })).reachable
        ? true
        : undefined,
    );
    const outsider = harness.emulator.user({ firstName: "Посторонний" });
    await manager.sendIn(staff, "/announce");
    expect((await staff.nextBotMessage()).text).toMatch(/^Напишите текст после команды/);
    const text = "4 декабря с 2:00 до 4:00 — плановые работы на сети, интернет может прерываться.";
    await manager.sendIn(staff, `/announce ${text}`);
    expect((await staff.nextBotMessage()).text).toBe(text);
    const control = await staff.nextBotMessage();
    expect(control.text).toMatch(
      /^📣 Объявление №\d+ — выше, так его увидят абоненты\.\nПолучат: с подпиской на новости — 2, все абоненты — 3\.$/,
    );
    expect(inlineButtons(control)).toEqual([
      "📣 Подписчикам новостей (2)",
      "📣 Всем абонентам (3)",
      "✖️ Отмена",
    ]);

    const refused = await outsider.press("📣 Всем абонентам (3)", { message: control });
    expect((await outsider.waitForCallbackAnswer(refused)).text).toBe(
      "Объявления рассылают только участники чата сотрудников.",
    );
    await manager.press("📣 Подписчикам новостей (2)", { message: control });
    // 10003 has news on: both its users are reachable again.
    expect((await sergey.nextBotMessage()).text).toBe(text);
    expect((await sergeyEn.nextBotMessage()).text).toBe(text);
    const done = await staff.waitFor(() => {
      const shown = staff.messages().find((message) => message.message_id === control.message_id);
      return shown?.text?.startsWith("✅") ? shown : undefined;
    });
    expect(done.text).toMatch(
      /^✅ Объявление №\d+ разослано подписчикам новостей \(Марьям \(@maryam_kaspnet\)\)\.\nОтправлено 2 из 2, не доставлено 0\.$/,
    );
    expect(
      harness.emulator.calls.filter(
        (call) => call.method === "sendMessage" && call.params.text === text,
      ),
    ).toHaveLength(3);
  });

  it("logged no failure on the way but the scripted ones", () => {
    const failures = harness.logs
      .entries()
      .filter((entry) => Number(entry.level) >= 40)
      .filter((entry) => entry.msg !== "notification not delivered");
    expect(failures).toEqual([]);
  });
});
