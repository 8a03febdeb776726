import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotApiEmulator } from "./emulator.ts";
import { callApi } from "./raw-api.ts";

let emu: BotApiEmulator;

beforeEach(async () => {
  emu = await BotApiEmulator.start();
});

afterEach(async () => {
  await emu.stop();
});

describe("HTTP layer", () => {
  it("listens on 127.0.0.1 with a random port and takes grammY's URL layout", async () => {
    expect(emu.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { status, body } = await callApi(emu, "getMe");
    expect(status).toBe(200);
    expect(body).toEqual({
      ok: true,
      result: expect.objectContaining({ id: 1234567890, is_bot: true }),
    });
  });

  it("derives the bot id from the token and reports getMe fields", async () => {
    const other = await BotApiEmulator.start({
      token: "42:secret",
      bot: { first_name: "Kaspnet", username: "kaspnet_bot" },
    });
    try {
      const { body } = await callApi(other, "getMe");
      expect(body.ok && body.result).toMatchObject({
        id: 42,
        is_bot: true,
        first_name: "Kaspnet",
        username: "kaspnet_bot",
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
      });
    } finally {
      await other.stop();
    }
  });

  it("answers 401 Unauthorized to another token", async () => {
    const { status, body } = await callApi({ apiRoot: emu.apiRoot, token: "1:wrong" }, "getMe");
    expect(status).toBe(401);
    expect(body).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
  });

  it("answers 404 Not Found to an unknown method, and logs it", async () => {
    const { status, body } = await callApi(emu, "sendTelepathy");
    expect(status).toBe(404);
    expect(body).toEqual({ ok: false, error_code: 404, description: "Not Found" });
    expect(emu.calls.at(-1)?.method).toBe("sendTelepathy");
  });

  it("looks methods up case-insensitively, like Telegram", async () => {
    const { body } = await callApi(emu, "GETME");
    expect(body.ok).toBe(true);
    expect(emu.calls.at(-1)?.method).toBe("getMe");
  });

  it.each(["json", "form", "multipart"] as const)("reads %s bodies", async (format) => {
    const alice = emu.user();
    await alice.send("/start");
    const { body } = await callApi(
      emu,
      "sendMessage",
      {
        chat_id: alice.id,
        text: "42",
        reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] },
      },
      format,
    );
    expect(body.ok).toBe(true);
    expect(alice.lastBotMessage()).toMatchObject({
      text: "42",
      reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] },
    });
    // The log shows typed values whatever the body format was.
    expect(emu.calls.at(-1)?.params).toMatchObject({ chat_id: alice.id, text: "42" });
  });

  it("accepts query-string parameters", async () => {
    const response = await fetch(`${emu.apiRoot}/bot${emu.token}/getUpdates?timeout=0&limit=5`);
    expect(await response.json()).toEqual({ ok: true, result: [] });
  });

  it("ends a pending long poll with an empty result on stop", async () => {
    const poll = callApi(emu, "getUpdates", { timeout: 30 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = emu.stop();
    await expect(poll).resolves.toEqual({ status: 200, body: { ok: true, result: [] } });
    await stopped;
    emu = await BotApiEmulator.start();
  });
});

describe("call log", () => {
  it("records method, typed params, response and time", async () => {
    const before = Date.now();
    await callApi(emu, "sendMessage", { chat_id: 999, text: "hi" }, "form");
    const call = emu.calls.at(-1);
    expect(call).toMatchObject({
      method: "sendMessage",
      params: { chat_id: 999, text: "hi" },
      response: { ok: false, error_code: 400, description: "Bad Request: chat not found" },
    });
    expect(call?.time).toBeGreaterThanOrEqual(before);
  });

  it("waitForCall consumes calls: each is returned once, later ones are awaited", async () => {
    await callApi(emu, "getMe");
    const first = await emu.waitForCall("getMe");
    const second = emu.waitForCall("getMe");
    await callApi(emu, "getMe");
    expect(await second).not.toBe(first);
    await expect(emu.waitForCall("getMe", undefined, { timeoutMs: 50 })).rejects.toThrow(
      /Timed out after 50 ms waiting for a getMe call/,
    );
  });

  it("waitForCall filters with a predicate", async () => {
    await callApi(emu, "sendChatAction", { chat_id: 1, action: "typing" });
    await callApi(emu, "getMyCommands", { language_code: "ru" });
    const call = await emu.waitForCall("getMyCommands", (c) => c.params.language_code === "ru");
    expect(call.response).toEqual({ ok: true, result: [] });
  });

  it("onCall tells a listener of every call from then on, as it is logged, until unsubscribed", async () => {
    await callApi(emu, "getMe");
    const seen: string[] = [];
    const unsubscribe = emu.onCall((call) => {
      seen.push(call.method);
      expect(emu.calls.at(-1)).toBe(call);
    });
    await callApi(emu, "sendChatAction", { chat_id: 1, action: "typing" });
    await callApi(emu, "noSuchMethod");
    unsubscribe();
    await callApi(emu, "getMe");
    expect(seen).toEqual(["sendChatAction", "noSuchMethod"]);
  });
});
