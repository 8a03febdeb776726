// Every setting of the bot, read from the environment once at start and validated.
import { z } from "zod";
import {
  type BillingSettings,
  billingFields,
  billingSettings,
  checkBillingFields,
} from "./billing/billing-settings.ts";
import { rubles } from "./billing/rubles.ts";
import { optional } from "./env-value.ts";
import { invoiceLifetimeFields, invoiceLifetimeMs } from "./payments/invoice-lifetime.ts";
import {
  type ReceiptSettings,
  receiptFields,
  receiptSettings,
} from "./payments/receipt-settings.ts";
import { isTimeZone } from "./zoned-time.ts";

const positiveInt = (fallback: number, what: string) =>
  z.coerce
    .number<string>({ error: `a whole number (${what})` })
    .int({ error: `a whole number (${what})` })
    .positive({ error: `a positive whole number (${what})` })
    .default(fallback);

const chatId = z.coerce
  .number<string>({ error: "a Telegram chat id, e.g. -1001234567890" })
  .int({ error: "a Telegram chat id, e.g. -1001234567890" })
  .optional();

const url = (protocols: RegExp, example: string) =>
  z.url({ protocol: protocols, error: `a URL like ${example}` });

const cronExpression = z
  .string()
  .regex(/^(\S+\s+){4,5}\S+$/, { error: "a cron expression, e.g. 0 10 * * *" });

const databaseFields = {
  DATABASE_URL: optional.pipe(url(/^postgres(ql)?$/, "postgresql://user@host:5432/db").optional()),
  DATA_DIR: optional.pipe(z.string().default("./data")),
};

const schema = z
  .object({
    ...databaseFields,
    BOT_TOKEN: z
      .string({ error: "the bot token from @BotFather, e.g. 123456789:AAF…" })
      .regex(/^\d+:[\w-]{20,}$/, { error: "the bot token from @BotFather, e.g. 123456789:AAF…" }),
    TELEGRAM_API_ROOT: optional.pipe(
      url(/^https?$/, "https://api.telegram.org").default("https://api.telegram.org"),
    ),
    REDIS_URL: optional.pipe(url(/^rediss?$/, "redis://127.0.0.1:6379").optional()),
    BOT_MODE: optional.pipe(
      z.enum(["polling", "webhook"], { error: "polling or webhook" }).default("polling"),
    ),
    WEBHOOK_URL: optional.pipe(url(/^https?$/, "https://bot.example.ru/telegram").optional()),
    WEBHOOK_SECRET: optional.pipe(
      z
        .string()
        .regex(/^[\w-]{16,256}$/, {
          error: "16 to 256 characters of A-Z, a-z, 0-9, _ and -",
        })
        .optional(),
    ),
    PORT: optional.pipe(positiveInt(8080, "the webhook server's port").pipe(z.number().max(65535))),
    METRICS_PORT: optional.pipe(
      z.coerce
        .number<string>()
        .int()
        .min(0)
        .max(65535, { error: "a port, 0 to 65535 (0: any free one)" })
        .optional(),
    ),
    OUTAGE_CLUSTER_SIZE: optional.pipe(positiveInt(5, "how many reports suggest an outage")),
    OUTAGE_CLUSTER_MINUTES: optional.pipe(positiveInt(10, "the minutes those reports fall within")),
    INCIDENT_HOOK_SECRET: optional.pipe(
      z
        .string()
        .regex(/^[\w-]{16,256}$/, {
          error: "16 to 256 characters of A-Z, a-z, 0-9, _ and -",
        })
        .optional(),
    ),
    PAYMENT_PROVIDER_TOKEN: optional,
    ...invoiceLifetimeFields,
    SUPPORT_CHAT_ID: optional.pipe(chatId),
    STAFF_CHAT_ID: optional.pipe(chatId),
    SMTP_URL: optional.pipe(url(/^smtps?$/, "smtp://user:pass@smtp.example.ru:587").optional()),
    TZ_NAME: optional.pipe(
      z
        .string()
        .refine(isTimeZone, { error: "an IANA time zone, e.g. Europe/Moscow" })
        .default("Europe/Moscow"),
    ),
    LOG_LEVEL: optional.pipe(
      z
        .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
          error: "one of fatal, error, warn, info, debug, trace, silent",
        })
        .default("info"),
    ),
    TRUST_DAYS: optional.pipe(positiveInt(3, "days a trust payment lasts")),
    TRUST_COOLDOWN_DAYS: optional.pipe(positiveInt(30, "days between two trust payments")),
    TRUST_PER_PERIOD: optional.pipe(
      positiveInt(1, "trust payments a contract may take in TRUST_COOLDOWN_DAYS"),
    ),
    TRUST_REMINDER_HOURS: optional.pipe(
      positiveInt(24, "hours before a trust payment ends to remind of it").pipe(
        z.number().max(168),
      ),
    ),
    FREEZE_DAYS_PER_YEAR: optional.pipe(
      positiveInt(30, "days a contract may be frozen in a calendar year").pipe(
        z.number().max(366, { error: "at most 366 days a year" }),
      ),
    ),
    FREEZE_MIN_DAYS: optional.pipe(positiveInt(1, "the shortest freeze in days")),
    FREEZE_START_WITHIN_DAYS: optional.pipe(
      z.coerce
        .number<string>({ error: "a whole number (days ahead a freeze may start, 0 to 365)" })
        .int({ error: "a whole number (days ahead a freeze may start, 0 to 365)" })
        .min(0, { error: "a whole number (days ahead a freeze may start, 0 to 365)" })
        .max(365, { error: "a whole number (days ahead a freeze may start, 0 to 365)" })
        .default(30),
    ),
    FREEZE_FEE: optional.pipe(
      rubles
        .pipe(
          z
            .number()
            .nonnegative({ error: "rubles, 0 or more, e.g. 100 or 99,50" })
            .max(100_000_00, { error: "at most 100 000 rubles" }),
        )
        .default(0),
    ),
    SCHEDULER: optional.pipe(z.enum(["on", "off"], { error: "on or off" }).default("on")),
    REMINDER_CRON: optional.pipe(cronExpression.default("0 10 * * *")),
    REMINDER_DAYS_AHEAD: optional.pipe(
      positiveInt(3, "default days of warning before the money runs out").pipe(z.number().max(7)),
    ),
    DELIVERY_CONCURRENCY: optional.pipe(
      positiveInt(8, "notifications in flight at once").pipe(z.number().max(100)),
    ),
    TELEGRAM_GLOBAL_PER_SECOND: optional.pipe(positiveInt(25, "messages a second overall")),
    TELEGRAM_CHAT_INTERVAL_MS: optional.pipe(
      positiveInt(1050, "milliseconds between two messages to one chat"),
    ),
    TELEGRAM_GROUP_PER_MINUTE: optional.pipe(positiveInt(20, "messages a minute to one group")),
    MEMBERSHIP_CHECK_TIMEOUT_MS: optional.pipe(
      positiveInt(2500, "milliseconds a chat membership check may take"),
    ),
    FLOOD_LIMIT: optional.pipe(
      z.coerce
        .number<string>({
          error: "a whole number (updates one user may send in FLOOD_WINDOW_MS; 0: no limit)",
        })
        .int({
          error: "a whole number (updates one user may send in FLOOD_WINDOW_MS; 0: no limit)",
        })
        .min(0, {
          error: "a whole number (updates one user may send in FLOOD_WINDOW_MS; 0: no limit)",
        })
        .default(15),
    ),
    FLOOD_WINDOW_MS: optional.pipe(
      positiveInt(5000, "milliseconds of the flood guard's window").pipe(
        z
          .number()
          .min(100, { error: "at least 100 ms" })
          .max(3_600_000, { error: "at most an hour" }),
      ),
    ),
    ...billingFields,
    ...receiptFields,
  })
  .superRefine((env, ctx) => {
    checkBillingFields(env, ctx);
    if (env.FREEZE_MIN_DAYS > env.FREEZE_DAYS_PER_YEAR)
      ctx.addIssue({
        code: "custom",
        path: ["FREEZE_MIN_DAYS"],
        message: "at most FREEZE_DAYS_PER_YEAR",
      });
    if (env.BOT_MODE !== "webhook") return;
    for (const key of ["WEBHOOK_URL", "WEBHOOK_SECRET"] as const) {
      if (!env[key])
        ctx.addIssue({ code: "custom", path: [key], message: "required in webhook mode" });
    }
  });

type Env = z.output<typeof schema>;

export interface Config {
  botToken: string;
  telegramApiRoot: string;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  mode: { kind: "polling" } | { kind: "webhook"; url: string; secret: string; port: number };
  /** Where /healthz, /readyz and /metrics are served; none without METRICS_PORT. */
  metricsPort: number | undefined;
  /** The shared secret of POST /incidents on METRICS_PORT (monitoring opens outages); none: off. */
  incidentHookSecret: string | undefined;
  /** So many "no internet" from one house or street within so many minutes suggest an incident. */
  outageCluster: { size: number; minutes: number };
  paymentProviderToken: string | undefined;
  /** A card invoice older than this is refused at checkout and marked EXPIRED (invoice-expiry). */
  invoiceLifetimeMs: number;
  supportChatId: number | undefined;
  staffChatId: number | undefined;
  smtpUrl: string | undefined;
  timeZone: string;
  logLevel: Env["LOG_LEVEL"];
  /**
   * Trust payments: how long one lasts, at most `perPeriod` of them in any `cooldownDays`, and the
   * reminder `reminderHours` before one ends.
   */
  trust: { days: number; cooldownDays: number; perPeriod: number; reminderHours: number };
  /**
   * The voluntary freeze on the built-in billing (core/billing/freeze.ts): at most `daysPerYear`
   * frozen days in a calendar year, at least `minDays` at a time, starting at most
   * `startWithinDays` ahead, and a one-off `fee` (kopecks) taken when one is ordered.
   */
  freeze: { daysPerYear: number; minDays: number; startWithinDays: number; fee: number };
  reminders: { cron: string; daysAhead: number };
  /** Reminders and announcements: how many messages are in flight at once (the throttler paces them). */
  delivery: { concurrency: number };
  /** Whether this process runs the scheduled jobs (one instance runs each job at a time anyway). */
  schedulerEnabled: boolean;
  telegramLimits: { globalPerSecond: number; chatIntervalMs: number; groupPerMinute: number };
  /** How long the staff and agents' chats wait for Telegram to say who is a member. */
  membershipCheckTimeoutMs: number;
  /**
   * The flood guard (bot/middleware/flood-guard.ts): at most `limit` updates of one user in a
   * private chat per `windowMs`; none when `limit` is undefined (FLOOD_LIMIT=0).
   */
  flood: { limit: number | undefined; windowMs: number };
  /** The billing contracts' money lives in: this database's or the provider's own. */
  billing: BillingSettings;
  /** What the card top-ups' fiscal receipts say (provider_data). */
  receipts: ReceiptSettings;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Environment = Record<string, string | undefined>;

function parse<T extends z.ZodType>(schema: T, environment: Environment): z.output<T> {
  const result = schema.safeParse(environment);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join(".");
    const isMissing = issue.code === "invalid_type" && environment[variable] === undefined;
    return `${variable} is ${isMissing ? "required" : "invalid"}: expected ${issue.message}`;
  });
  throw new ConfigError(`Configuration error: ${problems.join("; ")}`);
}

/** What the database scripts need: no bot token. */
export function loadDatabaseConfig(environment: Environment = process.env) {
  const env = parse(z.object(databaseFields), environment);
  return { databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR };
}

/** Parses the environment; throws a ConfigError whose message is one readable line. */
export function loadConfig(environment: Environment = process.env): Config {
  const env = parse(schema, environment);
  return {
    botToken: env.BOT_TOKEN,
    telegramApiRoot: env.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    redisUrl: env.REDIS_URL,
    metricsPort: env.METRICS_PORT,
    incidentHookSecret: env.INCIDENT_HOOK_SECRET,
    outageCluster: { size: env.OUTAGE_CLUSTER_SIZE, minutes: env.OUTAGE_CLUSTER_MINUTES },
    mode:
      env.BOT_MODE === "webhook" && env.WEBHOOK_URL && env.WEBHOOK_SECRET
        ? { kind: "webhook", url: env.WEBHOOK_URL, secret: env.WEBHOOK_SECRET, port: env.PORT }
        : { kind: "polling" },
    paymentProviderToken: env.PAYMENT_PROVIDER_TOKEN,
    invoiceLifetimeMs: invoiceLifetimeMs(env),
    supportChatId: env.SUPPORT_CHAT_ID,
    staffChatId: env.STAFF_CHAT_ID,
    smtpUrl: env.SMTP_URL,
    timeZone: env.TZ_NAME,
    logLevel: env.LOG_LEVEL,
    trust: {
      days: env.TRUST_DAYS,
      cooldownDays: env.TRUST_COOLDOWN_DAYS,
      perPeriod: env.TRUST_PER_PERIOD,
      reminderHours: env.TRUST_REMINDER_HOURS,
    },
    freeze: {
      daysPerYear: env.FREEZE_DAYS_PER_YEAR,
      minDays: env.FREEZE_MIN_DAYS,
      startWithinDays: env.FREEZE_START_WITHIN_DAYS,
      fee: env.FREEZE_FEE,
    },
    reminders: { cron: env.REMINDER_CRON, daysAhead: env.REMINDER_DAYS_AHEAD },
    delivery: { concurrency: env.DELIVERY_CONCURRENCY },
    schedulerEnabled: env.SCHEDULER === "on",
    telegramLimits: {
      globalPerSecond: env.TELEGRAM_GLOBAL_PER_SECOND,
      chatIntervalMs: env.TELEGRAM_CHAT_INTERVAL_MS,
      groupPerMinute: env.TELEGRAM_GROUP_PER_MINUTE,
    },
    membershipCheckTimeoutMs: env.MEMBERSHIP_CHECK_TIMEOUT_MS,
    flood: {
      limit: env.FLOOD_LIMIT === 0 ? undefined : env.FLOOD_LIMIT,
      windowMs: env.FLOOD_WINDOW_MS,
    },
    billing: billingSettings(env),
    receipts: receiptSettings(env),
  };
}
