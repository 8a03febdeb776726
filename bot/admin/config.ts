// The operator's settings. Most commands need only the database (as the bot's: DATABASE_URL or
// the embedded one in DATA_DIR) and the provider's time zone, and no BOT_TOKEN. run-job needs
// every setting the scheduler's jobs read, validated as the bot validates them.
import { z } from "zod";
import { type Config, ConfigError, loadConfig, loadDatabaseConfig } from "../../core/config.ts";
import { invoiceLifetimeFields, invoiceLifetimeMs } from "../../core/payments/invoice-lifetime.ts";
import { isTimeZone } from "../../core/zoned-time.ts";

type Environment = Record<string, string | undefined>;

export interface AdminConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  timeZone: string;
  /** As the bot reads it: status counts the invoices still payable. */
  invoiceLifetimeMs: number;
}

// TZ_NAME as core/config.ts reads it; loadConfig itself would demand BOT_TOKEN.
function timeZoneOf(value: string | undefined): string {
  const name = value?.trim() || "Europe/Moscow";
  if (isTimeZone(name)) return name;
  throw new ConfigError(
    "Configuration error: TZ_NAME is invalid: expected an IANA time zone, e.g. Europe/Moscow",
  );
}

function invoiceLifetimeOf(environment: Environment): number {
  const read = z.object(invoiceLifetimeFields).safeParse(environment);
  if (read.success) return invoiceLifetimeMs(read.data);
  throw new ConfigError(
    `Configuration error: INVOICE_LIFETIME_HOURS is invalid: expected ${read.error.issues[0]?.message}`,
  );
}

export function loadAdminConfig(environment: Environment): AdminConfig {
  return {
    ...loadDatabaseConfig(environment),
    timeZone: timeZoneOf(environment.TZ_NAME),
    invoiceLifetimeMs: invoiceLifetimeOf(environment),
  };
}

// Stands in for a missing BOT_TOKEN during validation only; never left in the result.
const absentToken = "0:admin-command-line-has-no-bot-token";

/**
 * The whole configuration, for the jobs, validated as the bot validates it but with BOT_TOKEN
 * optional: without one `botToken` is empty, and run-job sends nothing to Telegram.
 */
export function loadJobConfig(environment: Environment): Config {
  const token = environment.BOT_TOKEN?.trim();
  const config = loadConfig({ ...environment, BOT_TOKEN: token || absentToken });
  return { ...config, botToken: token ?? "" };
}
