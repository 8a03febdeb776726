// Amounts people type: "500", "1 500", "1500,50", "99.9" (rubles) to kopecks.
export function parseRubles(input: string): number | null {
  const compact = input
    .trim()
    .replace(/[\s\u00a0]/g, "")
    .replace(/(₽|руб\.?|р\.?)$/i, "");
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  const [, rubles = "0", kopecks = ""] = match;
  return Number(rubles) * 100 + Number(kopecks.padEnd(2, "0"));
}
