// The payments into a Ubilling contract on one day, for the operator's reconciliation. The
// subscriber's XMLAgent `payments` (docs/ubilling-api.md §1.6) gives each row's date, sum and
// balance only: no id, no note, no cash type, so an OpenPayz payment (note `OP:<PAYSYS>`) cannot
// be told from cash at the office. Every payment in on the day is listed, not marked as a card one.

import type { BillingDay } from "../calendar.ts";
import type { BillingCardPayment } from "../card-payments-on.ts";
import { ubillingInstant } from "./ubilling-history.ts";
import type { UbillingPayment } from "./xmlagent-schemas.ts";

/** The rows dated on the day (on the billing's wall clock, the provider's time zone) that add money. */
export function paymentsInOn(
  accountId: number,
  rows: UbillingPayment[],
  day: BillingDay,
  timeZone: string,
): BillingCardPayment[] {
  return rows
    .filter((row) => row.amountKopecks > 0 && row.date.slice(0, 10) === day)
    .map((row) => ({
      accountId,
      amount: row.amountKopecks,
      reference: null,
      at: ubillingInstant(row.date, timeZone),
      card: false,
    }));
}
