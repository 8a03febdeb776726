// What a handler answers, and Ubilling's response envelope (renderResponse in the XMLAgent):
// records merged into one object without a subSection, an array with one, `[]` when empty.

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Destroy the socket instead of answering (a "drop" fault). */
  drop?: boolean;
}

/** One row of data, in server order. */
export type DataRecord = Record<string, unknown>;

const AGENT_HEADERS = {
  "access-control-allow-origin": "*",
  "cache-control": "no-store, no-cache, must-revalidate",
  pragma: "no-cache",
};

export function textReply(status: number, body: string): Reply {
  return { status, headers: { "content-type": "text/plain; charset=UTF-8" }, body };
}

export function htmlReply(status: number, body: string): Reply {
  return { status, headers: { "content-type": "text/html; charset=UTF-8" }, body };
}

export function xmlReply(body: string): Reply {
  return { status: 200, headers: { "content-type": "text/xml; charset=UTF-8" }, body };
}

export function jsonReply(value: unknown): Reply {
  return {
    status: 200,
    headers: { ...AGENT_HEADERS, "content-type": "application/json; charset=UTF-8" },
    body: JSON.stringify(value),
  };
}

/**
 * The agent's renderer. JSON: without a subSection every record merges into one flat object,
 * with one it is an array (keys dropped); no records at all is `[]`. XML: `<main>` holding
 * `<sub>` per record (when set) and unescaped `<field>value</field>` lines.
 */
export function renderAgent(
  records: DataRecord[],
  main: string,
  sub: string | undefined,
  json: boolean,
): Reply {
  if (json) {
    if (records.length === 0) return jsonReply([]);
    return jsonReply(sub === undefined ? Object.assign({}, ...records) : records);
  }
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<${main}>`];
  for (const record of records) {
    if (sub !== undefined) lines.push(`<${sub}>`);
    for (const [field, value] of Object.entries(record)) {
      lines.push(`<${field}>${value === null ? "" : String(value)}</${field}>`);
    }
    if (sub !== undefined) lines.push(`</${sub}>`);
  }
  lines.push(`</${main}>`);
  return {
    status: 200,
    headers: { ...AGENT_HEADERS, "content-type": "text; charset=UTF-8" },
    body: lines.join("\n"),
  };
}

/** The agent's error body: `{"reason":"disabled"}` / `<error><reason>disabled</reason></error>`. */
export function agentError(reason: string, json: boolean): Reply {
  return renderAgent([{ reason }], "error", undefined, json);
}

export const PAGES = {
  youShallNotPass:
    "<html><head><title>You shall not pass</title></head><body><h1>You shall not pass</h1></body></html>",
  apiConnFail:
    "<html><head><title>API connection failed</title></head><body><h1>Billing API is unreachable</h1></body></html>",
  unavailable:
    "<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>",
};
