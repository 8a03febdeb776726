const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "tg:", "ton:", "ftp:"]);

/**
 * Normalizes a link target like Telegram: a bare host gets `http://`, a URL
 * gets its canonical form (`https://a.b` becomes `https://a.b/`).
 * Returns undefined for what Telegram would not accept as a link.
 */
export function normalizeUrl(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === "") return undefined;
  const hasScheme = /^[a-z][a-z\d+.-]*:/i.test(trimmed);
  try {
    const url = new URL(hasScheme ? trimmed : `http://${trimmed}`);
    if (!ALLOWED_PROTOCOLS.has(url.protocol)) return undefined;
    if (!hasScheme && !/\.[a-z]{2,}$/i.test(url.hostname)) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

/** The user id of a `tg://user?id=<id>` link, which Telegram turns into a text_mention. */
export function mentionedUserId(url: string): number | undefined {
  const match = /^tg:(?:\/\/)?user\?id=(\d+)$/i.exec(url);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
