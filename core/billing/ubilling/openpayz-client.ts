// OpenPayz for card payments (docs/ubilling-api.md §3-4): the OSMP frontend's check and pay, and
// the core RemoteAPI's `opprocessing`, which applies queued payments in highload mode.
import { endpoint, type HttpOptions, httpGet } from "./http.ts";
import { kopecksToDecimal, toKopecks } from "./money.ts";
import { failure, success, type UbillingResult } from "./result.ts";

export interface OpenPayzClientOptions extends HttpOptions {
  /** The OSMP frontend root, `{OP}/frontend/osmp`. */
  osmpUrl: string;
}

export type CheckOutcome = { kind: "found" } | { kind: "not-found" };

export type PayOutcome =
  /**
   * Recorded, or recorded before under this txnId: OSMP answers a repeat with the first row's
   * prvTxn and inserts nothing. A prvTxn the caller already holds for another payment, or a sum
   * other than the one it sent, means a replay.
   */
  { kind: "accepted"; prvTxn: string; sumKopecks: number | null } | { kind: "not-found" };

export type ProcessingOutcome = { kind: "processed"; count: number } | { kind: "busy" };

export interface OpenPayzClient {
  check(payment: { payid: string; sum: number }): Promise<UbillingResult<CheckOutcome>>;
  /** `sum` in kopecks; `txnId` is the idempotency key. */
  pay(payment: { txnId: string; payid: string; sum: number }): Promise<UbillingResult<PayOutcome>>;
  /** RemoteAPI `opprocessing`; `apiKey` is the instance serial (admin level). */
  processPayments(core: {
    coreUrl: string;
    apiKey: string;
  }): Promise<UbillingResult<ProcessingOutcome>>;
}

const OSMP_OK = "0";
const OSMP_NOT_FOUND = "5";

/** The text of `<tag>…</tag>`, `""` for `<tag/>`, undefined when absent. */
function tag(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([^<]*)</${name}>|<${name}\\s*/>`).exec(xml);
  if (!match) return undefined;
  return (match[1] ?? "").trim();
}

function positiveKopecks(sum: number): string {
  if (!Number.isSafeInteger(sum) || sum <= 0) {
    throw new RangeError("An OpenPayz sum is a positive whole number of kopecks");
  }
  return kopecksToDecimal(sum);
}

export function createOpenPayzClient(options: OpenPayzClientOptions): OpenPayzClient {
  const osmp = async (query: Record<string, string>) => {
    const answer = await httpGet(endpoint(options.osmpUrl, query), options);
    if (!answer.ok) return answer;
    const { status, text } = answer.value;
    if (status !== 200) return failure("unexpected", `HTTP ${status}`);
    if (!text.includes("<response>")) {
      // An empty body is OSMP's answer to missing parameters; HTML is a page in front of it.
      return text.trim() === ""
        ? failure("unexpected", "empty OSMP reply")
        : failure("unavailable", "not an OSMP reply");
    }
    const result = tag(text, "result");
    if (result === undefined) return failure("unexpected", "OSMP reply without result");
    return success({ result, xml: text });
  };

  return {
    check: async ({ payid, sum }) => {
      const reply = await osmp({
        command: "check",
        // OSMP wants a txn_id on check too but stores nothing for it.
        txn_id: `check-${payid}`,
        account: payid,
        sum: positiveKopecks(sum),
      });
      if (!reply.ok) return reply;
      if (reply.value.result === OSMP_OK) return success({ kind: "found" });
      if (reply.value.result === OSMP_NOT_FOUND) return success({ kind: "not-found" });
      return failure("unexpected", `OSMP result ${reply.value.result.slice(0, 10)}`);
    },
    pay: async ({ txnId, payid, sum }) => {
      const query = { command: "pay", txn_id: txnId, account: payid, sum: positiveKopecks(sum) };
      const reply = await osmp(query);
      if (!reply.ok) return reply;
      const { result, xml } = reply.value;
      if (result === OSMP_NOT_FOUND) return success({ kind: "not-found" });
      if (result !== OSMP_OK) return failure("unexpected", `OSMP result ${result.slice(0, 10)}`);
      const prvTxn = tag(xml, "prv_txn");
      if (prvTxn === undefined || prvTxn === "")
        return failure("unexpected", "OSMP pay without prv_txn");
      const sumText = tag(xml, "sum");
      return success({
        kind: "accepted",
        prvTxn,
        sumKopecks: sumText === undefined ? null : toKopecks(sumText),
      });
    },
    processPayments: async ({ coreUrl, apiKey }) => {
      const query = { module: "remoteapi", key: apiKey, action: "opprocessing" };
      const answer = await httpGet(endpoint(coreUrl, query), options);
      if (!answer.ok) return answer;
      const { status, text } = answer.value;
      if (status !== 200) return failure("unexpected", `HTTP ${status}`);
      return processingOutcome(text.trim());
    },
  };
}

function processingOutcome(text: string): UbillingResult<ProcessingOutcome> {
  const processed = /^OK:TRANSACTIONS_PROCESSED (\d+)$/.exec(text);
  if (processed) return success({ kind: "processed", count: Number(processed[1]) });
  if (text === "SKIP:OPPROCESSING_RUNNING") return success({ kind: "busy" });
  if (text === "ERROR:GET_WRONG_KEY" || text === "ERROR:GET_NO_KEY") {
    return failure("wrong-credentials", text);
  }
  if (
    text === "ERROR:API_DISABLED" ||
    text === "ERROR:OPENPAYZ_DISABLED" ||
    text === "ERROR:OPENPAYZ_HIGHLOAD_DISABLED"
  ) {
    return failure("disabled", text);
  }
  if (text.startsWith("<")) return failure("unavailable", "not a RemoteAPI reply");
  return failure("unexpected", "unknown RemoteAPI reply");
}
