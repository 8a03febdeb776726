// /start, /menu, /help, /contacts, /cancel and what the bot says to anything else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentCommands, commands, staffCommands } from "../../bot/commands.ts";
import type { GroupDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres } from "../support/require-services.ts";
import { inlineButtons } from "../support/sign-in.ts";

describe.skipIf(noPostgres)("main menu, help and contacts", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness?.stop());

  it("greets a new user in Russian with the menu of an unlinked user, and remembers them", async () => {
    const alice = harness.emulator.user({ firstName: "Алиса", languageCode: "ru" });
    await alice.send("/start");

    const welcome = await alice.nextBotMessage();
    expect(welcome.text).toMatch(/^Здравствуйте, Алиса! Я бот Каспнет/);
    const menu = await alice.nextBotMessage();
    expect(menu.text).toContain("Главное меню");
    expect(inlineButtons(menu)).toEqual([
      "🔑 Войти в личный кабинет",
      "📝 Заявка на подключение",
      "📶 Тарифы",
      "💬 Поддержка",
      "📍 Контакты и офис",
      "❓ Помощь",
    ]);

    const stored = await harness.database.prisma.telegramUser.findUnique({
      where: { id: BigInt(alice.id) },
    });
    expect(stored).toMatchObject({ firstName: "Алиса", languageCode: "ru", reachable: true });
    expect(stored?.chatId).toBe(BigInt(alice.id));
  });

  it("brings a known user's stored profile up to date on /start (reachable again, names)", async () => {
    const user = harness.emulator.user({
      firstName: "Зарема",
      username: "zarema",
      languageCode: "ru",
    });
    await user.send("/start");
    await user.nextBotMessage();
    await user.nextBotMessage();
    const where = { id: BigInt(user.id) };
    // As stored before the user renamed themselves and while the bot was blocked.
    await harness.database.prisma.telegramUser.update({
      where,
      data: { firstName: "Старое имя", username: null, reachable: false },
    });
    await user.send("/start");
    await user.nextBotMessage();
    await user.nextBotMessage();
    expect(await harness.database.prisma.telegramUser.findUnique({ where })).toMatchObject({
      firstName: "Зарема",
      username: "zarema",
      reachable: true,
    });
  });

  it("speaks English to a user whose Telegram is in English, Russian to other languages", async () => {
    const bob = harness.emulator.user({ firstName: "Bob", languageCode: "en" });
    await bob.send("/start");
    expect((await bob.nextBotMessage()).text).toMatch(/^Hello, Bob! I am the Kaspnet bot/);
    expect(inlineButtons(await bob.nextBotMessage())).toContain("🔑 Sign in");

    const ahmed = harness.emulator.user({ firstName: "Ahmed", languageCode: "tr" });
    await ahmed.send("/menu");
    expect((await ahmed.nextBotMessage()).text).toContain("Главное меню");
  });

  it("shows a linked subscriber the contract and the subscriber menu", async () => {
    const ruslan = harness.emulator.user({ firstName: "Руслан", languageCode: "ru" });
    await ruslan.send("/start");
    await ruslan.nextBotMessage();
    await ruslan.nextBotMessage();
    const account = await harness.database.prisma.account.findUniqueOrThrow({
      where: { login: "10001" },
    });
    await harness.database.prisma.accountLink.create({
      data: { telegramUserId: BigInt(ruslan.id), accountId: account.id, method: "PASSWORD" },
    });

    await ruslan.send("/menu");
    const menu = await ruslan.nextBotMessage();
    expect(menu.text).toContain("Договор 10001: Магомедов Руслан Ахмедович");
    expect(inlineButtons(menu)).toEqual([
      "💰 Баланс",
      "💳 Пополнить картой",
      "🤝 Доверительный платёж",
      "📶 Тарифы",
      "❄️ Заморозка",
      "👤 Профиль",
      "💬 Поддержка",
      "📍 Контакты и офис",
      "❓ Помощь",
    ]);
  });

  it("sends the contacts and the office on the map, from the command and from the menu", async () => {
    const user = harness.emulator.user({ firstName: "Марьям", languageCode: "ru" });
    await user.send("/contacts");
    const contacts = await user.nextBotMessage();
    expect(contacts.text).toContain("8 800 700-54-05");
    expect(contacts.text).toContain("г. Каспийск, ул. Ленина 52а");
    expect(contacts.text).toContain("Наличными можно оплатить только в офисе");
    expect(contacts.entities?.some((entity) => entity.type === "bold")).toBe(true);
    const venue = await user.nextBotMessage();
    expect(venue.venue).toMatchObject({
      title: "Каспнет, офис",
      address: "г. Каспийск, ул. Ленина 52а",
    });
    expect(venue.venue?.location.latitude).toBeCloseTo(42.88, 1);

    await user.send("/menu");
    await user.nextBotMessage();
    await user.press("📍 Контакты и офис");
    expect((await user.nextBotMessage()).text).toContain("ул. Ленина 52а");
    expect((await user.nextBotMessage()).venue).toBeDefined();
  });

  it("explains the bot in /help and switches the language with its button", async () => {
    const user = harness.emulator.user({ firstName: "Зарема", languageCode: "ru" });
    await user.send("/help");
    const help = await user.nextBotMessage();
    for (const command of commands.filter((c) => c !== "start")) {
      expect(help.text).toContain(`/${command}`);
    }

    const query = await user.press("🌐 English");
    await user.waitFor(() =>
      harness.emulator.calls.find(
        (call) =>
          call.method === "answerCallbackQuery" && call.params.callback_query_id === query.id,
      ),
    );
    const edited = await user.waitFor(() => {
      const current = user.messages().find((message) => message.message_id === help.message_id);
      return current?.text?.startsWith("I am the Kaspnet bot") ? current : undefined;
    });
    expect(inlineButtons(edited)).toEqual(["🌐 Русский"]);

    await user.send("/menu");
    expect((await user.nextBotMessage()).text).toContain("Main menu");
  });

  it("answers anything it does not expect with a pointer to the menu, in the user's language", async () => {
    const user = harness.emulator.user({ firstName: "Ислам", languageCode: "ru" });
    await user.send("привет");
    expect((await user.nextBotMessage()).text).toContain("Не понял сообщение");
    await user.send("🙂".repeat(2000));
    expect((await user.nextBotMessage()).text).toContain("Не понял сообщение");
    await user.sendPhoto({ caption: "что это?" });
    expect((await user.nextBotMessage()).text).toContain("Не понял сообщение");
    await user.send("/cancel");
    expect((await user.nextBotMessage()).text).toContain("Сейчас нечего прерывать");
  });

  it("answers a forged or stale button briefly and changes nothing", async () => {
    const user = harness.emulator.user({ firstName: "Рустам", languageCode: "ru" });
    await user.send("/help");
    const help = await user.nextBotMessage();
    for (const data of ["language:de", "menu:admin", "x".repeat(64)]) {
      const query = await user.pressData(help, data);
      const answer = await harness.emulator.waitForCall(
        "answerCallbackQuery",
        (call) => call.params.callback_query_id === query.id,
      );
      expect(answer.params.text).toBe("Эта кнопка устарела. Откройте меню заново: /menu");
    }
    await user.send("/menu");
    expect((await user.nextBotMessage()).text).toContain("Главное меню");
  });

  it("registers the command menu in Russian and in English", () => {
    const registrations = harness.emulator.calls.filter((call) => call.method === "setMyCommands");
    const byLanguage = new Map(
      registrations.map((call) => [call.params.language_code ?? "default", call.params.commands]),
    );
    expect([...byLanguage.keys()].sort()).toEqual(["default", "en", "ru"]);
    const ru = byLanguage.get("ru") as { command: string; description: string }[];
    const en = byLanguage.get("en") as { command: string; description: string }[];
    expect(ru.map((c) => c.command)).toEqual([...commands]);
    expect(ru.find((c) => c.command === "contacts")?.description).toBe("Телефон и адрес офиса");
    expect(en.find((c) => c.command === "contacts")?.description).toBe("Office phone and address");
  });

  it("stays quiet in group chats", async () => {
    const user = harness.emulator.user({ firstName: "Агент", languageCode: "ru" });
    const group = harness.emulator.group({ title: "Сотрудники", members: [user] });
    await user.sendIn(group, "/start");
    await user.sendIn(group, "/contacts");
    await user.send("/help");
    await user.nextBotMessage();
    expect(group.messages()).toEqual([]);
  });
});

describe.skipIf(noPostgres)("the command menus of the agents' group and the staff chat", () => {
  let harness: Harness;
  let support: GroupDriver;
  let staff: GroupDriver;
  beforeAll(async () => {
    harness = await startHarness({
      beforeStart(emulator) {
        const agent = emulator.user({ firstName: "Агент", languageCode: "ru" });
        support = emulator.group({ title: "Поддержка", supergroup: true, members: [agent] });
        staff = emulator.group({ title: "Сотрудники", supergroup: true, members: [agent] });
        return { SUPPORT_CHAT_ID: String(support.id), STAFF_CHAT_ID: String(staff.id) };
      },
    });
  });
  afterAll(() => harness?.stop());

  const menuOf = async (chatId: number, language_code?: "ru" | "en") =>
    harness.app.bot.api.getMyCommands({
      scope: { type: "chat", chat_id: chatId },
      ...(language_code ? { language_code } : {}),
    });

  it("shows the agents' commands in the support group and the staff's in the staff chat, in Russian and English", async () => {
    for (const language of [undefined, "ru", "en"] as const) {
      expect((await menuOf(support.id, language)).map((c) => c.command)).toEqual([
        ...agentCommands,
      ]);
      expect((await menuOf(staff.id, language)).map((c) => c.command)).toEqual([...staffCommands]);
    }
    const describeIn = async (chatId: number, language: "ru" | "en", command: string) =>
      (await menuOf(chatId, language)).find((c) => c.command === command)?.description;
    expect(await describeIn(support.id, "ru", "close")).toBe("Закрыть обращение этой темы");
    expect(await describeIn(support.id, "en", "close")).toBe("Close this topic's ticket");
    expect(await describeIn(staff.id, "ru", "find")).toBe("Найти заявку по телефону");
    expect(await describeIn(staff.id, "en", "find")).toBe("Find a request by phone");
  });

  it("leaves the subscribers' menu in private chats as it was", async () => {
    const private_ = { scope: { type: "all_private_chats" } } as const;
    const api = harness.app.bot.api;
    expect((await api.getMyCommands(private_)).map((c) => c.command)).toEqual([...commands]);
    expect(
      (await api.getMyCommands({ ...private_, language_code: "en" })).map((c) => c.command),
    ).toEqual([...commands]);
    const subscriber = harness.emulator.user({ firstName: "Алиса", languageCode: "en" });
    expect(subscriber.commands().find((c) => c.command === "contacts")?.description).toBe(
      "Office phone and address",
    );
  });
});
