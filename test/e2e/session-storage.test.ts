// What a user leaves in Redis: nothing while their session is empty and no conversation is under
// way; a changed session, kept with an expiry and not written back while unchanged; a
// conversation's state, with an expiry, gone when it ends.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keptForSeconds } from "../../bot/storage.ts";
import type { UserDriver } from "../emulator/index.ts";
import { useHarness } from "../support/bot-harness.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";

describe.skipIf(noPostgres || noRedis)("sessions and conversation state in Redis", () => {
  const harness = useHarness({ redis: true });
  let redis: Redis;
  /** Every command the bot's Redis database ran, in order, from a MONITOR connection. */
  const commands: string[][] = [];
  let monitor: Awaited<ReturnType<Redis["monitor"]>>;

  beforeAll(async () => {
    const url = harness.config.redisUrl ?? "";
    const database = Number(new URL(url).pathname.slice(1));
    redis = new Redis(url);
    monitor = await redis.monitor();
    monitor.on("monitor", (_time: string, args: string[], _source: string, db: string) => {
      if (Number(db) === database) commands.push(args);
    });
  });
  afterAll(async () => {
    monitor?.disconnect();
    redis?.disconnect();
  });

  const on = (key: string) => commands.filter((args) => args[1] === key);
  /** Waits for the bot to read this key for the n-th time: what it ran before is in `commands`. */
  const readsOf = (user: UserDriver, key: string, n: number) =>
    user.waitFor(() =>
      on(key).filter(([name]) => name?.toLowerCase() === "getex").length >= n ? true : undefined,
    );

  it("keeps nothing for a user with no language picked and no conversation", async () => {
    const user = harness.emulator.user({ firstName: "Камиль", languageCode: "ru" });
    await user.send("/start");
    expect((await user.nextBotMessage()).text).toMatch(/^Здравствуйте, Камиль!/);
    await user.nextBotMessage();
    await user.send("/balance");
    await user.nextBotMessage();
    // A third update: by the time its session is read, the second's session was settled.
    await user.send("/help");
    await user.nextBotMessage();
    const session = `session:${user.id}`;
    await readsOf(user, session, 3);

    const writes = on(session).filter(([name]) => /^(set|del)$/i.test(name ?? ""));
    expect(writes).toEqual([]);
    expect(await redis.exists(session, `conversation:${user.id}`)).toBe(0);
  });

  it("stores a changed session with an expiry, and does not write it back while unchanged", async () => {
    const user = harness.emulator.user({ firstName: "Зайнаб", languageCode: "ru" });
    const session = `session:${user.id}`;
    await user.send("/help");
    await user.nextBotMessage();
    await user.waitForCallbackAnswer(await user.press("🌐 English"));
    await user.send("/help");
    expect((await user.nextBotMessage()).text).toMatch(/^I am the Kaspnet bot/);
    await readsOf(user, session, 3);

    expect(JSON.parse((await redis.get(session)) ?? "null")).toEqual({ __language_code: "en" });
    const ttl = await redis.ttl(session);
    expect(ttl).toBeGreaterThan(keptForSeconds - 60);
    expect(ttl).toBeLessThanOrEqual(keptForSeconds);
    // Written once, by the press; the /help after it read it and left it.
    const sets = on(session).filter(([name]) => name?.toLowerCase() === "set");
    expect(sets).toHaveLength(1);
    expect(sets[0]?.slice(3)).toEqual(["EX", String(keptForSeconds)]);

    await user.send("/help");
    await user.nextBotMessage();
    await readsOf(user, session, 4);
    expect(on(session).filter(([name]) => name?.toLowerCase() === "set")).toHaveLength(1);
  });

  it("keeps a conversation's state with an expiry, and removes it when the conversation ends", async () => {
    const user = harness.emulator.user({ firstName: "Магомед", languageCode: "ru" });
    const conversation = `conversation:${user.id}`;
    await user.send("/login");
    expect((await user.nextBotMessage()).text).toContain("Введите логин");
    await user.waitFor(async () => ((await redis.exists(conversation)) ? true : undefined));
    expect(await redis.ttl(conversation)).toBeGreaterThan(keptForSeconds - 60);

    await user.send("/cancel");
    await user.nextBotMessage();
    await user.waitFor(async () => ((await redis.exists(conversation)) ? undefined : true));
    expect(await redis.exists(`session:${user.id}`)).toBe(0);
  });
});
