import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, HttpError } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { UserDriver } from "./driver/user-driver.ts";
import { BotApiEmulator } from "./emulator.ts";
import { callApi } from "./raw-api.ts";

let emu: BotApiEmulator;
let alice: UserDriver;

beforeEach(async () => {
  emu = await BotApiEmulator.start();
  alice = emu.user();
  await alice.send("/start");
});

afterEach(async () => {
  await emu.stop();
});

const send = (chatId: number, text = "x") => callApi(emu, "sendMessage", { chat_id: chatId, text });

describe("scripted faults", () => {
  it("rateLimit answers 429 with retry_after for the matching calls only", async () => {
    const bob = emu.user();
    await bob.send("hi");
    emu.faults.rateLimit({ method: "sendMessage", chatId: alice.id, retryAfter: 7, times: 2 });
    expect((await send(bob.id)).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      expect(await send(alice.id)).toEqual({
        status: 429,
        body: {
          ok: false,
          error_code: 429,
          description: "Too Many Requests: retry after 7",
          parameters: { retry_after: 7 },
        },
      });
    }
    expect((await send(alice.id)).status).toBe(200);
    expect(alice.messages()).toHaveLength(1);
  });

  it("serverError answers 500 or 502", async () => {
    emu.faults.serverError({ method: "getMe" }).serverError({ method: "getMe", status: 502 });
    expect((await callApi(emu, "getMe")).body).toEqual({
      ok: false,
      error_code: 500,
      description: "Internal Server Error",
    });
    expect((await callApi(emu, "getMe")).status).toBe(502);
    expect((await callApi(emu, "getMe")).status).toBe(200);
  });

  it("dropConnection destroys the socket without an answer", async () => {
    emu.faults.dropConnection({ method: "sendMessage" });
    await expect(send(alice.id)).rejects.toThrow(/fetch failed/);
    expect(emu.calls.at(-1)).toMatchObject({ method: "sendMessage", response: null });
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    emu.faults.dropConnection({ method: "sendMessage" });
    await expect(bot.api.sendMessage(alice.id, "x")).rejects.toBeInstanceOf(HttpError);
  });

  it("auto-retry gets a message through a rate limit", async () => {
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    bot.api.config.use(autoRetry());
    emu.faults.rateLimit({ method: "sendMessage", retryAfter: 1 });
    await bot.api.sendMessage(alice.id, "Ваш баланс пополнен");
    expect(emu.calls.filter((c) => c.method === "sendMessage").map((c) => c.response?.ok)).toEqual([
      false,
      true,
    ]);
    expect(alice.lastBotMessage()?.text).toBe("Ваш баланс пополнен");
  });

  it("hold runs the call but answers it only once released", async () => {
    const bob = emu.user();
    await bob.send("hi");
    const hold = emu.faults.hold({ method: "sendMessage", chatId: alice.id });
    let answered = false;
    const held = send(alice.id, "Оплата получена").then((result) => {
      answered = true;
      return result;
    });
    await hold.reached;
    expect(alice.lastBotMessage()?.text).toBe("Оплата получена");
    expect((await send(bob.id)).status).toBe(200);
    expect(answered).toBe(false);
    const logged = () => emu.calls.filter((call) => call.params.text === "Оплата получена");
    expect(logged()).toEqual([]);
    hold.release();
    expect((await held).body).toMatchObject({ ok: true, result: { text: "Оплата получена" } });
    expect(logged()).toHaveLength(1);
    expect(hold.count).toBe(1);
    expect((await send(alice.id)).status).toBe(200);
    expect(hold.count).toBe(1);
  });

  it("blockBot makes sends fail with 403", async () => {
    emu.blockBot(alice.id);
    expect((await send(alice.id)).body).toMatchObject({
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    emu.unblockBot(alice.id);
    expect((await send(alice.id)).status).toBe(200);
  });
});

describe("enforced rate limits", () => {
  it("lets a private chat burst, then asks to retry after a second", async () => {
    emu.enforceRateLimits({ perChatBurst: 3 });
    for (let i = 0; i < 3; i++) expect((await send(alice.id)).status).toBe(200);
    expect((await send(alice.id)).body).toMatchObject({
      error_code: 429,
      parameters: { retry_after: 1 },
    });
    // Other chats and chat actions are not affected.
    const bob = emu.user();
    await bob.send("hi");
    expect((await send(bob.id)).status).toBe(200);
    expect(
      (await callApi(emu, "sendChatAction", { chat_id: alice.id, action: "typing" })).status,
    ).toBe(200);
  });

  it("limits a group to 20 messages a minute", async () => {
    const group = emu.group({ title: "Офис" });
    emu.enforceRateLimits();
    for (let i = 0; i < 20; i++) expect((await send(group.id)).status).toBe(200);
    const { body } = await send(group.id);
    expect(body).toMatchObject({ error_code: 429, parameters: { retry_after: 3 } });
  });

  it("limits all chats together to the global rate", async () => {
    emu.enforceRateLimits({ globalPerSecond: 5 });
    const users = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const user = emu.user();
        await user.send("hi");
        return user;
      }),
    );
    const statuses = [];
    for (const user of users) statuses.push((await send(user.id)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    emu.enforceRateLimits(false);
    expect((await send(alice.id)).status).toBe(200);
  });

  it("follows the emulator's clock", async () => {
    let now = Date.now();
    const timed = await BotApiEmulator.start({ now: () => now });
    try {
      const bob = timed.user();
      await bob.send("hi");
      timed.enforceRateLimits({ perChatBurst: 1 });
      const sendBob = () => callApi(timed, "sendMessage", { chat_id: bob.id, text: "x" });
      expect((await sendBob()).status).toBe(200);
      expect((await sendBob()).status).toBe(429);
      now += 1_000;
      expect((await sendBob()).status).toBe(200);
    } finally {
      await timed.stop();
    }
  });
});
