// An incident on two bot instances sharing one PostgreSQL and one Redis: the monitor's event
// reaches both at once (two monitoring nodes, a retry through another route); one incident is
// opened, each affected subscriber is told once, and hears "restored" once when both get the
// resolve.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserDriver } from "../emulator/index.ts";
import { type Resident, resident } from "../support/outage-street.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { startTwoInstances, type TwoInstances } from "../support/two-instances.ts";

const secret = "monitoring-shared-secret-0123";

describe.skipIf(noPostgres || noRedis)("an incident on two instances", () => {
  let instances: TwoInstances;
  let served: Resident[];

  beforeAll(async () => {
    instances = await startTwoInstances({ INCIDENT_HOOK_SECRET: secret });
    const { database, emulator } = instances.first;
    served = [];
    for (let i = 0; i < 6; i += 1) served.push(await resident(database.prisma, emulator, "21"));
  }, 30_000);
  afterAll(() => instances?.stop());

  const toBoth = (body: unknown) =>
    Promise.all(
      [instances.first.app.opsPort, instances.second.opsPort].map(async (port) => {
        const response = await fetch(`http://127.0.0.1:${port}/incidents`, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as { status: string } };
      }),
    );
  const count = (user: UserDriver, start: string) =>
    user.messages().filter((message) => message.text?.startsWith(start)).length;
  const outboxSettled = async () =>
    (await instances.first.database.prisma.notification.count({
      where: { status: { in: ["PENDING", "SENDING"] } },
    })) === 0;

  it("opens one incident, tells each subscriber once, and says restored once", async () => {
    const event = {
      action: "open",
      id: "zabbix:event/9001",
      streets: ["Индустриальная"],
      houses: ["21"],
      eta: new Date(Date.now() + 2 * 3600_000).toISOString(),
      text: "Не отвечает коммутатор дома 21",
    };
    const opened = await toBoth(event);
    expect(opened.map((answer) => answer.body.status).sort()).toEqual(["exists", "opened"]);
    expect(await instances.first.database.prisma.incident.count()).toBe(1);

    for (const { user } of served) {
      await user.waitFor(() => count(user, "⚠️ Авария на линии") > 0);
    }
    await served[0]?.user.waitFor(outboxSettled);
    expect(served.map(({ user }) => count(user, "⚠️ Авария на линии"))).toEqual(served.map(() => 1));

    const resolved = await toBoth({ action: "resolve", id: event.id });
    expect(resolved.map((answer) => answer.body.status).sort()).toEqual([
      "already-resolved",
      "resolved",
    ]);
    for (const { user } of served) {
      await user.waitFor(() => count(user, "✅ Связь восстановлена") > 0);
    }
    await served[0]?.user.waitFor(outboxSettled);
    expect(served.map(({ user }) => count(user, "✅ Связь восстановлена"))).toEqual(
      served.map(() => 1),
    );
  });
});
