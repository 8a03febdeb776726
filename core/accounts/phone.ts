// Russian phone numbers as people type them (+7…, 8…, spaces, dashes, brackets) to E.164.

/** `+7XXXXXXXXXX`, or null when the input is not a Russian number. */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^\+?[\d\s\-()]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  if (digits.length === 11 && (digits.startsWith("7") || digits.startsWith("8"))) {
    if (digits.startsWith("8") && trimmed.startsWith("+")) return null;
    return `+7${digits.slice(1)}`;
  }
  if (digits.length === 10 && digits.startsWith("9") && !trimmed.startsWith("+")) {
    return `+7${digits}`;
  }
  return null;
}
