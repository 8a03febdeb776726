// The stop's cut of Bot API calls (bot/api-shutdown.ts), against the emulator with the bot's own
// limits: what was on the wire may have arrived, what waited (a 429's retry_after, the throttler's
// queue) was not sent, nothing goes after the cut but getUpdates.
import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiShutdown, CallCutError, refuseIfCut } from "../../bot/api-shutdown.ts";
import { applyTelegramLimits } from "../../bot/telegram-limits.ts";
import { loadConfig } from "../../core/config.ts";
import { BotApiEmulator, type UserDriver } from "../emulator/index.ts";

let emulator: BotApiEmulator;
let api: Api;
let shutdown: ApiShutdown;
let user: UserDriver;
let limited: Promise<void>;

beforeEach(async () => {
  emulator = await BotApiEmulator.start();
  api = new Api(emulator.token, { apiRoot: emulator.apiRoot });
  shutdown = new ApiShutdown();
  // Resolves once the client has Telegram's 429: auto-retry is about to wait it out.
  limited = new Promise((resolve) => {
    api.config.use(refuseIfCut, async (prev, method, payload, signal) => {
      const response = await prev(method, payload, signal);
      if (!response.ok && response.error_code === 429) resolve();
      return response;
    });
  });
  const { telegramLimits } = loadConfig({ BOT_TOKEN: emulator.token });
  applyTelegramLimits(api, telegramLimits);
  api.config.use(shutdown.transformer);
  user = emulator.user({ firstName: "Абонент", hasStartedBot: true });
});
afterEach(() => emulator.stop());

const cutError = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("the call was not cut");
    },
    (error: unknown) => error,
  );

describe("cutting the Bot API calls on stop", () => {
  it("says a send cut on the wire may have arrived", async () => {
    const hold = emulator.faults.hold({ method: "sendMessage", chatId: user.id });
    const sending = cutError(api.sendMessage(user.id, "уведомление"));
    await hold.reached;
    shutdown.cut();
    const error = await sending;
    expect(error).toBeInstanceOf(CallCutError);
    expect(error).toMatchObject({ method: "sendMessage", mayHaveArrived: true });
    expect((await user.nextBotMessage()).text).toBe("уведомление");
    hold.release();
  });

  it("says a send waiting out a 429 was not sent, and it is not", async () => {
    emulator.faults.rateLimit({ method: "sendMessage", chatId: user.id, retryAfter: 50 });
    const sending = cutError(api.sendMessage(user.id, "после паузы"));
    await limited;
    shutdown.cut();
    expect(await sending).toMatchObject({ name: "CallCutError", mayHaveArrived: false });
    expect(emulator.calls.filter((call) => call.method === "sendMessage")).toHaveLength(1);
  });

  it("says a send queued behind another in the chat was not sent", async () => {
    const hold = emulator.faults.hold({ method: "sendMessage", chatId: user.id });
    const first = cutError(api.sendMessage(user.id, "первое"));
    const second = cutError(api.sendMessage(user.id, "второе"));
    await hold.reached;
    shutdown.cut();
    expect(await first).toMatchObject({ mayHaveArrived: true });
    expect(await second).toMatchObject({ mayHaveArrived: false });
    hold.release();
    expect(user.messages().map((message) => message.text)).toEqual(["первое"]);
  });

  it("refuses any call after the cut but getUpdates", async () => {
    shutdown.cut();
    expect(await cutError(api.sendMessage(user.id, "поздно"))).toMatchObject({
      mayHaveArrived: false,
    });
    expect(await api.getUpdates({ timeout: 0 })).toEqual([]);
    expect(emulator.calls.map((call) => call.method)).toEqual(["getUpdates"]);
  });
});
