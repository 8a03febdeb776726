import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadDatabaseConfig } from "../../core/config.ts";

const token = "123456789:AAFtestTOKENtestTOKENtestTOKEN";

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a configuration error");
}

describe("loadConfig", () => {
  it("applies the documented defaults with only a bot token", () => {
    const config = loadConfig({ BOT_TOKEN: token });
    expect(config).toMatchObject({
      botToken: token,
      telegramApiRoot: "https://api.telegram.org",
      databaseUrl: undefined,
      dataDir: "./data",
      redisUrl: undefined,
      mode: { kind: "polling" },
      timeZone: "Europe/Moscow",
      trust: { days: 3, cooldownDays: 30, perPeriod: 1, reminderHours: 24 },
      freeze: { daysPerYear: 30, minDays: 1, startWithinDays: 30, fee: 0 },
      reminders: { cron: "0 10 * * *", daysAhead: 3 },
      telegramLimits: { globalPerSecond: 25, chatIntervalMs: 1050, groupPerMinute: 20 },
      membershipCheckTimeoutMs: 2500,
      flood: { limit: 15, windowMs: 5000 },
    });
  });

  it("reads the flood guard's limit, 0 turning it off, and refuses a bad window", () => {
    const flood = (env: Record<string, string>) => loadConfig({ BOT_TOKEN: token, ...env }).flood;
    expect(flood({ FLOOD_LIMIT: "30", FLOOD_WINDOW_MS: "1000" })).toEqual({
      limit: 30,
      windowMs: 1000,
    });
    expect(flood({ FLOOD_LIMIT: "0" })).toEqual({ limit: undefined, windowMs: 5000 });
    expect(configError({ BOT_TOKEN: token, FLOOD_LIMIT: "-1" })).toContain(
      "FLOOD_LIMIT is invalid: expected a whole number (updates one user may send",
    );
    expect(configError({ BOT_TOKEN: token, FLOOD_WINDOW_MS: "10" })).toContain(
      "FLOOD_WINDOW_MS is invalid: expected at least 100 ms",
    );
  });

  it("names a missing BOT_TOKEN and what is expected, on one line", () => {
    const message = configError({});
    expect(message).toMatch(/^Configuration error: BOT_TOKEN is required: expected the bot token/);
    expect(message).not.toContain("\n");
  });

  it("rejects a malformed token without echoing it", () => {
    const message = configError({ BOT_TOKEN: "not-a-token-secret" });
    expect(message).toContain("BOT_TOKEN is invalid");
    expect(message).not.toContain("not-a-token-secret");
  });

  it("names every bad variable", () => {
    const message = configError({
      BOT_TOKEN: token,
      PORT: "eighty",
      TZ_NAME: "Mars/Olympus",
      DATABASE_URL: "mysql://localhost/db",
      BOT_MODE: "carrier-pigeon",
    });
    expect(message).toContain("PORT is invalid: expected a whole number");
    expect(message).toContain("TZ_NAME is invalid: expected an IANA time zone");
    expect(message).toContain("DATABASE_URL is invalid: expected a URL like postgresql://");
    expect(message).toContain("BOT_MODE is invalid: expected polling or webhook");
    expect(message).not.toContain("\n");
  });

  it("requires the webhook URL and secret in webhook mode", () => {
    const message = configError({ BOT_TOKEN: token, BOT_MODE: "webhook" });
    expect(message).toContain("WEBHOOK_URL is invalid: expected required in webhook mode");
    expect(message).toContain("WEBHOOK_SECRET");
  });

  it("reads webhook mode, services and chats", () => {
    const config = loadConfig({
      BOT_TOKEN: token,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.kaspnet.ru/telegram",
      WEBHOOK_SECRET: "0123456789abcdef-_",
      PORT: "3000",
      DATABASE_URL: "postgresql://root@127.0.0.1:5432/kaspnet",
      REDIS_URL: "redis://127.0.0.1:6379",
      SUPPORT_CHAT_ID: "-1001234567890",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
    });
    expect(config.mode).toEqual({
      kind: "webhook",
      url: "https://bot.kaspnet.ru/telegram",
      secret: "0123456789abcdef-_",
      port: 3000,
    });
    expect(config.supportChatId).toBe(-1001234567890);
    expect(config.telegramApiRoot).toBe("http://127.0.0.1:8081");
    expect(config.databaseUrl).toBe("postgresql://root@127.0.0.1:5432/kaspnet");
  });

  it("reads the trust payment's settings and names a bad one", () => {
    const config = loadConfig({
      BOT_TOKEN: token,
      TRUST_DAYS: "5",
      TRUST_COOLDOWN_DAYS: "60",
      TRUST_PER_PERIOD: "2",
      TRUST_REMINDER_HOURS: "12",
    });
    expect(config.trust).toEqual({ days: 5, cooldownDays: 60, perPeriod: 2, reminderHours: 12 });
    const message = configError({
      BOT_TOKEN: token,
      TRUST_PER_PERIOD: "0",
      TRUST_REMINDER_HOURS: "500",
    });
    expect(message).toContain("TRUST_PER_PERIOD is invalid: expected a positive whole number");
    expect(message).toContain("TRUST_REMINDER_HOURS is invalid");
  });

  it("reads how long an invoice can be paid (a day by default) and refuses a bad one", () => {
    const hour = 60 * 60_000;
    expect(loadConfig({ BOT_TOKEN: token }).invoiceLifetimeMs).toBe(24 * hour);
    expect(loadConfig({ BOT_TOKEN: token, INVOICE_LIFETIME_HOURS: "6" }).invoiceLifetimeMs).toBe(
      6 * hour,
    );
    for (const bad of ["0", "1.5", "721", "a day"])
      expect(configError({ BOT_TOKEN: token, INVOICE_LIFETIME_HOURS: bad })).toContain(
        "INVOICE_LIFETIME_HOURS is invalid: expected a whole number (hours a card invoice can be paid, 1 to 720)",
      );
  });

  it("reads the receipts' settings with their defaults, and refuses a code ЮKassa has not", () => {
    expect(loadConfig({ BOT_TOKEN: token }).receipts).toEqual({
      vatCode: 1,
      taxSystem: undefined,
      paymentSubject: "service",
      paymentMode: "advance",
      contact: "email",
    });
    expect(
      loadConfig({
        BOT_TOKEN: token,
        RECEIPT_VAT_CODE: "4",
        RECEIPT_TAX_SYSTEM: "2",
        RECEIPT_PAYMENT_MODE: "full_prepayment",
        RECEIPT_CONTACT: "phone",
      }).receipts,
    ).toMatchObject({ vatCode: 4, taxSystem: 2, paymentMode: "full_prepayment", contact: "phone" });
    const message = configError({
      BOT_TOKEN: token,
      RECEIPT_VAT_CODE: "11",
      RECEIPT_TAX_SYSTEM: "7",
      RECEIPT_PAYMENT_SUBJECT: "goods",
    });
    expect(message).toContain("RECEIPT_VAT_CODE is invalid: expected one of 1, 2, 3");
    expect(message).toContain("RECEIPT_TAX_SYSTEM is invalid");
    expect(message).toContain("RECEIPT_PAYMENT_SUBJECT is invalid");
  });

  it("reads the freeze's settings, its fee in rubles as kopecks, and names a bad one", () => {
    const config = loadConfig({
      BOT_TOKEN: token,
      FREEZE_DAYS_PER_YEAR: "60",
      FREEZE_MIN_DAYS: "7",
      FREEZE_START_WITHIN_DAYS: "0",
      FREEZE_FEE: "99,50",
    });
    expect(config.freeze).toEqual({
      daysPerYear: 60,
      minDays: 7,
      startWithinDays: 0,
      fee: 99_50,
    });
    const message = configError({
      BOT_TOKEN: token,
      FREEZE_DAYS_PER_YEAR: "400",
      FREEZE_START_WITHIN_DAYS: "-1",
      FREEZE_FEE: "сто",
    });
    expect(message).toContain("FREEZE_DAYS_PER_YEAR is invalid: expected at most 366 days a year");
    expect(message).toContain("FREEZE_START_WITHIN_DAYS is invalid");
    expect(message).toContain('FREEZE_FEE is invalid: expected "сто" is not an amount of rubles');
    expect(
      configError({ BOT_TOKEN: token, FREEZE_DAYS_PER_YEAR: "5", FREEZE_MIN_DAYS: "10" }),
    ).toContain("FREEZE_MIN_DAYS is invalid: expected at most FREEZE_DAYS_PER_YEAR");
    expect(configError({ BOT_TOKEN: token, FREEZE_FEE: "-10" })).toContain(
      "FREEZE_FEE is invalid: expected rubles, 0 or more",
    );
    expect(configError({ BOT_TOKEN: token, FREEZE_FEE: "100 000,01" })).toContain(
      "FREEZE_FEE is invalid: expected at most 100 000 rubles",
    );
  });

  it("treats empty values as unset, as .env files write them", () => {
    const config = loadConfig({ BOT_TOKEN: token, DATABASE_URL: "", REDIS_URL: " " });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });
});

describe("loadDatabaseConfig", () => {
  it("needs no bot token", () => {
    expect(loadDatabaseConfig({ DATA_DIR: "/tmp/x" })).toEqual({
      databaseUrl: undefined,
      dataDir: "/tmp/x",
    });
  });
});
