// POST /incidents for monitoring systems (e.g. a switch down → an incident for the houses it
// serves), on the operator's HTTP server: the shared secret as `Authorization: Bearer <secret>`,
// JSON as core/incidents/monitor-event.ts reads it; idempotent by the monitor's own event id.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Db } from "../core/db.ts";
import { applyMonitorEvent, monitorEvent } from "../core/incidents/monitor-event.ts";

const maxBodyBytes = 64 * 1024;

export interface HookAnswer {
  status: number;
  body: Record<string, unknown>;
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function secretMatches(header: string | undefined, secret: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "");
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function incidentHook(deps: {
  db: Db;
  secret: string;
  timeZone: string;
  /** An incident opened or resolved: send its notices now, show it at once. */
  changed(): void;
}) {
  return async (request: IncomingMessage): Promise<HookAnswer> => {
    if (!secretMatches(request.headers.authorization, deps.secret)) {
      return { status: 401, body: { error: "wrong or missing secret" } };
    }
    const text = await readBody(request);
    if (text === null) return { status: 413, body: { error: "body over 64 KB" } };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { status: 400, body: { error: "not JSON" } };
    }
    const event = monitorEvent.safeParse(json);
    if (!event.success) {
      const issue = event.error.issues[0];
      return {
        status: 400,
        body: { error: `${issue?.path.join(".") || "body"}: ${issue?.message}` },
      };
    }
    const outcome = await applyMonitorEvent(deps.db, event.data, { timeZone: deps.timeZone });
    if (outcome.status === "bad-input") return { status: 400, body: { error: outcome.problem } };
    if (outcome.status === "unknown-id")
      return { status: 404, body: { error: "no incident for this id" } };
    if (outcome.status === "opened" || outcome.status === "resolved") deps.changed();
    return { status: outcome.status === "opened" ? 201 : 200, body: outcome };
  };
}
