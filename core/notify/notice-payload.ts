// A notification's stored facts back into the Notice the Telegram layer words: the payload is
// JSON written by an older or newer release, so it is parsed, not trusted.
import { z } from "zod";
import type { Notice } from "../ports.ts";

const money = z.number().int();
const account = { accountId: z.number().int(), login: z.string() };

const payloads = {
  "trust-expiry": z
    .object({
      ...account,
      amount: money,
      expiresAt: z.coerce.date(),
      balance: money,
      balanceAfterRepay: money,
    })
    .transform((facts) => ({ kind: "trust-expiring" as const, ...facts })),
  "low-balance": z
    .object({
      ...account,
      balance: money,
      dailyCharge: money,
      daysLeft: z.number().int(),
      stopsOn: z.iso.date(),
    })
    .transform((facts) => ({ kind: "low-balance" as const, ...facts })),
  "service-blocked": z
    .object({ ...account, balance: money })
    .transform((facts) => ({ kind: "service-blocked" as const, ...facts })),
  "card-payment": z
    .object({ ...account, amount: money, balance: money, unblocked: z.boolean() })
    .transform((facts) => ({ kind: "card-payment" as const, ...facts })),
  "card-refund": z
    .object({ ...account, amount: money, balance: money.nullable() })
    .transform((facts) => ({ kind: "card-refund" as const, ...facts })),
  "incident-opened": z
    .object({
      incidentId: z.number().int(),
      text: z.string(),
      since: z.coerce.date(),
      eta: z.coerce.date(),
    })
    .transform((facts) => ({ kind: "incident-opened" as const, ...facts })),
  "incident-eta": z
    .object({ incidentId: z.number().int(), text: z.string(), eta: z.coerce.date() })
    .transform((facts) => ({ kind: "incident-eta" as const, ...facts })),
  "incident-restored": z
    .object({ incidentId: z.number().int(), text: z.string() })
    .transform((facts) => ({ kind: "incident-restored" as const, ...facts })),
  "incident-reply": z
    .object({ incidentId: z.number().int(), text: z.string() })
    .transform((facts) => ({ kind: "incident-reply" as const, ...facts })),
} satisfies Record<string, z.ZodType<Notice>>;

export const noticeKinds = {
  trustExpiry: "trust-expiry",
  lowBalance: "low-balance",
  serviceBlocked: "service-blocked",
  cardPayment: "card-payment",
  cardRefund: "card-refund",
  announcement: "announcement",
} as const;

export interface StoredNotification {
  kind: string;
  payload: unknown;
  announcement: { text: string; entities: unknown } | null;
}

/** The notice a stored notification stands for, or null when it cannot be read. */
export function noticeOf(row: StoredNotification): Notice | null {
  if (row.kind === noticeKinds.announcement) {
    if (!row.announcement) return null;
    const { text, entities } = row.announcement;
    return { kind: "announcement", text, entities: Array.isArray(entities) ? entities : null };
  }
  const schema = payloads[row.kind as keyof typeof payloads];
  const parsed = schema?.safeParse(row.payload);
  return parsed?.success ? parsed.data : null;
}
