// Money and times on the operator's console: rubles as the subscriber reads them, times in the
// provider's time zone as `2026-11-25 10:00`.
import { localDateTime } from "../../core/zoned-time.ts";
import { formatMoney } from "../format.ts";

export { formatMoney };

/** `+1 500,00 ₽` / `−20,00 ₽`: a ledger movement. */
export const formatMovement = (kopecks: number) =>
  `${kopecks > 0 ? "+" : ""}${formatMoney(kopecks)}`;

export const formatInstant: (instant: Date, timeZone: string) => string = localDateTime;

/** A DATE column (midnight UTC) as `2026-12-01`. */
export const formatDateColumn = (date: Date) => date.toISOString().slice(0, 10);

/** `line 7: phone: "12" is not a Russian phone number` */
export const formatRowProblem = (problem: { line: number; field: string; problem: string }) =>
  `line ${problem.line}: ${problem.field}: ${problem.problem}`;
