// Which billing the bot runs on: builtin by default, Ubilling with its addresses, API key and the
// key stored credentials are sealed with; every problem is one line naming the variable, and no
// secret reaches the log, however deep in a logged object.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCredentialBox } from "../../core/accounts/credential-box.ts";
import { ConfigError, loadConfig } from "../../core/config.ts";
import { captureLogs } from "../support/captured-logger.ts";

const token = "123456789:AAFtestTOKENtestTOKENtestTOKEN";
const keyA = randomBytes(32);
const keyB = randomBytes(32);
const apiKey = "UB0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const ubilling = {
  BILLING: "ubilling",
  UBILLING_USERSTATS_URL: "https://stats.example.ru/",
  UBILLING_URL: "https://billing.example.ru/billing",
  UBILLING_OPENPAYZ_URL: "https://billing.example.ru/openpayz/frontend/osmp",
  UBILLING_API_KEY: apiKey,
  BILLING_SECRET_KEY: keyB.toString("base64"),
};

function configError(env: Record<string, string>): string {
  try {
    loadConfig({ BOT_TOKEN: token, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a configuration error");
}

describe("billing settings", () => {
  it("run on the built-in billing by default, with no key needed", () => {
    expect(loadConfig({ BOT_TOKEN: token }).billing).toEqual({ kind: "builtin" });
    expect(loadConfig({ BOT_TOKEN: token, BILLING: "builtin" }).billing).toEqual({
      kind: "builtin",
    });
  });

  it("read how Ubilling spells addresses: its defaults, or CITY_DISPLAY and ZERO_TOLERANCE as set there", () => {
    const spelling = (env: Record<string, string>) => {
      const { billing } = loadConfig({ BOT_TOKEN: token, ...ubilling, ...env });
      return billing.kind === "ubilling" ? billing.addressSpelling : null;
    };
    expect(spelling({})).toEqual({ cityShown: true, zeroApartmentHidden: true });
    expect(spelling({ UBILLING_CITY_DISPLAY: "0", UBILLING_ZERO_TOLERANCE: "0" })).toEqual({
      cityShown: false,
      zeroApartmentHidden: false,
    });
    expect(configError({ ...ubilling, UBILLING_ZERO_TOLERANCE: "yes" })).toContain(
      "UBILLING_ZERO_TOLERANCE is invalid: expected 0 or 1, as ZERO_TOLERANCE in Ubilling's userstats.ini",
    );
  });

  it("read Ubilling's settings, the key and the old keys", () => {
    const { billing } = loadConfig({
      BOT_TOKEN: token,
      ...ubilling,
      BILLING_SECRET_KEY_OLD: ` ${keyA.toString("base64")} , ${randomBytes(32).toString("base64")}`,
    });
    if (billing.kind !== "ubilling") throw new Error("expected Ubilling");
    expect(billing).toMatchObject({
      userstatsUrl: "https://stats.example.ru",
      url: "https://billing.example.ru/billing",
      openpayzUrl: "https://billing.example.ru/openpayz/frontend/osmp",
      apiKey,
      timeoutMs: 5000,
    });
    expect(billing.secretKey).toEqual(keyB);
    expect(billing.oldSecretKeys).toHaveLength(2);
    const sealedWithOldKey = createCredentialBox(keyA).seal("x");
    expect(
      createCredentialBox(billing.secretKey, billing.oldSecretKeys).open(sealedWithOldKey),
    ).toBe("x");
  });

  it("name each setting Ubilling needs and is missing, on one line", () => {
    const message = configError({ BILLING: "ubilling" });
    for (const variable of [
      "UBILLING_USERSTATS_URL",
      "UBILLING_URL",
      "UBILLING_OPENPAYZ_URL",
      "UBILLING_API_KEY",
      "BILLING_SECRET_KEY",
    ])
      expect(message).toContain(`${variable} is invalid: expected required with BILLING=ubilling`);
    expect(message).not.toContain("\n");
  });

  it("refuse an unknown billing and a bad address or timeout", () => {
    expect(configError({ BILLING: "abills" })).toContain(
      "BILLING is invalid: expected builtin or ubilling",
    );
    expect(configError({ ...ubilling, UBILLING_URL: "ftp://billing" })).toContain(
      "UBILLING_URL is invalid: expected a URL like",
    );
    expect(configError({ ...ubilling, UBILLING_TIMEOUT_MS: "5" })).toContain(
      "UBILLING_TIMEOUT_MS is invalid",
    );
  });

  it.each([
    ["16 bytes", randomBytes(16).toString("base64")],
    ["33 bytes", randomBytes(33).toString("base64")],
    ["hex", randomBytes(32).toString("hex")],
    ["not base64", "this is not base64 but it is 44 characters!!"],
  ])("refuse a key of %s, naming it and what is expected, without echoing it", (_what, key) => {
    const message = configError({ ...ubilling, BILLING_SECRET_KEY: key });
    expect(message).toContain(
      "BILLING_SECRET_KEY is invalid: expected 32 bytes in base64 (44 characters)",
    );
    expect(message).not.toContain(key);
  });

  it("refuse a bad old key, and old keys without a current one", () => {
    const shortKey = randomBytes(8).toString("base64");
    const message = configError({
      ...ubilling,
      BILLING_SECRET_KEY_OLD: `${keyA.toString("base64")},${shortKey}`,
    });
    expect(message).toContain("BILLING_SECRET_KEY_OLD is invalid: expected a comma-separated list");
    expect(message).not.toContain(shortKey);
    expect(configError({ BILLING_SECRET_KEY_OLD: keyA.toString("base64") })).toContain(
      "BILLING_SECRET_KEY_OLD is invalid: expected set only with BILLING_SECRET_KEY",
    );
  });

  it("never reach the log, in a logged config, its billing part or the environment", () => {
    const env = { BOT_TOKEN: token, ...ubilling, BILLING_SECRET_KEY_OLD: keyA.toString("base64") };
    const config = loadConfig(env);
    const { logger, lines } = captureLogs();
    logger.info({ config }, "started");
    logger.info(config, "started");
    logger.info({ deep: { settings: { billing: config.billing } } }, "nested");
    logger.info({ env }, "environment");
    const log = lines.join("");
    expect(log).toContain("[secret]");
    expect(log).toContain("https://stats.example.ru");
    expect(log).not.toContain(apiKey);
    for (const key of [keyA, keyB]) {
      expect(log).not.toContain(key.toString("base64"));
      expect(log).not.toContain(JSON.stringify([...key]));
    }
    expect(log).not.toContain('"type":"Buffer"');
  });
});
