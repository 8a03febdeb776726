import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger };

// Whatever a handler logs, these never reach the log in clear.
const secretPaths = [
  "password",
  "*.password",
  "newPassword",
  "*.newPassword",
  "code",
  "*.code",
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "passwordHash",
  "*.passwordHash",
  "providerToken",
  "*.providerToken",
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "kaspnet-bot" },
      redact: { paths: secretPaths, censor: "[secret]" },
    },
    destination,
  );
}
