// After a resolve, the incident's topic in the agents' group gets a closing post and is closed.
// The resolve may come from the command line or the monitoring endpoint, where no bot sends, so
// the bot's digests job looks for resolved incidents whose topic is still open; whoever claims
// one (that job, or the staff chat's resolve right away) closes it, once across instances.
import type { Db } from "../db.ts";

export interface TopicToClose {
  incidentId: number;
  topicId: number;
}

/** Resolved incidents with a topic not closed yet, whose digests are all posted. */
export async function topicsToClose(db: Db, incidentId?: number): Promise<TopicToClose[]> {
  const rows = await db.incident.findMany({
    where: {
      ...(incidentId === undefined ? {} : { id: incidentId }),
      status: "RESOLVED",
      topicId: { not: null },
      topicClosedAt: null,
      messages: { none: { digestedAt: null } },
    },
    orderBy: { id: "asc" },
    select: { id: true, topicId: true },
  });
  return rows.map((row) => ({ incidentId: row.id, topicId: row.topicId as number }));
}

/** True for the one caller that is to close the topic. */
export async function claimTopicClose(db: Db, incidentId: number, now = new Date()) {
  const { count } = await db.incident.updateMany({
    where: { id: incidentId, status: "RESOLVED", topicClosedAt: null },
    data: { topicClosedAt: now },
  });
  return count === 1;
}

/** Telegram refused for a passing reason: the next run of the job tries again. */
export async function releaseTopicClose(db: Db, incidentId: number) {
  await db.incident.update({ where: { id: incidentId }, data: { topicClosedAt: null } });
}
