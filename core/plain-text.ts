// What text from Telegram may hold before it is stored: no control characters (PostgreSQL refuses a
// NUL byte in text, error 22021), line breaks and tabs only where a field has lines.
export const singleLine = /^[^\p{Cc}]*$/u;
export const multiline = /^(?:[^\p{Cc}]|[\n\t])*$/u;

/** Control characters dropped: for what Telegram says of a user, recorded whatever it holds. */
export const withoutControls = (text: string) => text.replace(/\p{Cc}/gu, "");
