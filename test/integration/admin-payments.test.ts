// `npm run admin -- payments --unposted`: card payments recorded PAID that the billing has not
// confirmed, waiting or stopped with why; a posted one or one of the built-in billing is not there.
import { describe, expect, it } from "vitest";
import { startTopUp } from "../../core/payments/topup.ts";
import { adminInProcess } from "../support/admin-in-process.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { noPostgres } from "../support/require-services.ts";

describe.skipIf(noPostgres)("payments --unposted", () => {
  const { database } = useDemoDatabase();
  const db = () => database.prisma;
  const env = () => ({ DATABASE_URL: database.url, TZ_NAME: "Europe/Moscow" });
  let charge = 0;

  async function paid(login: string, amount: number, posting: object) {
    const account = await db().account.findUniqueOrThrow({ where: { login } });
    const invoice = await startTopUp(db(), { accountId: account.id, telegramUserId: 1, amount });
    if (invoice.outcome !== "invoice") throw new Error("no invoice");
    charge += 1;
    return db().payment.update({
      where: { invoicePayload: invoice.payload },
      data: {
        status: "PAID",
        telegramChargeId: `unposted-${charge}`,
        paidAt: new Date("2026-12-02T09:00:00Z"),
        ...posting,
      },
    });
  }

  it("says so when every paid payment is in the billing", async () => {
    await paid("10001", 500_00, { postedAt: new Date() });
    const run = await adminInProcess(["payments", "--unposted"], env());
    expect(run).toEqual({
      code: 0,
      stdout: ["every paid card payment is in the billing"],
      stderr: [],
    });
  });

  it("lists the waiting and the stopped ones, and fails when any is stopped", async () => {
    const waiting = await paid("10002", 300_00, {
      postAttempts: 4,
      nextPostAt: new Date("2026-12-02T10:30:00Z"),
    });
    const stopped = await paid("10003", 1250_50, {
      postAttempts: 1,
      postError: "conflict: transaction 7 holds 4000 kopecks, not 125050",
    });
    const run = await adminInProcess(["payments", "--unposted"], env());
    expect(run.code).toBe(1);
    expect(run.stdout).toEqual([
      `#${waiting.id}  10002  300,00\u00a0₽  paid 2026-12-02 12:00  waiting, 4 tries, next 2026-12-02 13:30`,
      `#${stopped.id}  10003  1\u00a0250,50\u00a0₽  paid 2026-12-02 12:00  stopped: conflict: transaction 7 holds 4000 kopecks, not 125050`,
      "2 not in the billing, 1 of them stopped",
    ]);
  });

  it("asks which payments without --unposted", async () => {
    const run = await adminInProcess(["payments"], env());
    expect(run.code).toBe(2);
    expect(run.stderr[0]).toContain("usage: npm run admin -- payments --unposted");
  });
});
