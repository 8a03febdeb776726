// A password typed for a step the bot no longer remembers (its conversation state lost with
// Redis): recognised by the prompt it replies to, or as the first text after the prompt unless the
// user moved on (a command or a button) in between; deleted, never relayed to the agents, never
// checked or logged; the user is told the step expired.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPassword } from "../../prisma/seed.ts";
import type { ChatMessage, GroupDriver, UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { signedIn } from "../support/sign-in.ts";
import { openTicketThroughBot } from "../support/support-desk.ts";

const expired = {
  ru: (command: string) =>
    `Этот шаг устарел: я его больше не помню. Сообщение я удалил и нигде не сохранил. Начните заново: ${command}`,
  en: (command: string) =>
    `This step has expired: I no longer remember it. I deleted the message and kept it nowhere. Start again: ${command}`,
};

describe.skipIf(noPostgres || noRedis)("a password for a step the bot lost", () => {
  let harness: Harness;
  let group: GroupDriver;
  beforeAll(async () => {
    harness = await startHarness({
      redis: true,
      env: { TELEGRAM_GROUP_PER_MINUTE: "1000" },
      beforeStart: (emulator) => {
        group = emulator.group({ title: "Каспнет · поддержка", forum: true });
        return { SUPPORT_CHAT_ID: String(group.id) };
      },
    });
    const agent = harness.emulator.user({ firstName: "Марина", languageCode: "ru" });
    group.setMemberStatus(agent.id, "administrator");
  });
  afterAll(() => harness?.stop());

  /**
   * Redis restarted: every session and conversation gone. The bot is restarted first, which
   * waits for the updates in flight, so no state is written after the flush.
   */
  async function loseState() {
    await harness.restart();
    const redis = new Redis(harness.config.redisUrl ?? "");
    try {
      await redis.flushdb();
    } finally {
      redis.disconnect();
    }
  }

  const attempts = (user: UserDriver) =>
    harness.database.prisma.loginAttempt.count({ where: { telegramUserId: BigInt(user.id) } });

  /** Replies to the prompt with the secret after the state is lost, and checks where it went. */
  async function answerLostPrompt(
    user: UserDriver,
    prompt: ChatMessage,
    secret: string,
    expectedText: string,
    { asReply = true } = {},
  ) {
    const triesBefore = await attempts(user);
    await loseState();
    const sent = asReply ? await user.replyTo(prompt, secret) : await user.send(secret);
    expect((await user.nextBotMessage()).text).toBe(expectedText);
    await user.waitFor(() => user.history().find((m) => m.message_id === sent.message_id)?.deleted);
    expect(group.history().some((message) => (message.text ?? "").includes(secret))).toBe(false);
    expect(harness.logs.lines.some((line) => line.includes(secret))).toBe(false);
    expect(await attempts(user)).toBe(triesBefore);
    // Telegram clients answer a ForceReply prompt with a reply to it: that is how it is recognised.
    expect(sentMarkup(prompt)).toMatchObject({ force_reply: true, input_field_placeholder: /./ });
  }

  /** The reply_markup the bot sent a message with (a Message shows only inline keyboards). */
  function sentMarkup(message: ChatMessage): unknown {
    const call = harness.emulator.calls.find(
      (candidate) =>
        candidate.method === "sendMessage" &&
        candidate.response?.ok === true &&
        (candidate.response.result as { message_id?: number }).message_id === message.message_id &&
        candidate.params.chat_id?.toString() === message.chat.id.toString(),
    );
    const markup = call?.params.reply_markup;
    return typeof markup === "string" ? JSON.parse(markup) : markup;
  }

  async function loginPrompt(user: UserDriver, login: string) {
    await user.send("/login");
    await user.nextBotMessage();
    await user.send(login);
    const prompt = await user.nextBotMessage();
    expect(prompt.text).toMatch(/введите пароль|enter the password/);
    return prompt;
  }

  it("/login with an open support ticket: the password is deleted and never reaches the agents", async () => {
    const user = harness.emulator.user({ firstName: "Тикет", languageCode: "ru" });
    await openTicketThroughBot(group, user);
    const prompt = await loginPrompt(user, "10001");
    await answerLostPrompt(user, prompt, demoPassword, expired.ru("/login"));
  });

  it("/login without a ticket, in English", async () => {
    const user = harness.emulator.user({ firstName: "Lost", languageCode: "en" });
    const prompt = await loginPrompt(user, "10002");
    await answerLostPrompt(user, prompt, "my-secret-password-1", expired.en("/login"));
  });

  it("sign out everywhere, with an open ticket", async () => {
    const user = harness.emulator.user({ firstName: "Выход", languageCode: "ru" });
    await signedIn(user, "10003");
    await openTicketThroughBot(group, user);
    await user.send("/logout");
    await user.nextBotMessage();
    await user.press(/Выйти везде|на всех устройствах/);
    const prompt = await user.nextBotMessage();
    expect(prompt.text).toContain("введите пароль договора");
    await answerLostPrompt(user, prompt, demoPassword, expired.ru("/logout"));
  });

  it("password change: the current password and the new one", async () => {
    const user = harness.emulator.user({ firstName: "Смена", languageCode: "ru" });
    const menu = await signedIn(user, "10004");
    await user.pressData(menu, "password:change");
    const current = await user.nextBotMessage();
    expect(current.text).toContain("Смена пароля договора 10004");
    await answerLostPrompt(user, current, demoPassword, expired.ru("/profile"));

    await user.pressData(menu, "password:change");
    await user.nextBotMessage();
    await user.send(demoPassword);
    const fresh = await user.nextBotMessage();
    expect(fresh.text).toContain("Придумайте новый пароль");
    await answerLostPrompt(user, fresh, "Novyi-parol-9", expired.ru("/profile"));
  });

  it("password recovery: the mailed code", async () => {
    const user = harness.emulator.user({ firstName: "Код", languageCode: "ru" });
    await loginPrompt(user, "10001");
    await user.send("forgotten-one");
    await user.nextBotMessage();
    await user.press("Забыли пароль?");
    await user.nextBotMessage();
    await user.send("10001");
    const prompt = await user.nextBotMessage();
    expect(prompt.text).toContain("Код отправлен на");
    const code = await user.waitFor(() => harness.smtp.lastCodeFor("ruslan.demo@example.ru"));
    await answerLostPrompt(user, prompt, code, expired.ru("/login"));
  });

  it("a password sent without the reply (a client that drops it) is still deleted, once", async () => {
    const user = harness.emulator.user({ firstName: "Безответ", languageCode: "ru" });
    await openTicketThroughBot(group, user);
    const prompt = await loginPrompt(user, "10005");
    await answerLostPrompt(user, prompt, demoPassword, expired.ru("/login"), { asReply: false });
    // Only the first message after the lost prompt: the next one goes to the ticket as usual.
    await user.send("Здравствуйте, вопрос по тарифу");
    await group.waitFor(() =>
      group.history().find((message) => message.text?.includes("вопрос по тарифу")),
    );
  });

  /** The text goes to the open ticket as any text does, and stays in the chat. */
  async function handledAsUsual(user: UserDriver, text: string) {
    const sent = await user.send(text);
    await group.waitFor(() => group.history().find((message) => message.text?.includes(text)));
    expect(user.history().find((m) => m.message_id === sent.message_id)?.deleted).toBeFalsy();
    expect(user.messages().some((m) => m.text === expired.ru("/login"))).toBe(false);
  }

  it("a command after the lost prompt: the user moved on, the next text is no password", async () => {
    const user = harness.emulator.user({ firstName: "Баланс", languageCode: "ru" });
    await openTicketThroughBot(group, user);
    await loginPrompt(user, "10005");
    await loseState();
    await user.send("/balance");
    expect((await user.nextBotMessage()).text).not.toBe(expired.ru("/login"));
    await handledAsUsual(user, "А когда придёт мастер?");
  });

  it("a button after the lost prompt: the user moved on, the next text is no password", async () => {
    const user = harness.emulator.user({ firstName: "Кнопка", languageCode: "ru" });
    await user.send("/start");
    await user.nextBotMessage();
    const menu = await user.nextBotMessage();
    await openTicketThroughBot(group, user);
    await loginPrompt(user, "10005");
    await loseState();
    await user.press("📍 Контакты и офис", { message: menu });
    expect((await user.nextBotMessage()).text).toContain("8 800 700-54-05");
    await handledAsUsual(user, "Спасибо, а по субботам открыто?");
  });

  it("a command the live password step turned down is no moving on: the password is deleted", async () => {
    const user = harness.emulator.user({ firstName: "Шаг", languageCode: "ru" });
    await openTicketThroughBot(group, user);
    const prompt = await loginPrompt(user, "10005");
    await user.send("/balance");
    expect((await user.nextBotMessage()).text).toMatch(/пароль/);
    await answerLostPrompt(user, prompt, demoPassword, expired.ru("/login"), { asReply: false });
  });
});
