import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ApiResponse } from "./call-log.ts";
import { BotApiEmulator } from "./emulator.ts";
import { callApi } from "./raw-api.ts";

let emu: BotApiEmulator;

beforeEach(async () => {
  emu = await BotApiEmulator.start();
});

afterEach(async () => {
  await emu.stop();
});

async function getUpdates(params: Record<string, unknown> = {}): Promise<Update[]> {
  const { body } = await callApi(emu, "getUpdates", params);
  if (!body.ok) throw new Error(body.description);
  return body.result as Update[];
}

function texts(updates: Update[]): (string | undefined)[] {
  return updates.map((update) => update.message?.text);
}

describe("getUpdates", () => {
  it("keeps updates until an offset confirms them", async () => {
    const alice = emu.user();
    await alice.send("one");
    await alice.send("two");
    const first = await getUpdates();
    expect(texts(first)).toEqual(["one", "two"]);
    expect(texts(await getUpdates())).toEqual(["one", "two"]);
    const [one] = first;
    expect(texts(await getUpdates({ offset: (one?.update_id ?? 0) + 1 }))).toEqual(["two"]);
    // Confirmed updates are gone for good.
    expect(texts(await getUpdates())).toEqual(["two"]);
  });

  it("numbers updates in increasing order", async () => {
    const alice = emu.user();
    await alice.send("a");
    await alice.send("b");
    const [a, b] = await getUpdates();
    expect((b?.update_id ?? 0) - (a?.update_id ?? 0)).toBe(1);
  });

  it("with a negative offset keeps only the last -offset updates", async () => {
    const alice = emu.user();
    for (const text of ["1", "2", "3"]) await alice.send(text);
    expect(texts(await getUpdates({ offset: -1 }))).toEqual(["3"]);
    expect(texts(await getUpdates())).toEqual(["3"]);
  });

  it("returns at most `limit` updates, 100 by default", async () => {
    const alice = emu.user();
    for (let i = 0; i < 105; i++) await alice.send(`m${i}`);
    expect(await getUpdates({ limit: 2 })).toHaveLength(2);
    expect(await getUpdates()).toHaveLength(100);
    expect(await getUpdates({ limit: 500 })).toHaveLength(100);
  });

  it("long polls until an update arrives", async () => {
    const alice = emu.user();
    const started = Date.now();
    const poll = getUpdates({ timeout: 10 });
    setTimeout(() => void alice.send("late"), 100);
    expect(texts(await poll)).toEqual(["late"]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("ends a long poll empty when the timeout passes", async () => {
    expect(await getUpdates({ timeout: 1 })).toEqual([]);
  });

  it("drops update types outside allowed_updates as they are created", async () => {
    const alice = emu.user();
    await getUpdates({ allowed_updates: ["callback_query"] });
    await alice.send("ignored");
    expect(await getUpdates()).toEqual([]);
    // An empty list restores the default set.
    await getUpdates({ allowed_updates: [] });
    await alice.send("seen");
    expect(texts(await getUpdates())).toEqual(["seen"]);
  });

  it("leaves chat_member updates out by default", async () => {
    const alice = emu.user();
    const group = emu.group({ title: "G", members: [alice] });
    emu.setMemberStatus(group.id, alice.id, "administrator");
    expect(await getUpdates()).toEqual([]);
    await getUpdates({ allowed_updates: ["chat_member"] });
    emu.setMemberStatus(group.id, alice.id, "member");
    const [update] = await getUpdates();
    expect(update?.chat_member?.new_chat_member.status).toBe("member");
  });

  it("ends an older long poll with 409 when a newer one starts", async () => {
    const older = callApi(emu, "getUpdates", { timeout: 10 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const newer = callApi(emu, "getUpdates", { timeout: 0 });
    const conflict: { status: number; body: ApiResponse } = await older;
    expect(conflict).toEqual({
      status: 409,
      body: {
        ok: false,
        error_code: 409,
        description:
          "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
      },
    });
    expect((await newer).status).toBe(200);
  });

  it("refuses to poll while a webhook is set", async () => {
    await callApi(emu, "setWebhook", { url: "http://127.0.0.1:9/hook" });
    const { status, body } = await callApi(emu, "getUpdates");
    expect(status).toBe(409);
    expect(body).toMatchObject({
      description:
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    });
    await callApi(emu, "deleteWebhook");
    expect((await callApi(emu, "getUpdates")).status).toBe(200);
  });

  it("deleteWebhook with drop_pending_updates forgets the queue", async () => {
    const alice = emu.user();
    await alice.send("old");
    await callApi(emu, "deleteWebhook", { drop_pending_updates: true });
    expect(await getUpdates()).toEqual([]);
  });

  it("logOut and close succeed", async () => {
    expect((await callApi(emu, "logOut")).body).toEqual({ ok: true, result: true });
    expect((await callApi(emu, "close")).body).toEqual({ ok: true, result: true });
  });
});

describe("redelivery", () => {
  it("redeliver pushes the same content under a new update_id", async () => {
    const alice = emu.user();
    await alice.send("pay");
    const [original] = await getUpdates();
    await getUpdates({ offset: (original?.update_id ?? 0) + 1 });
    const again = alice.redeliverLast();
    const [redelivered] = await getUpdates();
    expect(redelivered?.update_id).toBe(again?.update_id);
    expect(redelivered?.update_id).toBeGreaterThan(original?.update_id ?? 0);
    expect(redelivered?.message).toEqual(original?.message);
  });

  it("redeliver with sameId requeues the very update for a poller at or below its offset", async () => {
    const alice = emu.user();
    await alice.send("crash here");
    const [original] = await getUpdates();
    await getUpdates({ offset: (original?.update_id ?? 0) + 1 });
    emu.redeliver(original?.update_id ?? 0, { sameId: true });
    // A restarted bot polls from offset 0 and gets the same update_id again.
    expect(await getUpdates()).toEqual([original]);
  });
});
