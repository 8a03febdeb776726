// A real pino logger whose lines the test can read (to check what is logged, and what never is).
import { createLogger, type Logger } from "../../core/logger.ts";

export interface CapturedLogger {
  logger: Logger;
  lines: string[];
  entries(): Record<string, unknown>[];
}

export function captureLogs(level = "debug"): CapturedLogger {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line)) };
}
