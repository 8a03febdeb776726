// "Your service was blocked": written by whatever blocks a contract (the daily charge, the end of
// a trust payment), in its transaction, for every reachable Telegram user linked to it; once a day.
import type { BillingDay } from "../billing/calendar.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { noticeKinds } from "./notice-payload.ts";
import { enqueueAccountNotices } from "./outbox.ts";

export function enqueueBlockedNotices(
  tx: Prisma.TransactionClient,
  day: BillingDay,
  accounts: { id: number; login: string; balance: number }[],
): Promise<number> {
  return enqueueAccountNotices(
    tx,
    noticeKinds.serviceBlocked,
    day,
    accounts.map(({ id, login, balance }) => ({
      accountId: id,
      payload: { accountId: id, login, balance },
    })),
  );
}
