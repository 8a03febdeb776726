// OpenPayz for card payments (docs §3): the OSMP frontend (check + pay, idempotent on the
// transaction id), the processing of op_transactions into payments, and the core RemoteAPI's
// `action=opprocessing` that drains the queue in highload mode.
import { dateTime } from "./format.ts";
import { type Reply, textReply } from "./reply.ts";
import type { OpTransaction, UbillingState } from "./state.ts";

const OSMP_PARAMS = ["command", "txn_id", "account", "sum"] as const;

function osmpXml(lines: string[], declaration: string): Reply {
  const body = [declaration, "<response>", ...lines, "</response>"].join("\n");
  return { status: 200, headers: { "content-type": "text/html; charset=UTF-8" }, body };
}

/** `frontend/osmp/?command=check|pay&txn_id=&account=<payid>&sum=`. */
export function osmpFrontend(state: UbillingState, query: URLSearchParams): Reply {
  if (OSMP_PARAMS.some((name) => (query.get(name) ?? "") === "")) return textReply(200, "");
  const txnId = (query.get("txn_id") ?? "").trim();
  const account = (query.get("account") ?? "").trim();
  const sum = query.get("sum") ?? "";
  const known = state.loginByPayid(account) !== undefined;
  const notFound = osmpXml(
    [`<osmp_txn_id>${txnId}</osmp_txn_id>`, "<result>5</result>"],
    '<?xml version="1.0"?>',
  );
  if (state.osmpResult !== undefined)
    return osmpXml(
      [`<osmp_txn_id>${txnId}</osmp_txn_id>`, `<result>${state.osmpResult}</result>`],
      '<?xml version="1.0"?>',
    );
  const command = query.get("command");
  if (command === "check") {
    if (!known) return notFound;
    return osmpXml(
      [`<osmp_txn_id>${txnId}</osmp_txn_id>`, "<result>0</result>"],
      '<?xml version="1.0"?>',
    );
  }
  if (command !== "pay") return textReply(200, "");
  if (!known) return notFound;
  const hash = `OSMP_${txnId}`;
  let transaction = state.opTransactions.find((row) => row.hash === hash);
  const answeredSum = transaction && state.osmpRepeatSum === "stored" ? transaction.summ : sum;
  if (transaction === undefined) {
    transaction = addTransaction(state, { hash, summ: sum, customerid: account, paysys: "OSMP" });
    if (!state.config.OP_HIGHLOAD_ENABLE) processAll(state, true);
  }
  return osmpXml(
    [
      `<osmp_txn_id>${txnId}</osmp_txn_id>`,
      `<prv_txn>${transaction.id}</prv_txn>`,
      `<sum>${answeredSum}</sum>`,
      "<result>0</result>",
      "<comment>OK</comment>",
    ],
    '<?xml version="1.0" encoding="UTF-8"?>',
  );
}

function addTransaction(
  state: UbillingState,
  fields: Pick<OpTransaction, "hash" | "summ" | "customerid" | "paysys">,
): OpTransaction {
  const row: OpTransaction = {
    id: state.opTransactions.length + 1,
    date: dateTime(state.now()),
    processed: false,
    note: "",
    ...fields,
  };
  state.opTransactions.push(row);
  return row;
}

/**
 * Applies every unprocessed transaction whose customer exists: a payments row `OP:<PAYSYS>` by
 * admin `openpayz`. The immediate handler also marks unknown customers' rows processed (with no
 * cash); the highload worker leaves them queued. Returns how many rows it went through.
 */
export function processAll(state: UbillingState, markUnknown: boolean): number {
  const pending = state.opTransactions.filter((row) => !row.processed);
  for (const row of pending) {
    const login = state.loginByPayid(row.customerid);
    if (login === undefined) {
      if (markUnknown) row.processed = true;
      continue;
    }
    const amount = Number(row.summ);
    if (Number.isFinite(amount) && row.summ.trim() !== "") {
      state.addPayment(login, amount, {
        note: `OP:${row.paysys}`,
        admin: "openpayz",
        cashtypeid: state.config.OPENPAYZ_CASHTYPEID,
      });
    }
    row.processed = true;
  }
  return pending.length;
}

/** The core's `?module=remoteapi&key=<serial>&action=...`; only opprocessing is emulated. */
export function remoteApi(state: UbillingState, query: URLSearchParams): Reply {
  const { config } = state;
  if (!config.REMOTEAPI_ENABLED) return textReply(200, "ERROR:API_DISABLED");
  const key = query.get("key") ?? "";
  if (key === "") return textReply(200, "ERROR:GET_NO_KEY");
  if (key !== config.serial) return textReply(200, "ERROR:GET_WRONG_KEY");
  const action = query.get("action") ?? "";
  if (action === "") return textReply(200, "ERROR:GET_NO_ACTION");
  if (action !== "opprocessing") return textReply(200, "");
  if (!config.OPENPAYZ_ENABLED) return textReply(200, "ERROR:OPENPAYZ_DISABLED");
  if (!config.OP_HIGHLOAD_ENABLE) return textReply(200, "ERROR:OPENPAYZ_HIGHLOAD_DISABLED");
  return textReply(200, `OK:TRANSACTIONS_PROCESSED ${processAll(state, false)}`);
}
