// The connection request store against real PostgreSQL: one open request per phone (merged, also
// when two arrive at once), status changes and their races, the lists staff and prospects see,
// the daily digest sent once a day; drafts in Redis.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notice, Notifier } from "../../core/ports.ts";
import { connectRedis, type Redis } from "../../core/redis.ts";
import { runRequestsDigest } from "../../core/requests/digest.ts";
import { completeDraft, nextStep, type RequestDraft } from "../../core/requests/draft.ts";
import { draftStore } from "../../core/requests/draft-store.ts";
import { addressField, nameField, type RequestInput } from "../../core/requests/fields.ts";
import {
  newRequestsSince,
  openRequests,
  requestsByPhone,
  requestsOfTelegramUser,
} from "../../core/requests/lists.ts";
import { findRequest } from "../../core/requests/request-view.ts";
import { changeStatus } from "../../core/requests/status.ts";
import { submitRequest } from "../../core/requests/submit.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { freshRedisUrl } from "../support/redis.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";

const request = (overrides: Partial<RequestInput> = {}): RequestInput => ({
  name: "Руслан",
  phone: "+79281110000",
  address: "ул. Ленина, 1",
  tariffCode: "home-100",
  iptvWanted: false,
  preferredTime: "вечером",
  comment: null,
  telegramUserId: null,
  ...overrides,
});

describe("request fields", () => {
  it.each([
    ["  Руслан   Алиев ", "Руслан Алиев"],
    ["Anna-Maria O'Neil", "Anna-Maria O'Neil"],
  ])("takes the name %j", (input, name) => expect(nameField.parse(input)).toBe(name));

  it.each(["Р", "🙂🙂", "Руслан2", "а".repeat(81), "/menu", "Руслан\u0000"])(
    "refuses the name %j",
    (input) => expect(nameField.safeParse(input).success).toBe(false),
  );

  it.each(["дом", "ул. Ленина", "ул. Ленина 5 🏠", "12345", `ул. ${"а".repeat(200)} 5`])(
    "refuses the address %j",
    (input) => expect(addressField.safeParse(input).success).toBe(false),
  );

  it("asks the steps in order and completes only a full draft", () => {
    const draft: RequestDraft = { name: "Руслан", phone: "+79281110000" };
    expect(nextStep(draft)).toBe("address");
    expect(completeDraft(draft, 1)).toBeNull();
    const full: RequestDraft = {
      ...draft,
      address: "ул. Ленина, 1",
      tariffCode: null,
      iptvWanted: true,
      preferredTime: "утром",
      comment: null,
    };
    expect(nextStep(full)).toBeUndefined();
    expect(completeDraft(full, 7)).toMatchObject({ town: "Каспийск", telegramUserId: 7 });
  });
});

describe.skipIf(noPostgres)("connection requests in PostgreSQL", () => {
  const { database, secondInstance } = useDemoDatabase({ secondInstance: true });
  const db = () => database.prisma;

  async function prospect(id: number) {
    await db().telegramUser.create({
      data: { id: BigInt(id), chatId: BigInt(id), firstName: "Проспект" },
    });
    return id;
  }

  it("creates a request, and merges a second one from the same phone while it is open", async () => {
    const owner = await prospect(501);
    const first = await submitRequest(
      db(),
      request({ phone: "+79281110001", comment: "второй этаж", telegramUserId: owner }),
    );
    expect(first).toMatchObject({ outcome: "created", status: "NEW" });

    const other = await prospect(502);
    const second = await submitRequest(
      db(),
      request({
        phone: "+79281110001",
        name: "Руслан Алиев",
        town: "Махачкала",
        address: "ул. Гагарина, 2",
        tariffCode: null,
        iptvWanted: true,
        comment: "после 18",
        telegramUserId: other,
      }),
    );
    expect(second).toEqual({ outcome: "merged", requestId: first.requestId, status: "NEW" });
    expect(await findRequest(db(), first.requestId)).toMatchObject({
      name: "Руслан Алиев",
      town: "Махачкала",
      address: "ул. Гагарина, 2",
      tariff: null,
      iptvWanted: true,
      comment: "второй этаж\nпосле 18",
      telegramUserId: owner,
    });
    const again = await submitRequest(
      db(),
      request({ phone: "+79281110001", comment: "после 18" }),
    );
    expect(again.outcome).toBe("merged");
    expect((await findRequest(db(), first.requestId))?.comment).toBe("второй этаж\nпосле 18");
    expect(await db().connectionRequest.count({ where: { phone: "+79281110001" } })).toBe(1);
  });

  it("makes one request of several sent at once from one phone, across instances", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        submitRequest(i % 2 ? secondInstance.prisma : db(), request({ phone: "+79281110002" })),
      ),
    );
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(1);
    expect(new Set(results.map((r) => r.requestId)).size).toBe(1);
    expect(await db().connectionRequest.count({ where: { phone: "+79281110002" } })).toBe(1);
  });

  it("opens a new request for a phone whose earlier one is closed", async () => {
    const first = await submitRequest(db(), request({ phone: "+79281110003" }));
    await changeStatus(db(), { requestId: first.requestId, to: "SIGNED", by: "Марьям" });
    const second = await submitRequest(db(), request({ phone: "+79281110003" }));
    expect(second.outcome).toBe("created");
    expect(second.requestId).not.toBe(first.requestId);
  });

  it("stores an unknown or withdrawn tariff as 'advise me'", async () => {
    const unknown = await submitRequest(
      db(),
      request({ phone: "+79281110004", tariffCode: "iptv-basic" }),
    );
    expect((await findRequest(db(), unknown.requestId))?.tariff).toBeNull();
    const known = await submitRequest(db(), request({ phone: "+79281110005" }));
    expect((await findRequest(db(), known.requestId))?.tariff).toEqual({
      code: "home-100",
      name: "Домашний 100",
    });
  });

  it("refuses a request that is not valid", async () => {
    await expect(submitRequest(db(), request({ phone: "89281110006" }))).rejects.toThrow();
    await expect(submitRequest(db(), request({ name: "🙂" }))).rejects.toThrow();
  });

  it("moves a request NEW -> IN_PROGRESS -> SIGNED and keeps final statuses final", async () => {
    const { requestId } = await submitRequest(db(), request({ phone: "+79281110007" }));
    const at = new Date("2026-11-25T10:00:00Z");
    const taken = await changeStatus(db(), { requestId, to: "IN_PROGRESS", by: "Марьям", at });
    expect(taken).toMatchObject({
      outcome: "changed",
      from: "NEW",
      request: { status: "IN_PROGRESS", statusBy: "Марьям", statusAt: at },
    });
    expect(await changeStatus(db(), { requestId, to: "IN_PROGRESS", by: "Али" })).toMatchObject({
      outcome: "not-allowed",
      request: { statusBy: "Марьям" },
    });
    expect(await changeStatus(db(), { requestId, to: "SIGNED", by: "Али" })).toMatchObject({
      outcome: "changed",
      from: "IN_PROGRESS",
    });
    for (const to of ["IN_PROGRESS", "SIGNED"] as const)
      expect((await changeStatus(db(), { requestId, to, by: "Али" })).outcome).toBe("not-allowed");
    expect(
      (await changeStatus(db(), { requestId, to: "REJECTED", by: "Али", reason: "дорого" }))
        .outcome,
    ).toBe("not-allowed");
    expect(await changeStatus(db(), { requestId: 999_999, to: "SIGNED", by: "Али" })).toEqual({
      outcome: "not-found",
    });
  });

  it("rejects only with a reason", async () => {
    const { requestId } = await submitRequest(db(), request({ phone: "+79281110008" }));
    expect(
      await changeStatus(db(), { requestId, to: "REJECTED", by: "Марьям", reason: " " }),
    ).toEqual({ outcome: "bad-reason" });
    // A NUL byte would be a database error (22021): the reason is refused before any query.
    expect(
      await changeStatus(db(), { requestId, to: "REJECTED", by: "Марьям", reason: "нет\u0000" }),
    ).toEqual({ outcome: "bad-reason" });
    expect(
      await changeStatus(db(), {
        requestId,
        to: "REJECTED",
        by: "Марьям",
        reason: "  нет   технической возможности ",
      }),
    ).toMatchObject({
      outcome: "changed",
      request: { status: "REJECTED", rejectReason: "нет технической возможности" },
    });
  });

  it("changes a status once when staff press at the same moment", async () => {
    const { requestId } = await submitRequest(db(), request({ phone: "+79281110009" }));
    const changes = await Promise.all(
      ["Марьям", "Али", "Зарема", "Ахмед"].map((by, i) =>
        changeStatus(i % 2 ? secondInstance.prisma : db(), {
          requestId,
          to: i < 2 ? "SIGNED" : "REJECTED",
          by,
          reason: "дорого",
        }),
      ),
    );
    expect(changes.filter((change) => change.outcome === "changed")).toHaveLength(1);
    const winner = changes.find((change) => change.outcome === "changed");
    const stored = await findRequest(db(), requestId);
    expect(winner?.outcome === "changed" && winner.request).toEqual(stored);
  });

  it("lists open requests oldest first, by phone, by prospect, and the NEW ones overdue", async () => {
    const owner = await prospect(503);
    const old = await submitRequest(
      db(),
      request({ phone: "+79281110010", telegramUserId: owner }),
    );
    const taken = await submitRequest(
      db(),
      request({ phone: "+79281110011", telegramUserId: owner }),
    );
    await changeStatus(db(), { requestId: taken.requestId, to: "IN_PROGRESS", by: "Марьям" });
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    await db().connectionRequest.update({
      where: { id: old.requestId },
      data: { createdAt: dayAgo },
    });

    const open = await openRequests(db(), 100);
    expect(open.every((r) => r.status === "NEW" || r.status === "IN_PROGRESS")).toBe(true);
    expect(open[0]?.id).toBe(old.requestId);
    expect(open.map((r) => r.id)).toContain(taken.requestId);
    expect((await requestsByPhone(db(), "+79281110011")).map((r) => r.id)).toEqual([
      taken.requestId,
    ]);
    expect((await requestsOfTelegramUser(db(), owner)).map((r) => r.id)).toEqual([
      taken.requestId,
      old.requestId,
    ]);
    const overdue = await newRequestsSince(db(), new Date(Date.now() - 24 * 60 * 60 * 1000));
    expect(overdue.map((r) => r.id)).toEqual([old.requestId]);
  });

  it("sends the digest of overdue requests once a day, and again after a failed send", async () => {
    const sent: { chatId: number; notice: Notice }[] = [];
    let delivering = true;
    const notifier: Notifier = {
      async send(recipient, notice) {
        if (delivering) sent.push({ chatId: recipient.chatId, notice });
        return delivering ? { outcome: "sent" } : { outcome: "failed", error: "network" };
      },
    };
    const now = new Date();
    const run = (day: string, at = now) =>
      runRequestsDigest(db(), { day, staffChatId: -100500, notifier, now: at });

    expect(await run("2026-11-20")).toEqual({ overdue: 1, sent: 1, failed: 0 });
    expect(sent).toEqual([
      {
        chatId: -100500,
        notice: {
          kind: "requests-digest",
          requests: [expect.objectContaining({ phone: "+79281110010", name: "Руслан" })],
        },
      },
    ]);
    expect(await run("2026-11-20")).toEqual({ overdue: 1, sent: 0, failed: 0 });
    expect(sent).toHaveLength(1);

    delivering = false;
    expect(await run("2026-11-21")).toEqual({ overdue: 1, sent: 0, failed: 1 });
    delivering = true;
    expect(await run("2026-11-21")).toEqual({ overdue: 1, sent: 1, failed: 0 });
    expect(sent).toHaveLength(2);

    const twoDaysEarlier = new Date(now.getTime() - 2 * 24 * 60 * 60 * 1000);
    expect(await run("2026-11-22", twoDaysEarlier)).toEqual({ overdue: 0, sent: 0, failed: 0 });
    expect(
      await runRequestsDigest(db(), { day: "2026-11-23", staffChatId: undefined, notifier, now }),
    ).toEqual({ overdue: 1, sent: 0, failed: 0 });
    expect(sent).toHaveLength(2);
  });
});

describe.skipIf(noRedis)("request drafts in Redis", () => {
  let redis: Redis | undefined;
  beforeAll(async () => {
    redis = await connectRedis(await freshRedisUrl());
  });
  afterAll(async () => {
    await redis?.quit();
  });

  it("keeps a draft per user for 30 days and drops one that does not read as a draft", async () => {
    const drafts = draftStore(redis);
    await drafts.save(42, { name: "Руслан", phone: "+79281110000" });
    expect(await draftStore(redis).load(42)).toEqual({ name: "Руслан", phone: "+79281110000" });
    expect(await draftStore(redis).load(43)).toBeUndefined();
    const ttl = await redis?.ttl("connect-draft:42");
    expect(ttl).toBeGreaterThan(29 * 24 * 60 * 60);
    await redis?.set("connect-draft:44", JSON.stringify({ name: 5 }));
    expect(await drafts.load(44)).toBeUndefined();
    await drafts.clear(42);
    expect(await drafts.load(42)).toBeUndefined();
  });

  it("keeps drafts in memory without Redis", async () => {
    const drafts = draftStore(undefined);
    await drafts.save(42, { name: "Руслан" });
    expect(await drafts.load(42)).toEqual({ name: "Руслан" });
    expect(await draftStore(undefined).load(42)).toBeUndefined();
  });
});
