// What an agent needs to know about the subscriber behind a ticket: the contract (status, balance,
// tariffs, address, phone, trust payment, last payments) or only the Telegram name when the
// subscriber has not signed in, and an open connection request. The money comes from the billing;
// when it does not answer the card is made without it (a ticket must open whatever the billing).
import type { BalanceCard } from "../billing/balance.ts";
import type { BillingDay } from "../billing/calendar.ts";
import type { Billing } from "../billing/port.ts";
import type { Db } from "../db.ts";
import { type RecentPayment, recentPayments } from "../payments/topup.ts";

export interface SubscriberCard {
  ticketId: number;
  status: "OPEN" | "CLOSED";
  telegram: { id: number; firstName: string; lastName: string | null; username: string | null };
  account: {
    login: string;
    name: string;
    address: string;
    phone: string | null;
    /** The card payments received through the bot. */
    payments: RecentPayment[];
    /** The contract's money and tariffs, or null when the billing did not answer. */
    money: BalanceCard | null;
  } | null;
  connectionRequest: { id: number; status: string; address: string } | null;
}

export async function getSubscriberCard(
  db: Db,
  billing: Pick<Billing, "contractSummary">,
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
  const account =
    ticket.accountId === null ? null : await accountPart(db, billing, ticket.accountId, today);
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

async function accountPart(
  db: Db,
  billing: Pick<Billing, "contractSummary">,
  accountId: number,
  today: BillingDay,
) {
  const [money, contract, payments] = await Promise.all([
    billing.contractSummary(accountId, today).catch(() => null),
    db.account.findUniqueOrThrow({
      where: { id: accountId },
      select: { login: true, name: true, address: true, phone: true },
    }),
    recentPayments(db, accountId, 3),
  ]);
  return { ...contract, name: money?.name || contract.name, payments, money };
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
