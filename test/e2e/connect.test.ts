// /connect through the emulator, the prospect's side: a request with a shared contact, one typed
// with bad input at every step, resuming after leaving (and after a restart), a second request
// from the same phone merged into the first.
import type { CallbackQuery } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "../../bot/format.ts";
import type { GroupDriver, UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { inlineButtons } from "../support/sign-in.ts";

describe.skipIf(noPostgres || noRedis)("connection requests: the prospect", () => {
  let harness: Harness;
  let staff: GroupDriver;
  beforeAll(async () => {
    harness = await startHarness({
      redis: true,
      beforeStart(emulator) {
        const manager = emulator.user({ firstName: "Марьям", languageCode: "ru" });
        staff = emulator.group({ title: "Каспнет: заявки", members: [manager] });
        // Telegram allows 20 messages a minute in a group; tests talk faster than staff.
        return { STAFF_CHAT_ID: String(staff.id), TELEGRAM_GROUP_PER_MINUTE: "6000" };
      },
    });
  });
  afterAll(() => harness?.stop());

  const db = () => harness.database.prisma;
  const newUser = (firstName: string, languageCode = "ru") =>
    harness.emulator.user({ firstName, languageCode });
  const next = async (user: UserDriver) => (await user.nextBotMessage()).text ?? "";
  const hintAfter = async (user: UserDriver, act: () => Promise<unknown>) => {
    await act();
    return next(user);
  };
  const callbackAnswer = async (user: UserDriver, press: Promise<CallbackQuery>) =>
    (await user.waitForCallbackAnswer(await press)).text ?? "";

  /** Answers from the tariff question on with buttons: Домашний 100, IPTV, evening, no comment. */
  async function pickTheRest(user: UserDriver) {
    expect(await next(user)).toContain("Какой тариф интересует?");
    await user.press(/^Домашний 100 · 100 Мбит\/с/);
    expect(await next(user)).toContain("Нужно ли цифровое телевидение");
    await user.press("📺 Да, нужно");
    expect(await next(user)).toContain("Когда удобно принять звонок?");
    await user.press("Вечером, 17–20");
    expect(await next(user)).toContain("Хотите что-нибудь добавить?");
    await user.press("Без комментария");
    return user.nextBotMessage();
  }

  it("takes a full request with the shared contact and shows it to staff", async () => {
    const user = newUser("Руслан");
    await user.send("/start");
    await user.nextBotMessage();
    await user.nextBotMessage();
    await user.press("📝 Заявка на подключение");
    expect(await next(user)).toContain("Заявка на подключение к Каспнет");
    expect(await next(user)).toContain("Как к вам обращаться?");
    await user.send("Руслан Алиев");
    expect(await next(user)).toContain("Телефон для связи");
    expect(user.replyKeyboard()?.keyboard.flat()).toEqual([
      expect.objectContaining({ text: "📱 Отправить мой номер", request_contact: true }),
    ]);
    await user.pressKeyboard("📱 Отправить мой номер", { phone: "79285550101" });
    expect(await next(user)).toBe("Телефон для связи: +79285550101.");
    expect(user.replyKeyboard()).toBeUndefined();
    expect(await next(user)).toContain("Адрес подключения (Каспийск)");
    await user.send("ул. Ленина, 10, кв. 5");

    const summary = await pickTheRest(user);
    expect(summary.text).toBe(
      [
        "Проверьте заявку:",
        "Имя: Руслан Алиев",
        "Телефон: +79285550101",
        "Адрес: Каспийск, ул. Ленина, 10, кв. 5",
        "Тариф: Домашний 100",
        "IPTV: да",
        "Когда позвонить: Вечером, 17–20",
        "Комментарий: —",
      ].join("\n"),
    );
    expect(inlineButtons(summary)).toEqual(["✅ Отправить", "✏️ Изменить", "✖️ Отменить заявку"]);
    await user.press("✅ Отправить");
    const sent = await next(user);
    expect(sent).toMatch(/^✅ Заявка №\d+ принята\. Сотрудник позвонит вам \(Вечером, 17–20\)/);

    const request = await db().connectionRequest.findFirstOrThrow({
      where: { phone: "+79285550101" },
    });
    expect(request).toMatchObject({
      name: "Руслан Алиев",
      town: "Каспийск",
      address: "ул. Ленина, 10, кв. 5",
      tariffCode: "home-100",
      iptvWanted: true,
      preferredTime: "Вечером, 17–20",
      comment: null,
      status: "NEW",
      telegramUserId: BigInt(user.id),
    });
    expect(sent).toContain(`№${request.id} `);
    const card = await staff.nextBotMessage();
    expect(card.text).toContain(`📝 Заявка №${request.id}`);
    expect(card.text).toContain("Телефон: +79285550101");
    expect(card.text).toContain("Статус: 🆕 новая");
    expect(inlineButtons(card)).toEqual(["🛠 В работу", "✅ Договор подписан", "❌ Отклонить"]);
    await staff.waitFor(async () =>
      expect(
        (await db().connectionRequest.findUniqueOrThrow({ where: { id: request.id } }))
          .staffMessageId,
      ).toBe(card.message_id),
    );

    await user.send("/connect");
    const status = await user.nextBotMessage();
    expect(status.text).toContain(`№${request.id} от `);
    expect(status.text).toContain("Каспийск, ул. Ленина, 10, кв. 5 — принята, ждёт звонка");
    expect(inlineButtons(status)).toEqual(["📝 Новая заявка"]);
  });

  it("keeps each step on bad input with a short hint, takes a typed phone and another town", async () => {
    const user = newUser("Патимат");
    await user.send("/connect");
    await user.nextBotMessage();
    expect(await next(user)).toContain("Как к вам обращаться?");
    expect(await hintAfter(user, () => user.sendSticker())).toContain("Имя — буквами");
    expect(await hintAfter(user, () => user.send("🙂🙂🙂"))).toContain("Имя — буквами");
    expect(await hintAfter(user, () => user.send("а".repeat(5000)))).toContain("Имя — буквами");
    expect(await hintAfter(user, () => user.send("/menu"))).toContain("Имя — буквами");
    await user.send("  Патимат   Гаджиева ");

    expect(await next(user)).toContain("Телефон для связи");
    expect(await hintAfter(user, () => user.send("12345"))).toContain("Не понял номер");
    const stranger = newUser("Чужой");
    expect(
      await hintAfter(user, () => user.shareContact({ phone: "79280000009", userId: stranger.id })),
    ).toContain("Это контакт другого человека");
    await user.send("8 (928) 555-02-02");
    expect(await next(user)).toBe("Телефон для связи: +79285550202.");

    const addressQuestion = await user.nextBotMessage();
    expect(addressQuestion.text).toContain("Адрес подключения (Каспийск)");
    expect(await hintAfter(user, () => user.send("дом"))).toContain("Напишите улицу и номер дома");
    expect(await hintAfter(user, () => user.send("ул. Ленина 5 🏠"))).toContain("Напишите улицу");
    expect(await hintAfter(user, () => user.sendPhoto())).toContain("Напишите улицу");
    await user.press("🏘 Другой населённый пункт");
    expect(await next(user)).toContain("Напишите название населённого пункта");
    expect(await hintAfter(user, () => user.send("123"))).toContain("Название — буквами");
    await user.send("Махачкала");
    expect(await next(user)).toContain("Есть ли подключение в «Махачкала», сотрудник проверит");
    expect(await next(user)).toContain("Адрес подключения (Махачкала)");
    await user.send("пр. Имама Шамиля, 7");

    const tariffQuestion = await user.nextBotMessage();
    expect(inlineButtons(tariffQuestion)).toEqual([
      `Домашний 50 · 50 Мбит/с · ${formatMoney(450_00)} в месяц`,
      `Домашний 100 · 100 Мбит/с · ${formatMoney(600_00)} в месяц`,
      `Максимум 300 · 300 Мбит/с · ${formatMoney(850_00)} в месяц`,
      `Гига 500 · 500 Мбит/с · ${formatMoney(1100_00)} в месяц`,
      "🤔 Посоветуйте",
    ]);
    expect(await hintAfter(user, () => user.send("Гига"))).toContain("Выберите тариф кнопкой");
    expect(
      await callbackAnswer(user, user.pressData(tariffQuestion, "connect:tariff:iptv-basic")),
    ).toContain("Выберите тариф кнопкой");
    await user.press("🤔 Посоветуйте");

    const iptvQuestion = await user.nextBotMessage();
    expect(await hintAfter(user, () => user.send("да"))).toContain("Ответьте кнопкой");
    expect(
      await callbackAnswer(user, user.pressData(iptvQuestion, "connect:iptv:maybe")),
    ).toContain("Ответьте кнопкой");
    await user.press("Нет, только интернет");

    expect(await next(user)).toContain("Когда удобно принять звонок?");
    expect(await hintAfter(user, () => user.send("x".repeat(101)))).toContain(
      "Напишите, когда позвонить",
    );
    expect(await hintAfter(user, () => user.sendVoice())).toContain("Напишите, когда позвонить");
    await user.send("в субботу после 12");

    expect(await next(user)).toContain("Хотите что-нибудь добавить?");
    expect(await hintAfter(user, () => user.send("к".repeat(5000)))).toContain(
      "Комментарий — текстом",
    );
    await user.send("Частный дом, синие ворота");

    const summary = await user.nextBotMessage();
    expect(summary.text).toContain("Адрес: Махачкала, пр. Имама Шамиля, 7");
    expect(summary.text).toContain("Тариф: посоветовать");
    expect(summary.text).toContain("IPTV: нет");
    expect(await hintAfter(user, () => user.send("отправить"))).toContain(
      "Нажмите кнопку под заявкой",
    );
    await user.press("✏️ Изменить");
    const fields = await user.nextBotMessage();
    expect(inlineButtons(fields)).toEqual([
      "Имя",
      "Телефон",
      "Адрес",
      "Тариф",
      "IPTV",
      "Время звонка",
      "Комментарий",
      "↩️ Назад к заявке",
    ]);
    await user.press("Время звонка");
    expect(await next(user)).toContain("Когда удобно принять звонок?");
    await user.press("В любое время");
    const changed = await user.nextBotMessage();
    expect(changed.text).toContain("Когда позвонить: В любое время");
    expect(changed.text).toContain("Имя: Патимат Гаджиева");
    await user.press("✅ Отправить");
    expect(await next(user)).toMatch(/^✅ Заявка №\d+ принята/);

    expect(
      await db().connectionRequest.findFirstOrThrow({ where: { phone: "+79285550202" } }),
    ).toMatchObject({
      name: "Патимат Гаджиева",
      town: "Махачкала",
      address: "пр. Имама Шамиля, 7",
      tariffCode: null,
      iptvWanted: false,
      preferredTime: "В любое время",
      comment: "Частный дом, синие ворота",
    });
    const card = await staff.waitFor(() =>
      staff.messages().find((message) => message.text?.includes("+79285550202")),
    );
    expect(card.text).toContain("⚠️ Не Каспийск: проверить, есть ли подключение.");
    expect(card.text).toContain("Тариф: посоветовать");
    expect(card.text).toContain("Комментарий: Частный дом, синие ворота");
  });

  it("resumes where the prospect left: after /cancel, after a restart, on /connect mid-way", async () => {
    const user = newUser("Ахмед");
    await user.send("/connect");
    await user.nextBotMessage();
    await user.nextBotMessage();
    await user.send("Ахмед");
    await user.nextBotMessage();
    await user.send("+7 928 555 03 03");
    await user.nextBotMessage();
    await user.nextBotMessage();
    await user.send("/cancel");
    expect(await next(user)).toBe("Действие прервано. Главное меню: /menu");
    await user.send("/balance");
    await user.nextBotMessage();

    await user.send("/connect");
    const offer = await user.nextBotMessage();
    expect(offer.text).toBe("Есть незаконченная заявка: отвечено на 2 из 7 вопросов.");
    expect(inlineButtons(offer)).toEqual(["▶️ Продолжить заявку", "🆕 Начать заново"]);
    await user.press("▶️ Продолжить заявку");
    expect(await next(user)).toBe("Продолжим заявку с того места, где вы остановились.");
    expect(await next(user)).toContain("Адрес подключения (Каспийск)");
    await user.send("ул. Гагарина, 3");
    expect(await next(user)).toContain("Какой тариф интересует?");

    await harness.restart();
    await user.press(/^Максимум 300/);
    expect(await next(user)).toContain("Нужно ли цифровое телевидение");
    await user.send("/connect");
    expect(await next(user)).toBe("Продолжаем заявку.");
    expect(await next(user)).toContain("Нужно ли цифровое телевидение");
    await user.press("Нет, только интернет");
    await user.nextBotMessage();
    await user.send("после обеда");
    await user.nextBotMessage();
    await user.press("Без комментария");
    const summary = await user.nextBotMessage();
    expect(summary.text).toContain(
      "Имя: Ахмед\nТелефон: +79285550303\nАдрес: Каспийск, ул. Гагарина, 3",
    );
    expect(summary.text).toContain("Тариф: Максимум 300");

    await user.press("✖️ Отменить заявку");
    expect(await next(user)).toBe("Заявка отменена. Оставить новую: /connect");
    await user.send("/connect");
    expect(await next(user)).toContain("Заявка на подключение к Каспнет");
    expect(await next(user)).toContain("Как к вам обращаться?");
    expect(await db().connectionRequest.count({ where: { phone: "+79285550303" } })).toBe(0);
  });

  it("merges a second request from the same phone into the open one and gives its number", async () => {
    const first = newUser("Зарема");
    const second = newUser("Zarema", "en");
    async function fill(user: UserDriver, name: string, comment: string) {
      await user.send("/connect");
      await user.nextBotMessage();
      await user.nextBotMessage();
      await user.send(name);
      await user.nextBotMessage();
      await user.send("+79285550404");
      await user.nextBotMessage();
      await user.nextBotMessage();
      await user.send("ул. Ленина, 20");
      await user.nextBotMessage();
      await user.press(/^(Посоветуйте|🤔)/);
      await user.nextBotMessage();
      await user.press(/^📺/);
      await user.nextBotMessage();
      await user.send("10:00");
      await user.nextBotMessage();
      await user.send(comment);
      await user.nextBotMessage();
      await user.press(/^✅/);
      return next(user);
    }
    const created = await fill(first, "Зарема", "Второй этаж");
    const id = Number(/№(\d+)/.exec(created)?.[1]);
    const card = await staff.waitFor(() =>
      staff.messages().find((message) => message.text?.includes(`Заявка №${id} `)),
    );

    const merged = await fill(second, "Zarema Ali", "Call after 10");
    expect(merged).toBe(
      `There is already request No. ${id} from +79285550404 (received, waiting for our call). We added the new details to it — no second request is needed. Its status: /connect`,
    );
    const requests = await db().connectionRequest.findMany({ where: { phone: "+79285550404" } });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      id,
      name: "Zarema Ali",
      comment: "Второй этаж\nCall after 10",
      telegramUserId: BigInt(first.id),
    });
    const note = await staff.waitFor(() =>
      staff.messages().find((message) => message.text?.startsWith("🔁 Повторная заявка")),
    );
    expect(note.text).toBe(
      `🔁 Повторная заявка с номера +79285550404: данные заявки №${id} обновлены.`,
    );
    expect(note.reply_to_message?.message_id).toBe(card.message_id);
    await staff.waitFor(() =>
      expect(staff.messages().find((m) => m.message_id === card.message_id)?.text).toContain(
        "Имя: Zarema Ali",
      ),
    );
  });

  // Tariff codes come from the operator's CSV, which allows capitals: the question must still be
  // asked (its buttons once could not be drawn) and the choice kept.
  it("offers and takes a tariff whose code has capital letters", async () => {
    await db().tariff.create({
      data: { code: "Optika-500", name: "Оптика 500", kind: "INTERNET", monthlyFee: 900_00 },
    });
    const user = newUser("Марат");
    await user.send("/connect");
    expect(await next(user)).toContain("Заявка на подключение к Каспнет");
    expect(await next(user)).toContain("Как к вам обращаться?");
    await user.send("Марат Гасанов");
    expect(await next(user)).toContain("Телефон для связи");
    await user.send("+7 928 555-01-77");
    await next(user);
    expect(await next(user)).toContain("Адрес подключения (Каспийск)");
    await user.send("ул. Ленина, 12");
    expect(await next(user)).toContain("Какой тариф интересует?");
    await user.press(/^Оптика 500/);
    expect(await next(user)).toContain("Нужно ли цифровое телевидение");
  });
});
