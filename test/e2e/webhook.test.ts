// BOT_MODE=webhook: Telegram (the emulator) posts updates to the bot's own HTTP server with the
// secret header; a request without it is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { freePort } from "../support/free-port.ts";
import { noPostgres } from "../support/require-services.ts";

describe.skipIf(noPostgres)("webhook mode", () => {
  let harness: Harness;
  let url: string;
  const secret = "kaspnet-webhook-secret-0123456789";

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/telegram/webhook`;
    harness = await startHarness({
      env: { BOT_MODE: "webhook", WEBHOOK_URL: url, WEBHOOK_SECRET: secret, PORT: String(port) },
    });
  });
  afterAll(() => harness?.stop());

  it("registers its webhook with the secret and answers /start through it", async () => {
    const registration = harness.emulator.calls.find((call) => call.method === "setWebhook");
    expect(registration?.params).toMatchObject({ url, secret_token: secret });

    const user = harness.emulator.user({ firstName: "Камила", languageCode: "ru" });
    await user.send("/start");
    expect((await user.nextBotMessage()).text).toMatch(/^Здравствуйте, Камила!/);
    expect((await user.nextBotMessage()).text).toContain("Главное меню");
    expect(harness.emulator.calls.some((call) => call.method === "getUpdates")).toBe(false);
  });

  it("refuses a request that does not carry the secret", async () => {
    const forged = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        update_id: 999_999,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: 42, type: "private", first_name: "Mallory" },
          from: { id: 42, is_bot: false, first_name: "Mallory" },
          text: "/start",
        },
      }),
    });
    expect(forged.status).toBe(401);
    expect(harness.emulator.calls.some((call) => call.params.chat_id === 42)).toBe(false);
  });
});
