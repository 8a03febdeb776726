// Spotting an outage nobody opened: a subscriber's "no internet" (the support answer) with no
// incident covering their contract is a report; `size` reports from one house (or, failing that,
// one street) within `minutes` make one suggestion to the staff. A cluster is suggested once: not
// again while a suggestion for its street is younger than the window, however many more report.
import type { Db } from "../db.ts";

export interface ClusterRule {
  size: number;
  minutes: number;
}

export interface Suggestion {
  id: number;
  street: { name: string; key: string };
  /** Null: the street as a whole. */
  house: string | null;
  reports: number;
  minutes: number;
}

/**
 * Records the report and returns the suggestion it completes, if any. One transaction under a
 * lock on the street, so two instances hearing the fifth report at once suggest it once.
 */
export async function reportNoInternet(
  db: Db,
  accountId: number,
  rule: ClusterRule,
  now = new Date(),
): Promise<Suggestion | null> {
  const account = await db.account.findUnique({
    where: { id: accountId },
    select: { street: true, streetKey: true, house: true },
  });
  if (!account?.streetKey || !account.street) return null;
  const { streetKey, street, house } = account;
  const since = new Date(now.getTime() - rule.minutes * 60_000);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`outage-cluster:${streetKey}`}))`;
    await tx.outageReport.create({ data: { accountId, streetKey, street, house, createdAt: now } });
    const reporters = async (where: { house?: string }) =>
      (
        await tx.outageReport.findMany({
          where: { streetKey, createdAt: { gte: since, lte: now }, ...where },
          distinct: ["accountId"],
          select: { accountId: true },
        })
      ).length;
    // Once per street and window: the staff were shown this street's wave already.
    const suggestedAlready =
      (await tx.incidentSuggestion.count({ where: { streetKey, createdAt: { gte: since } } })) > 0;
    if (suggestedAlready) return null;
    const candidates: { house: string | null; reports: number }[] = [];
    if (house) candidates.push({ house, reports: await reporters({ house }) });
    candidates.push({ house: null, reports: await reporters({}) });
    for (const candidate of candidates) {
      if (candidate.reports < rule.size) continue;
      const row = await tx.incidentSuggestion.create({
        data: {
          streetKey,
          street,
          house: candidate.house,
          reports: candidate.reports,
          createdAt: now,
        },
      });
      return {
        id: row.id,
        street: { name: street, key: streetKey },
        house: candidate.house,
        reports: candidate.reports,
        minutes: rule.minutes,
      };
    }
    return null;
  });
}

export async function findSuggestion(db: Db, id: number) {
  return db.incidentSuggestion.findUnique({ where: { id } });
}
