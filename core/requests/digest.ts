// The daily digest to the staff chat: requests still NEW more than a day after they came in.
// Sent at most once a day: the day is marked after the digest went out, so a rerun (a restart's
// catch-up, a second instance, the operator) sends nothing twice, and a run whose message did not
// go sends it on its rerun. A day with nothing overdue sends nothing.
import type { BillingDay } from "../billing/calendar.ts";
import { dayAsDate } from "../billing/calendar.ts";
import { isUniqueViolation } from "../billing/ledger.ts";
import type { Db } from "../db.ts";
import type { Notifier } from "../ports.ts";
import { newRequestsSince } from "./lists.ts";

const overdueAfterMs = 24 * 60 * 60 * 1000;

/** The staff chat reads Russian. */
const staffLanguage = "ru";

export interface DigestReport {
  overdue: number;
  sent: number;
  failed: number;
}

export async function runRequestsDigest(
  db: Db,
  input: { day: BillingDay; staffChatId: number | undefined; notifier: Notifier; now?: Date },
): Promise<DigestReport> {
  const { day, staffChatId, notifier, now = new Date() } = input;
  const done = await db.requestDigest.findUnique({ where: { day: dayAsDate(day) } });
  if (done) return { overdue: done.requests, sent: 0, failed: 0 };
  const requests = await newRequestsSince(db, new Date(now.getTime() - overdueAfterMs));
  if (requests.length === 0 || staffChatId === undefined)
    return { overdue: requests.length, sent: 0, failed: 0 };
  const { outcome } = await notifier.send(
    { id: staffChatId, chatId: staffChatId, languageCode: staffLanguage },
    {
      kind: "requests-digest",
      requests: requests.map(({ id, name, phone, createdAt }) => ({ id, name, phone, createdAt })),
    },
  );
  if (outcome !== "sent") return { overdue: requests.length, sent: 0, failed: 1 };
  try {
    await db.requestDigest.create({ data: { day: dayAsDate(day), requests: requests.length } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return { overdue: requests.length, sent: 1, failed: 0 };
}
