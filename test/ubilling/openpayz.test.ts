import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agent, get } from "./client.ts";
import { UbillingEmulator } from "./emulator.ts";

let emu: UbillingEmulator;

beforeEach(async () => {
  emu = await UbillingEmulator.start({ now: new Date("2026-03-02T10:00:00Z") });
  emu.addSubscriber({ login: "ivan01", password: "secret", tariff: "Unlim-100", cash: -12.5 });
});

afterEach(async () => {
  await emu.stop();
});

const osmp = (command: string, txnId: string, account: string, sum = "100") =>
  get(emu.osmpUrl, { command, txn_id: txnId, account, sum });

describe("OpenPayz OSMP frontend", () => {
  it("check answers result 0 for a known payid and 5 for an unknown one", async () => {
    const known = await osmp("check", "t1", emu.payid("ivan01"));
    expect(known.text).toBe(
      '<?xml version="1.0"?>\n<response>\n<osmp_txn_id>t1</osmp_txn_id>\n<result>0</result>\n</response>',
    );
    expect((await osmp("check", "t1", "123")).text).toContain("<result>5</result>");
    expect(emu.state.opTransactions).toEqual([]);
  });

  it("pay credits the balance once, however often the transaction id repeats", async () => {
    const payid = emu.payid("ivan01");
    const first = await osmp("pay", "t-42", payid, "100.50");
    expect(first.text).toContain("<prv_txn>1</prv_txn>\n<sum>100.50</sum>\n<result>0</result>");
    const again = await osmp("pay", "t-42", payid, "100.50");
    expect(again.text).toBe(first.text);
    expect(emu.subscriber("ivan01").cash).toBe(88);
    expect(emu.state.opTransactions).toHaveLength(1);
    expect(emu.state.opTransactions[0]).toMatchObject({ hash: "OSMP_t-42", processed: true });
    const payments = (await agent(emu, "ivan01", "secret", { payments: "true" })).json();
    expect(payments).toEqual([{ date: "2026-03-02 10:00:00", summ: "100.5", balance: "-12.5" }]);
    expect(emu.state.payments[0]).toMatchObject({ note: "OP:OSMP", admin: "openpayz" });
    expect((await osmp("pay", "t-43", payid, "10")).text).toContain("<prv_txn>2</prv_txn>");
  });

  it("answers a repeat with the sum sent, or with the stored one when set to", async () => {
    const payid = emu.payid("ivan01");
    await osmp("pay", "t-7", payid, "100");
    expect((await osmp("pay", "t-7", payid, "300")).text).toContain("<sum>300</sum>");
    emu.state.osmpRepeatSum = "stored";
    expect((await osmp("pay", "t-7", payid, "300")).text).toContain("<sum>100</sum>");
    expect(emu.subscriber("ivan01").cash).toBe(87.5);
  });

  it("pay refuses an unknown account, and a missing parameter gets an empty reply", async () => {
    expect((await osmp("pay", "t1", "999")).text).toContain("<result>5</result>");
    const empty = await get(emu.osmpUrl, { command: "pay", txn_id: "t1", account: "1" });
    expect([empty.status, empty.text]).toEqual([200, ""]);
    expect(emu.state.opTransactions).toEqual([]);
  });

  it("in highload mode payments wait in the queue until opprocessing", async () => {
    emu.config.OP_HIGHLOAD_ENABLE = true;
    await osmp("pay", "t1", emu.payid("ivan01"), "50");
    expect(emu.subscriber("ivan01").cash).toBe(-12.5);
    const process = (key = emu.config.serial) =>
      get(emu.coreUrl, { module: "remoteapi", key, action: "opprocessing" });
    expect((await process("UBwrong")).text).toBe("ERROR:GET_WRONG_KEY");
    expect((await process()).text).toBe("OK:TRANSACTIONS_PROCESSED 1");
    expect(emu.subscriber("ivan01").cash).toBe(37.5);
    expect((await process()).text).toBe("OK:TRANSACTIONS_PROCESSED 0");
    await osmp("pay", "t2", emu.payid("ivan01"), "10");
    expect(emu.processPayments()).toBe(1);
    expect(emu.subscriber("ivan01").cash).toBe(47.5);
    emu.config.OP_HIGHLOAD_ENABLE = false;
    expect((await process()).text).toBe("ERROR:OPENPAYZ_HIGHLOAD_DISABLED");
  });
});

describe("test controls", () => {
  it("goes down with a 503 HTML page, userstats' apiconnfail page, or a dropped connection", async () => {
    emu.setDown("unavailable");
    const down = await agent(emu, "ivan01", "secret");
    expect(down.status).toBe(503);
    expect(down.contentType).toMatch(/^text\/html/);
    emu.setDown("apiconnfail");
    const noApi = await agent(emu, "ivan01", "secret");
    expect([noApi.status, noApi.text]).toEqual([200, expect.stringContaining("unreachable")]);
    emu.setDown("drop");
    await expect(agent(emu, "ivan01", "secret")).rejects.toThrow();
    emu.setDown(false);
    expect((await agent(emu, "ivan01", "secret", { justauth: "true" })).status).toBe(200);
  });

  it("holds every answer for setDelay milliseconds, and answers at once again with 0", async () => {
    emu.setDelay(300);
    const started = Date.now();
    expect((await agent(emu, "ivan01", "secret", { justauth: "true" })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    emu.setDelay(0);
    const again = Date.now();
    await agent(emu, "ivan01", "secret", { justauth: "true" });
    expect(Date.now() - again).toBeLessThan(250);
  });

  it("logs every request with its surface, query and answer", async () => {
    await agent(emu, "ivan01", "secret", { justauth: "true" });
    await osmp("check", "t1", "1");
    await get(emu.userstatsUrl.replace("/userstats", "/elsewhere"));
    expect(emu.requests.map((request) => [request.surface, request.status])).toEqual([
      ["userstats", 200],
      ["openpayz", 200],
      ["unknown", 404],
    ]);
    const [first] = emu.requestsTo("userstats");
    expect(first?.query).toMatchObject({ uberlogin: "ivan01", justauth: "true" });
    expect(first?.body).toContain('"auth":true');
  });

  it("uses the IP as payid without OPENPAYZ_REALID and 0 without OpenPayz", async () => {
    emu.subscriber("ivan01").ip = "10.0.1.5";
    emu.config.OPENPAYZ_REALID = false;
    expect(emu.payid("ivan01")).toBe(String(10 * 2 ** 24 + 1 * 2 ** 8 + 5));
    emu.config.OPENPAYZ_ENABLED = false;
    expect(((await agent(emu, "ivan01", "secret")).json() as { payid: string }).payid).toBe("0");
  });
});
