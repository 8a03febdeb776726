// What a monitoring system sends to open or resolve an incident (POST /incidents): its own id of
// the event, so a retry or a repeated alert is the same incident, never a second one.
import { z } from "zod";
import type { Db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { readEta } from "./eta.ts";
import { findByMonitorKey, incidentText, openNewIncident, resolveIncident } from "./incidents.ts";
import { scopeProblem } from "./known-scope.ts";
import { readScope } from "./scope-input.ts";

const monitorId = z
  .string()
  .trim()
  .regex(/^[\w.:/-]{1,100}$/, { error: "id: 1 to 100 characters of A-Z, a-z, 0-9 and _.:/-" });

export const monitorEvent = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("open"),
    id: monitorId,
    city: z.boolean().optional(),
    streets: z.array(z.string().max(100)).max(50).optional(),
    houses: z.array(z.string().max(20)).max(200).optional(),
    services: z
      .array(z.enum(["internet", "iptv"]))
      .min(1)
      .default(["internet"]),
    eta: z.string().max(40, { error: "eta: HH:MM, DD.MM HH:MM or an ISO date-time" }),
    text: incidentText,
  }),
  z.object({ action: z.literal("resolve"), id: monitorId }),
]);
export type MonitorEvent = z.infer<typeof monitorEvent>;

export type MonitorOutcome =
  | { status: "opened"; incident: number; notices: number }
  /** The same id again: the incident it opened, unchanged. */
  | { status: "exists"; incident: number }
  | { status: "resolved"; incident: number; notices: number }
  | { status: "already-resolved"; incident: number }
  | { status: "unknown-id" }
  | { status: "bad-input"; problem: string };

/** `2026-12-03T18:30:00+03:00` as monitors write times, or what staff type. */
function etaOf(text: string, now: Date, timeZone: string): Date | string {
  const iso = /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : null;
  if (iso) return Number.isNaN(iso.getTime()) || iso <= now ? "eta: not a time ahead" : iso;
  const reading = readEta(text, now, timeZone);
  return "eta" in reading ? reading.eta : `eta: ${reading.problem}`;
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export async function applyMonitorEvent(
  db: Db,
  event: MonitorEvent,
  options: { timeZone: string; now?: Date },
): Promise<MonitorOutcome> {
  const now = options.now ?? new Date();
  const monitorKey = `monitor:${event.id}`;
  const existing = await findByMonitorKey(db, monitorKey);
  if (event.action === "resolve") {
    if (!existing) return { status: "unknown-id" };
    const result = await resolveIncident(db, {
      id: existing.id,
      by: monitorKey,
      timeZone: options.timeZone,
      now,
    });
    return result.outcome === "done"
      ? { status: "resolved", incident: existing.id, notices: result.notices }
      : { status: "already-resolved", incident: existing.id };
  }
  if (existing) return { status: "exists", incident: existing.id };
  const scope = readScope({ city: event.city, streets: event.streets, houses: event.houses });
  if ("problem" in scope) {
    return {
      status: "bad-input",
      problem: "text" in scope ? `${scope.problem}: ${scope.text}` : scope.problem,
    };
  }
  const problem = await scopeProblem(db, scope.scope);
  if (problem) {
    return {
      status: "bad-input",
      problem:
        problem.problem === "unknown-street"
          ? `unknown street: ${problem.street}`
          : `no contracts in houses ${problem.houses.join(", ")} of ${problem.street}`,
    };
  }
  const eta = etaOf(event.eta, now, options.timeZone);
  if (typeof eta === "string") return { status: "bad-input", problem: eta };
  try {
    const result = await openNewIncident(db, {
      scope: scope.scope,
      services: event.services.map((service) => (service === "iptv" ? "IPTV" : "INTERNET")),
      eta,
      text: event.text,
      createdBy: monitorKey,
      monitorKey,
      timeZone: options.timeZone,
      now,
    });
    if (result.outcome === "not-found") throw new Error("the new incident vanished");
    return {
      status: "opened",
      incident: result.incident.id,
      notices: result.outcome === "done" ? result.notices : 0,
    };
  } catch (error) {
    // The same event at the same moment on another instance: that one opened it.
    if (!isUniqueViolation(error)) throw error;
    const winner = await findByMonitorKey(db, monitorKey);
    if (!winner) throw error;
    return { status: "exists", incident: winner.id };
  }
}
