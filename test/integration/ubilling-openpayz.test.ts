// The OpenPayz client against the emulator's OSMP frontend and RemoteAPI: check, pay, an
// idempotent repeat of a txn_id, the highload queue drained by opprocessing, and failures.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createOpenPayzClient,
  type OpenPayzClient,
} from "../../core/billing/ubilling/openpayz-client.ts";
import { UbillingEmulator } from "../ubilling/index.ts";

let ub: UbillingEmulator;
let openpayz: OpenPayzClient;
let payid: string;

beforeEach(async () => {
  ub = await UbillingEmulator.start({ now: new Date("2026-03-02T10:00:00Z") });
  ub.addSubscriber({ login: "ivan01", password: "secret", tariff: "Unlim-100", cash: -12.5 });
  payid = ub.payid("ivan01");
  openpayz = createOpenPayzClient({ osmpUrl: ub.osmpUrl, timeoutMs: 2_000 });
});

afterEach(async () => {
  await ub.stop();
});

describe("OpenPayz client", () => {
  it("checks an account by payid", async () => {
    expect(await openpayz.check({ payid, sum: 10_000 })).toEqual({
      ok: true,
      value: { kind: "found" },
    });
    expect(await openpayz.check({ payid: "12345", sum: 10_000 })).toEqual({
      ok: true,
      value: { kind: "not-found" },
    });
    expect(ub.requestsTo("openpayz")[0]?.query).toMatchObject({ sum: "100.00", account: payid });
  });

  it("pays in rubles with two decimals, and a repeated txn_id changes nothing", async () => {
    const paid = await openpayz.pay({ txnId: "tg-1", payid, sum: 15_050 });
    expect(paid).toEqual({
      ok: true,
      value: { kind: "accepted", prvTxn: "1", sumKopecks: 15_050 },
    });
    expect(ub.subscriber("ivan01").cash).toBe(138);
    expect(ub.requestsTo("openpayz")[0]?.query.sum).toBe("150.50");

    const repeat = await openpayz.pay({ txnId: "tg-1", payid, sum: 15_050 });
    expect(repeat).toEqual(paid);
    // A replay with another sum: the same transaction answers, the balance is untouched.
    const replay = await openpayz.pay({ txnId: "tg-1", payid, sum: 99_900 });
    expect(replay).toMatchObject({ ok: true, value: { kind: "accepted", prvTxn: "1" } });
    expect(ub.subscriber("ivan01").cash).toBe(138);
    expect(ub.state.opTransactions).toHaveLength(1);

    const next = await openpayz.pay({ txnId: "tg-2", payid, sum: 5 });
    expect(next).toMatchObject({ ok: true, value: { prvTxn: "2", sumKopecks: 5 } });
    expect(ub.subscriber("ivan01").cash).toBe(138.05);
  });

  it("answers not-found for an unknown payid, and refuses a sum that is not positive kopecks", async () => {
    expect(await openpayz.pay({ txnId: "tg-3", payid: "1", sum: 100 })).toEqual({
      ok: true,
      value: { kind: "not-found" },
    });
    for (const sum of [0, -100, 1.5]) {
      await expect(openpayz.pay({ txnId: "tg-4", payid, sum })).rejects.toThrow(RangeError);
    }
    expect(ub.state.opTransactions).toEqual([]);
  });

  it("queues payments in highload mode until opprocessing runs", async () => {
    ub.config.OP_HIGHLOAD_ENABLE = true;
    const core = { coreUrl: ub.coreUrl, apiKey: ub.config.serial };
    await openpayz.pay({ txnId: "tg-5", payid, sum: 10_000 });
    expect(ub.subscriber("ivan01").cash).toBe(-12.5);
    expect(await openpayz.processPayments(core)).toEqual({
      ok: true,
      value: { kind: "processed", count: 1 },
    });
    expect(ub.subscriber("ivan01").cash).toBe(87.5);
    expect(await openpayz.processPayments(core)).toEqual({
      ok: true,
      value: { kind: "processed", count: 0 },
    });
  });

  it("tells a wrong key, a disabled queue and a dead billing apart, quoting no key", async () => {
    const wrong = await openpayz.processPayments({ coreUrl: ub.coreUrl, apiKey: "UBnope" });
    expect(wrong).toEqual({ ok: false, error: "wrong-credentials", detail: "ERROR:GET_WRONG_KEY" });
    const core = { coreUrl: ub.coreUrl, apiKey: ub.config.serial };
    expect(await openpayz.processPayments(core)).toMatchObject({ ok: false, error: "disabled" });
    const details: string[] = [];
    for (const mode of ["unavailable", "apiconnfail", "drop"] as const) {
      ub.setDown(mode);
      for (const result of [
        await openpayz.processPayments(core),
        await openpayz.pay({ txnId: "tg-6", payid, sum: 100 }),
        await openpayz.check({ payid, sum: 100 }),
      ]) {
        expect(result, mode).toMatchObject({ ok: false, error: "unavailable" });
        if (!result.ok) details.push(result.detail);
      }
    }
    expect(details.join(" ")).not.toContain(ub.config.serial);
    ub.setDown(false);
    ub.setDelay(1_000);
    const quick = createOpenPayzClient({ osmpUrl: ub.osmpUrl, timeoutMs: 100 });
    expect(await quick.check({ payid, sum: 100 })).toMatchObject({
      ok: false,
      error: "unavailable",
    });
  });
});
