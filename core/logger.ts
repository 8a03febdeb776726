import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger };

const censor = "[secret]";

// Whatever a handler logs, the values under these names never reach the log in clear, however deep
// they sit in a logged object. A mailed one-time code travels as `code` (core/accounts:
// password-reset, email-change). The billing's secrets are under their Config names and their
// environment variables' (core/config.ts, core/billing/billing-settings.ts).
const secretNames = [
  "password",
  "newPassword",
  "passwordHash",
  "token",
  "botToken",
  "providerToken",
  "paymentProviderToken",
  "PAYMENT_PROVIDER_TOKEN",
  "BOT_TOKEN",
  "code",
  "secretKey",
  "oldSecretKeys",
  "apiKey",
  "passwordMd5",
  "credential",
  "BILLING_SECRET_KEY",
  "BILLING_SECRET_KEY_OLD",
  "UBILLING_API_KEY",
];
const secretNameSet = new Set(secretNames);
const secretPaths = secretNames.flatMap((name) => [name, `*.${name}`]);

// An error's code is no secret, and the log needs it to tell one failure from another. It is a
// name (Prisma's P2002, Node's ECONNREFUSED, ERR_INVALID_URL); a mailed code is six digits
// (core/accounts/one-time-code.ts). pino does not say which object a `*.code` was found in.
const errorCode = /^[A-Z][A-Z0-9_]*$/;
const keepsErrorCode = (value: unknown, path: string[]) =>
  path.at(-1) === "code" && typeof value === "string" && errorCode.test(value) ? value : censor;

const isPlain = (value: unknown): value is Record<string, unknown> | unknown[] =>
  Array.isArray(value) ||
  (typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype);

/**
 * The logged object with every secret-named value censored at any depth (pino's own redaction
 * reaches one level down). Errors are left to pino's serializer and its one-level redaction.
 */
function censorDeep(value: unknown, path: string[], seen: WeakSet<object>): unknown {
  if (!isPlain(value) || seen.has(value) || path.length > 8) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => censorDeep(item, path, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const itemPath = [...path, key];
    copy[key] = secretNameSet.has(key)
      ? keepsErrorCode(item, itemPath)
      : censorDeep(item, itemPath, seen);
  }
  return copy;
}

/** A bot token inside any text: a request URL in an error's message or stack. */
const botTokenInText = /\b(bot)?\d{6,12}:[A-Za-z0-9_-]{30,}/g;
const hideBotTokens = (line: string) =>
  line.replace(botTokenInText, (_token, prefix: string | undefined) => `${prefix ?? ""}${censor}`);

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "kaspnet-bot" },
      redact: {
        paths: secretPaths,
        censor: keepsErrorCode,
      },
      formatters: { log: (object) => censorDeep(object, [], new WeakSet()) as typeof object },
      hooks: { streamWrite: hideBotTokens },
    },
    destination,
  );
}
