// What an agent needs to know about the subscriber behind a ticket: the contract (status, balance,
// tariffs, address, phone, trust payment, last payments) or only the Telegram name when the
// subscriber has not signed in, and an open connection request.
import { type BalanceCard, getBalanceCard } from "../billing/balance.ts";
import type { BillingDay } from "../billing/calendar.ts";
import type { Db } from "../db.ts";
import { type RecentPayment, recentPayments } from "../payments/topup.ts";

export interface SubscriberCard {
  ticketId: number;
  status: "OPEN" | "CLOSED";
  telegram: { id: number; firstName: string; lastName: string | null; username: string | null };
  account:
    | (BalanceCard & {
        address: string;
        phone: string | null;
        payments: RecentPayment[];
      })
    | null;
  connectionRequest: { id: number; status: string; address: string } | null;
}

export async function getSubscriberCard(
  db: Db,
  ticketId: number,
  today: BillingDay,
): Promise<SubscriberCard> {
  const ticket = await db.supportTicket.findUniqueOrThrow({
    where: { id: ticketId },
    select: {
      status: true,
      accountId: true,
      telegramUser: { select: { id: true, firstName: true, lastName: true, username: true } },
    },
  });
  const user = ticket.telegramUser;
  const account = ticket.accountId === null ? null : await accountPart(db, ticket.accountId, today);
  const request = await db.connectionRequest.findFirst({
    where: { telegramUserId: user.id, status: { in: ["NEW", "IN_PROGRESS"] } },
    orderBy: { id: "desc" },
    select: { id: true, status: true, address: true },
  });
  return {
    ticketId,
    status: ticket.status,
    telegram: {
      id: Number(user.id),
      firstName: user.firstName,
      lastName: user.lastName,
      username: user.username,
    },
    account,
    connectionRequest: request,
  };
}

async function accountPart(db: Db, accountId: number, today: BillingDay) {
  const [balance, contact, payments] = await Promise.all([
    getBalanceCard(db, accountId, today),
    db.account.findUniqueOrThrow({
      where: { id: accountId },
      select: { address: true, phone: true },
    }),
    recentPayments(db, accountId, 3),
  ]);
  return { ...balance, ...contact, payments };
}

/** The topic's name: ticket number, the subscriber's name and contract (at most 128 characters). */
export function topicName(input: {
  ticketId: number;
  name: string;
  login: string | null;
  unlinked: string;
}): string {
  const name = `№${input.ticketId} · ${input.name} · ${input.login ?? input.unlinked}`;
  return name.length <= 128 ? name : `${name.slice(0, 127)}…`;
}
