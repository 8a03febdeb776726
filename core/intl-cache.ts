// Intl formatters, built once per locale and options and kept: building one reads ICU's locale and
// time zone data, which costs a hundred times more than formatting with it (issue 17), and the
// bot formats dates on every update. The set of keys is small and fixed by the code (a few
// locales, the configured time zone), so the cache needs no eviction.

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = JSON.stringify([locale, options]);
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}
