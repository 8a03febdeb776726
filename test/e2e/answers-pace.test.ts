// Answers are not broadcasts: the bot's answers to a user go out at once, past the queue that
// paces what it sends on its own, and a 429 on an answer is still waited out in the chat's order.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { useHarness } from "../support/bot-harness.ts";
import { noPostgres } from "../support/require-services.ts";

describe.skipIf(noPostgres)("answers and the broadcast pace", () => {
  // Two messages a second overall: a broadcast of a few messages is still queued for seconds.
  const harness = useHarness({ env: { TELEGRAM_GLOBAL_PER_SECOND: "2" } });

  it("waits out a 429 on an answer, and the chat's later answers come after it, in order", async () => {
    const user = harness.emulator.user({ firstName: "Салман", languageCode: "ru" });
    harness.emulator.faults.rateLimit({
      method: "sendMessage",
      chatId: user.id,
      retryAfter: 1,
      times: 1,
    });
    await user.send("/help");
    await user.send("/start");
    await user.send("/help");

    // /start answers with the greeting and the menu.
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await user.nextBotMessage()).text);
    expect(answers[0]).toMatch(/^Я бот Каспнет/);
    expect(answers[1]).toMatch(/^Здравствуйте, Салман!/);
    expect(answers[2]).toMatch(/^Главное меню/);
    expect(answers[3]).toBe(answers[0]);
    const sends = harness.emulator.calls.filter(
      (call) => call.method === "sendMessage" && Number(call.params.chat_id) === user.id,
    );
    expect(sends[0]?.response).toMatchObject({ ok: false, error_code: 429 });
    expect(sends.slice(1).every((call) => call.response?.ok)).toBe(true);
  });

  it("answers a user while what the bot sends on its own still waits for its turn", async () => {
    const recipients = Array.from({ length: 8 }, (_, i) =>
      harness.emulator.user({ firstName: `Абонент ${i}`, languageCode: "ru", hasStartedBot: true }),
    );
    // As the outbox sends (bot.api, outside any update): paced at two a second, about 4 s in all.
    const broadcast = Promise.all(
      recipients.map((recipient) => harness.app.bot.api.sendMessage(recipient.id, "Новость")),
    );
    const user = harness.emulator.user({ firstName: "Хава", languageCode: "ru" });
    await user.send("/help");
    expect((await user.nextBotMessage()).text).toMatch(/^Я бот Каспнет/);
    const delivered = () => recipients.filter((recipient) => recipient.lastBotMessage()).length;
    // The answer did not queue behind the broadcast: most of it is still waiting.
    expect(delivered()).toBeLessThan(recipients.length);
    await broadcast;
    expect(delivered()).toBe(recipients.length);
  });
});

describe.skipIf(noPostgres)("answers and a broadcast within Telegram's overall limit", () => {
  // Telegram takes 13 a second overall here; the bot paces what it sends on its own at 10.
  const harness = useHarness({ env: { TELEGRAM_GLOBAL_PER_SECOND: "10" } });

  it("takes what answers send from the broadcast's share, so neither meets a 429", async () => {
    harness.emulator.enforceRateLimits({
      globalPerSecond: 13,
      perChatPerSecond: 100,
      perChatBurst: 100,
    });
    const recipients = Array.from({ length: 60 }, (_, i) =>
      harness.emulator.user({ firstName: `Абонент ${i}`, languageCode: "ru", hasStartedBot: true }),
    );
    const broadcast = Promise.all(
      recipients.map((recipient) => harness.app.bot.api.sendMessage(recipient.id, "Новость")),
    );
    const user = harness.emulator.user({ firstName: "Хава", languageCode: "ru" });
    // A person asking while the broadcast goes: about eight answers a second on top of it, for 4 s.
    for (let i = 0; i < 32; i++) {
      await user.send("/help");
      await sleep(125);
    }
    await broadcast;
    await user.waitFor(() => user.messages().length === 32);
    const refused = harness.emulator.calls.filter(
      (call) => call.response?.ok === false && call.response.error_code === 429,
    );
    expect(refused).toEqual([]);
    expect(recipients.every((recipient) => recipient.lastBotMessage()?.text === "Новость")).toBe(
      true,
    );
  });
});
