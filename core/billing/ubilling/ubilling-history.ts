// A period of Ubilling's payments (top-ups) and fee charges as the history page the built-in
// billing shows: newest first, a month's tariff fees folded into one line, paged the same way.
import { instantAt } from "../../zoned-time.ts";
import { addDays } from "../calendar.ts";
import { type HistoryLine, pageOfHistory, periodDays } from "../history.ts";
import type { HistoryQuery } from "../port.ts";
import type { UbillingFeeCharge, UbillingPayment } from "./xmlagent-schemas.ts";

/** The days to ask Ubilling for: it compares `dateto` as text, so the day after is sent. */
export function feeChargeRange(query: HistoryQuery): { from: string; to: string } {
  const { from, to } = periodDays(query.period, query.today);
  return { from, to: addDays(to, 1) };
}

/** "YYYY-MM-DD HH:MM:SS" on the billing's wall clock (the provider's time zone). */
export function ubillingInstant(dateTime: string, timeZone: string): Date {
  const [day = "", time = ""] = dateTime.split(" ");
  const [hours = 0, minutes = 0, seconds = 0] = time.split(":").map(Number);
  return new Date(instantAt(day, hours * 60 + minutes, timeZone).getTime() + seconds * 1000);
}

export function historyFromUbilling(
  query: HistoryQuery & { pageSize?: number },
  payments: UbillingPayment[],
  feeCharges: UbillingFeeCharge[],
) {
  const days = periodDays(query.period, query.today);
  const inPeriod = (row: { date: string }) => {
    const day = row.date.slice(0, 10);
    return day >= days.from && day <= days.to;
  };
  // Negative payments come back among the fee charges too: the charges are taken from there.
  const topUps = payments.filter((row) => row.amountKopecks > 0 && inPeriod(row));
  // The sign of a fees row is the core's choice (docs §1.7): every fee charge is money out.
  const charges = feeCharges
    .filter((row) => row.amountKopecks !== 0 && inPeriod(row))
    .map((row) => ({ ...row, amountKopecks: -Math.abs(row.amountKopecks) }));
  const at = (row: { date: string }) => ubillingInstant(row.date, query.timeZone);

  const entries = [
    ...topUps.map((row) => ({ row, kind: "TOPUP" as const })),
    ...charges.map((row) => ({
      row,
      kind: row.type === "mainsrv" ? ("FEE" as const) : ("CHARGE" as const),
    })),
  ].sort((a, b) => b.row.date.localeCompare(a.row.date));

  const feesByMonth = new Map<string, UbillingFeeCharge[]>();
  for (const row of charges.filter((charge) => charge.type === "mainsrv")) {
    const month = row.date.slice(0, 7);
    feesByMonth.set(month, [...(feesByMonth.get(month) ?? []), row]);
  }

  const lines: HistoryLine[] = [];
  for (const { row, kind } of entries) {
    const amount = row.amountKopecks;
    if (kind !== "FEE") {
      lines.push({ type: "entry", at: at(row), kind, amount, reference: null });
      continue;
    }
    const month = row.date.slice(0, 7);
    const monthFees = feesByMonth.get(month) ?? [];
    // A monthly tariff charges once a month: that is one fee, not "1 day" of daily charges.
    if (monthFees.length === 1) {
      lines.push({ type: "entry", at: at(row), kind: "DAILY_CHARGE", amount, reference: null });
      continue;
    }
    if (monthFees[monthFees.length - 1] !== row) continue; // folded into the month's newest
    const total = monthFees.reduce((sum, fee) => sum + fee.amountKopecks, 0);
    lines.push({ type: "charges", at: at(row), month, amount: total, days: monthFees.length });
  }
  const amounts = [...topUps, ...charges].map((row) => ({ amount: row.amountKopecks }));
  return pageOfHistory(query, days, lines, amounts);
}
