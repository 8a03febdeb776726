import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger };

const censor = "[secret]";

// Whatever a handler logs, the values under these names never reach the log in clear. A mailed
// one-time code travels as `code` (core/accounts: password-reset, email-change). The credential
// keys are under their Config names and their environment variables' (core/config.ts).
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
  "credentialKey",
  "oldCredentialKeys",
  "CREDENTIAL_KEY",
  "CREDENTIAL_KEY_OLD",
];
const secretPaths = secretNames.flatMap((name) => [name, `*.${name}`]);

// An error's code is no secret, and the log needs it to tell one failure from another. It is a
// name (Prisma's P2002, Node's ECONNREFUSED, ERR_INVALID_URL); a mailed code is six digits
// (core/accounts/one-time-code.ts). pino does not say which object a `*.code` was found in.
const errorCode = /^[A-Z][A-Z0-9_]*$/;
const keepsErrorCode = (value: unknown, path: string[]) =>
  path.at(-1) === "code" && typeof value === "string" && errorCode.test(value) ? value : censor;

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
      hooks: { streamWrite: hideBotTokens },
    },
    destination,
  );
}
