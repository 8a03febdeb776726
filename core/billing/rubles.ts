// Amounts of money as people type them: rubles with at most two decimals after a comma or a dot
// (`1500`, `1500,50`, `1 500.5`, `-180`, `750 ₽`, `750р`), to integer kopecks.
import { z } from "zod";

const amountFormat = /^([-\u2212])?(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{1,12})(?:[.,](\d{1,2}))?$/;

/** Kopecks, or null when the text is not an amount of rubles with at most two decimals. */
export function parseRubles(text: string): number | null {
  const match = amountFormat.exec(text.trim().replace(/\s*(₽|руб\.?|р\.?)$/i, ""));
  if (!match) return null;
  const [, minus, whole = "", fraction = ""] = match;
  const kopecks = Number(whole.replace(/\D/g, "")) * 100 + Number(fraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(kopecks)) return null;
  return minus && kopecks !== 0 ? -kopecks : kopecks;
}

/** Rubles (a string) to kopecks (a number), e.g. `rubles.pipe(z.number().positive())`. */
export const rubles = z.string().transform((text, context) => {
  const kopecks = parseRubles(text);
  if (kopecks === null) {
    context.addIssue({
      code: "custom",
      message: `"${text}" is not an amount of rubles, e.g. 1500 or 1500,50 (at most 2 decimals)`,
    });
    return z.NEVER;
  }
  return kopecks;
});
