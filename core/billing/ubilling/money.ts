// Ubilling's amounts ("150.00", "-12.5", a JSON number such as 100 or -12.5, all in major units)
// to integer kopecks. The decimal text is parsed digit by digit, never multiplied as a float.
import { z } from "zod";

const decimalFormat = /^([+-])?(\d+)(?:\.(\d*))?$/;

/**
 * Kopecks, or null when the value is not a plain decimal amount. Digits past the second decimal
 * (a DECIMAL(…,4) column) are rounded half away from zero.
 */
export function toKopecks(value: string | number): number | null {
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  // A JS number prints as its shortest exact decimal (-12.5 → "-12.5"); exponents are refused.
  const text = typeof value === "number" ? String(value) : value.trim();
  const match = decimalFormat.exec(text);
  if (!match) return null;
  const [, sign, whole = "", fraction = ""] = match;
  const cents = Number(fraction.slice(0, 2).padEnd(2, "0"));
  const roundUp = (fraction[2] ?? "0") >= "5" ? 1 : 0;
  const kopecks = Number(whole) * 100 + cents + roundUp;
  if (!Number.isSafeInteger(kopecks)) return null;
  return sign === "-" && kopecks !== 0 ? -kopecks : kopecks;
}

/** A money field: a JSON number or a numeric string, to kopecks. */
export const money = z.union([z.number(), z.string()]).transform((value, context) => {
  const kopecks = toKopecks(value);
  if (kopecks === null) {
    context.addIssue({ code: "custom", message: "not a decimal amount of money" });
    return z.NEVER;
  }
  return kopecks;
});

/** Kopecks as the rubles Ubilling reads: "150.00", "-0.05". */
export function kopecksToDecimal(kopecks: number): string {
  const sign = kopecks < 0 ? "-" : "";
  const absolute = Math.abs(kopecks);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}
