// Mass outages: a draft (the staff chat's preview), opened (everyone it reaches is told, through
// the outbox, once per incident and Telegram user), its ETA changed (a short update to those told),
// resolved ("restored" to those told and to those who wrote in). Each step is one transaction that
// moves the incident and writes its notices, so a rerun, a second press or a second instance
// finds the step done and writes nothing twice.
import { z } from "zod";
import { billingDayAt, dayAsDate } from "../billing/calendar.ts";
import type { Db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { IncidentStatus } from "../generated/prisma/enums.ts";
import { multiline } from "../plain-text.ts";
import { affectedAccounts, type Scope, type Service, scopeColumns, scopeOf } from "./scope.ts";

/** What subscribers read: one message with room for the bot's own lines around it. */
export const incidentText = z
  .string()
  .trim()
  .min(1, { error: "the text for subscribers is empty" })
  .max(1000, { error: "the text for subscribers is at most 1,000 characters" })
  .regex(multiline, { error: "the text holds no control characters but line breaks" });

export const incidentNoticeKinds = {
  opened: "incident-opened",
  eta: "incident-eta",
  restored: "incident-restored",
  reply: "incident-reply",
} as const;

export interface Incident {
  id: number;
  status: IncidentStatus;
  scope: Scope;
  services: Service[];
  eta: Date;
  text: string;
  openedAt: Date | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  topicId: number | null;
  cardMessageId: number | null;
}

export interface Reach {
  contracts: number;
  /** Distinct reachable Telegram users linked to those contracts: who is told. */
  subscribers: number;
}

export interface NewIncident {
  scope: Scope;
  services: Service[];
  eta: Date;
  text: string;
  createdBy: string;
  /** A monitoring system's own id of the event. */
  monitorKey?: string;
}

type Row = Prisma.IncidentGetPayload<object>;

function incidentOf(row: Row): Incident {
  return {
    id: row.id,
    status: row.status,
    scope: scopeOf(row),
    services: row.services,
    eta: row.eta,
    text: row.text,
    openedAt: row.openedAt,
    resolvedAt: row.resolvedAt,
    resolvedBy: row.resolvedBy,
    topicId: row.topicId,
    cardMessageId: row.cardMessageId,
  };
}

/** Linked, reachable Telegram users of the affected contracts, as `u` (and `a`, `l`). */
const recipientsFrom = (scope: Scope, down: readonly Service[]) => Prisma.sql`
  FROM "Account" a
  JOIN "AccountLink" l ON l."accountId" = a.id AND l."suspendedAt" IS NULL
  JOIN "TelegramUser" u ON u.id = l."telegramUserId" AND u.reachable
  WHERE ${affectedAccounts(scope, down)}`;

export async function reachOf(db: Db, scope: Scope, down: readonly Service[]): Promise<Reach> {
  const [contracts] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT COUNT(*) AS count FROM "Account" a WHERE ${affectedAccounts(scope, down)}`;
  const [subscribers] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT COUNT(DISTINCT u.id) AS count ${recipientsFrom(scope, down)}`;
  return { contracts: Number(contracts?.count ?? 0), subscribers: Number(subscribers?.count ?? 0) };
}

export async function draftIncident(db: Db, input: NewIncident): Promise<Incident> {
  const row = await db.incident.create({
    data: {
      ...scopeColumns(input.scope),
      services: input.services,
      eta: input.eta,
      text: incidentText.parse(input.text),
      createdBy: input.createdBy,
      monitorKey: input.monitorKey,
    },
  });
  return incidentOf(row);
}

/** A preview not opened, thrown away; an incident opened meanwhile stays. */
export async function dropDraft(db: Db, id: number): Promise<void> {
  await db.incident.deleteMany({ where: { id, status: "DRAFT" } });
}

export async function findIncident(db: Db, id: number): Promise<Incident | null> {
  const row = await db.incident.findUnique({ where: { id } });
  return row && incidentOf(row);
}

export async function findByMonitorKey(db: Db, monitorKey: string): Promise<Incident | null> {
  const row = await db.incident.findUnique({ where: { monitorKey } });
  return row && incidentOf(row);
}

export async function openIncidents(db: Db): Promise<Incident[]> {
  const rows = await db.incident.findMany({ where: { status: "OPEN" }, orderBy: { id: "asc" } });
  return rows.map(incidentOf);
}

export type StepResult =
  | { outcome: "done"; incident: Incident; notices: number }
  /** The step was taken already (a second press, a rerun): nothing written. */
  | { outcome: "already"; incident: Incident }
  /** The incident is past that step: resolved, or an ETA for one not open. */
  | { outcome: "not-open"; incident: Incident }
  | { outcome: "not-found" };

interface Step {
  id: number;
  by: string;
  timeZone: string;
  now?: Date;
}

const noticeDay = (now: Date, timeZone: string) => dayAsDate(billingDayAt(now, timeZone));

/** Opens a draft: the incident starts now and everyone it reaches is told. */
export async function openIncident(db: Db, step: Step): Promise<StepResult> {
  const now = step.now ?? new Date();
  return db.$transaction(async (tx) => {
    const opened = await tx.incident.updateMany({
      where: { id: step.id, status: "DRAFT" },
      data: { status: "OPEN", openedAt: now, openedBy: step.by },
    });
    const row = await tx.incident.findUnique({ where: { id: step.id } });
    if (!row) return { outcome: "not-found" };
    const incident = incidentOf(row);
    if (opened.count === 0) {
      return { outcome: incident.status === "OPEN" ? "already" : "not-open", incident };
    }
    const payload = { incidentId: row.id, text: row.text, since: now, eta: row.eta };
    const notices = await tx.$executeRaw`
      INSERT INTO "Notification" (key, kind, "telegramUserId", "incidentId", day, payload)
      SELECT DISTINCT 'incident:' || ${row.id}::int || ':open:' || u.id, ${incidentNoticeKinds.opened},
             u.id, ${row.id}::int, ${noticeDay(now, step.timeZone)}::date, ${JSON.stringify(payload)}::jsonb
      ${recipientsFrom(incident.scope, incident.services)}
      ON CONFLICT (key) DO NOTHING`;
    return { outcome: "done", incident, notices };
  });
}

/** The CLI's and the monitoring endpoint's one step: a new incident, opened at once. */
export async function openNewIncident(
  db: Db,
  input: NewIncident & { timeZone: string; now?: Date },
): Promise<StepResult> {
  const draft = await draftIncident(db, input);
  return openIncident(db, {
    id: draft.id,
    by: input.createdBy,
    timeZone: input.timeZone,
    now: input.now,
  });
}

/** Told of the opening already (or being told now): who hears of later steps. */
const toldOfOpening = (id: number) => Prisma.sql`
  SELECT n."telegramUserId" AS id FROM "Notification" n
  WHERE n."incidentId" = ${id} AND n.kind = ${incidentNoticeKinds.opened}
    AND n.status IN ('SENDING', 'SENT', 'UNCONFIRMED')`;

/**
 * A new ETA: an opening notice still waiting carries the new one; those told already get a short
 * update. The same ETA again is no change.
 */
export async function changeEta(db: Db, step: Step & { eta: Date }): Promise<StepResult> {
  const now = step.now ?? new Date();
  return db.$transaction(async (tx) => {
    const row = await tx.incident.findUnique({ where: { id: step.id } });
    if (!row) return { outcome: "not-found" };
    if (row.status !== "OPEN") return { outcome: "not-open", incident: incidentOf(row) };
    if (row.eta.getTime() === step.eta.getTime())
      return { outcome: "already", incident: incidentOf(row) };
    const changed = await tx.incident.updateMany({
      where: { id: row.id, status: "OPEN", etaVersion: row.etaVersion },
      data: { eta: step.eta, etaVersion: { increment: 1 } },
    });
    // Another change won the race: it is the one told.
    if (changed.count === 0) return { outcome: "already", incident: incidentOf(row) };
    const eta = step.eta.toISOString();
    await tx.$executeRaw`
      UPDATE "Notification" SET payload = jsonb_set(payload, '{eta}', to_jsonb(${eta}::text))
      WHERE "incidentId" = ${row.id} AND status = 'PENDING'
        AND kind IN (${incidentNoticeKinds.opened}, ${incidentNoticeKinds.eta})`;
    const version = row.etaVersion + 1;
    const payload = { incidentId: row.id, text: row.text, eta: step.eta };
    const notices = await tx.$executeRaw`
      INSERT INTO "Notification" (key, kind, "telegramUserId", "incidentId", day, payload)
      SELECT 'incident:' || ${row.id}::int || ':eta' || ${version}::int || ':' || told.id,
             ${incidentNoticeKinds.eta}, told.id, ${row.id}::int,
             ${noticeDay(now, step.timeZone)}::date, ${JSON.stringify(payload)}::jsonb
      FROM (${toldOfOpening(row.id)}) told
      WHERE NOT EXISTS (
        SELECT 1 FROM "Notification" p
        WHERE p."incidentId" = ${row.id} AND p."telegramUserId" = told.id
          AND p.kind = ${incidentNoticeKinds.eta} AND p.status = 'PENDING')
      ON CONFLICT (key) DO NOTHING`;
    const updated = await tx.incident.findUniqueOrThrow({ where: { id: row.id } });
    return { outcome: "done", incident: incidentOf(updated), notices };
  });
}

/**
 * Resolved: notices not sent yet are dropped (the outage is over), and "restored" goes to everyone
 * who was told of it and everyone whose request is attached to it.
 */
export async function resolveIncident(db: Db, step: Step): Promise<StepResult> {
  const now = step.now ?? new Date();
  return db.$transaction(async (tx) => {
    const resolved = await tx.incident.updateMany({
      where: { id: step.id, status: "OPEN" },
      data: { status: "RESOLVED", resolvedAt: now, resolvedBy: step.by },
    });
    const row = await tx.incident.findUnique({ where: { id: step.id } });
    if (!row) return { outcome: "not-found" };
    const incident = incidentOf(row);
    if (resolved.count === 0) {
      return { outcome: row.status === "RESOLVED" ? "already" : "not-open", incident };
    }
    // The attached requests are answered by the resolve: "restored" is their last message.
    await tx.supportTicket.updateMany({
      where: { incidentId: row.id, status: "OPEN" },
      data: { status: "CLOSED", closedAt: now, resolvedAt: now },
    });
    await tx.notification.deleteMany({
      where: {
        incidentId: row.id,
        status: "PENDING",
        kind: { in: [incidentNoticeKinds.opened, incidentNoticeKinds.eta] },
      },
    });
    const payload = { incidentId: row.id, text: row.text };
    const notices = await tx.$executeRaw`
      INSERT INTO "Notification" (key, kind, "telegramUserId", "incidentId", day, payload)
      SELECT 'incident:' || ${row.id}::int || ':restored:' || who.id, ${incidentNoticeKinds.restored},
             who.id, ${row.id}::int, ${noticeDay(now, step.timeZone)}::date, ${JSON.stringify(payload)}::jsonb
      FROM (
        ${toldOfOpening(row.id)}
        UNION
        SELECT t."telegramUserId" FROM "SupportTicket" t WHERE t."incidentId" = ${row.id}
      ) who
      JOIN "TelegramUser" u ON u.id = who.id AND u.reachable
      ON CONFLICT (key) DO NOTHING`;
    return { outcome: "done", incident, notices };
  });
}

export interface IncidentProgress {
  /** Opening notices written, and of them sent. */
  told: number;
  sent: number;
  /** Subscribers whose requests are attached. */
  wrote: number;
}

export async function progressOfIncident(db: Db, id: number): Promise<IncidentProgress> {
  const [told, sent, wrote] = await Promise.all([
    db.notification.count({ where: { incidentId: id, kind: incidentNoticeKinds.opened } }),
    db.notification.count({
      where: { incidentId: id, kind: incidentNoticeKinds.opened, status: "SENT" },
    }),
    db.supportTicket.count({ where: { incidentId: id } }),
  ]);
  return { told, sent, wrote };
}

/** The incident whose topic in the agents' group this is. */
export async function findIncidentByTopic(db: Db, topicId: number): Promise<Incident | null> {
  const row = await db.incident.findFirst({ where: { topicId } });
  return row && incidentOf(row);
}
