// PostgreSQL's json and text types cannot hold a NUL character or half of a UTF-16 surrogate
// pair, and Telegram passes on whatever a (modified) client sends. One such character in one
// update would make its batch unstorable, and polling (or the webhook) would stall on it forever.

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what it looks for.
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A deep copy whose strings have every such character replaced with U+FFFD. */
export function storableJson<T>(value: T): T {
  if (typeof value === "string") return value.replace(unstorable, "\ufffd") as T;
  if (Array.isArray(value)) return value.map(storableJson) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [storableJson(key), storableJson(field)]),
    ) as T;
  }
  return value;
}
