// POST /incidents from a monitoring system, on the running bot's operator server: a switch down
// opens an incident for the houses it serves and their subscribers are told; the same event id
// again changes nothing; resolve by the same id says "restored"; a wrong secret, bad JSON, an
// unknown street or a past ETA are answered with what is wrong and open nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { type Resident, resident } from "../support/outage-street.ts";
import { noPostgres } from "../support/require-services.ts";

const secret = "monitoring-shared-secret-0123";

describe.skipIf(noPostgres)("POST /incidents for monitoring", () => {
  let harness: Harness;
  let served: Resident[];
  let other: Resident;

  beforeAll(async () => {
    harness = await startHarness({ env: { METRICS_PORT: "0", INCIDENT_HOOK_SECRET: secret } });
    const db = harness.database.prisma;
    served = [
      await resident(db, harness.emulator, "11"),
      await resident(db, harness.emulator, "13"),
    ];
    other = await resident(db, harness.emulator, "15");
  });
  afterAll(() => harness?.stop());

  const post = async (body: unknown, auth = `Bearer ${secret}`) => {
    const response = await fetch(`http://127.0.0.1:${harness.app.opsPort}/incidents`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
  const switchDown = {
    action: "open",
    id: "zabbix:event/4711",
    streets: ["Индустриальная"],
    houses: ["11", "13"],
    eta: inHours(2),
    text: "Не отвечает коммутатор узла на Индустриальной",
  };
  const notices = (user: UserDriver, start: string) =>
    user.messages().filter((message) => message.text?.startsWith(start)).length;

  it("refuses what it cannot take, saying why, and opens nothing", async () => {
    expect(await post(switchDown, "Bearer wrong-secret-wrong-secret")).toEqual({
      status: 401,
      body: { error: "wrong or missing secret" },
    });
    expect(await post(switchDown, "")).toMatchObject({ status: 401 });
    expect(await post("{not json")).toEqual({ status: 400, body: { error: "not JSON" } });
    expect(await post({ ...switchDown, action: "reboot" })).toMatchObject({ status: 400 });
    expect(await post({ ...switchDown, streets: ["Нетакая"], houses: [] })).toEqual({
      status: 400,
      body: { error: "unknown street: Нетакая" },
    });
    expect(await post({ ...switchDown, eta: new Date(Date.now() - 60_000).toISOString() })).toEqual(
      {
        status: 400,
        body: { error: "eta: not a time ahead" },
      },
    );
    expect(await post({ ...switchDown, text: "" })).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^text: /) },
    });
    expect(await post({ action: "resolve", id: "zabbix:never" })).toEqual({
      status: 404,
      body: { error: "no incident for this id" },
    });
    expect(await harness.database.prisma.incident.count()).toBe(0);
  });

  it("opens once per event id, tells the houses it serves, and resolves by the same id", async () => {
    const opened = await post(switchDown);
    expect(opened).toEqual({
      status: 201,
      body: { status: "opened", incident: expect.any(Number), notices: 2 },
    });
    const replayed = await post({ ...switchDown, text: "Повтор того же события" });
    expect(replayed).toEqual({
      status: 200,
      body: { status: "exists", incident: opened.body.incident },
    });
    for (const { user } of served) {
      await user.waitFor(() =>
        notices(user, "⚠️ Авария на линии: Не отвечает коммутатор") === 1 ? true : undefined,
      );
    }
    expect(await harness.database.prisma.incident.count()).toBe(1);

    const resolved = await post({ action: "resolve", id: switchDown.id });
    expect(resolved).toEqual({
      status: 200,
      body: { status: "resolved", incident: opened.body.incident, notices: 2 },
    });
    expect(await post({ action: "resolve", id: switchDown.id })).toEqual({
      status: 200,
      body: { status: "already-resolved", incident: opened.body.incident },
    });
    for (const { user } of served) {
      await user.waitFor(() => (notices(user, "✅ Связь восстановлена") === 1 ? true : undefined));
      expect(notices(user, "⚠️")).toBe(1);
    }
    expect(other.user.messages()).toHaveLength(0);
  });
});
