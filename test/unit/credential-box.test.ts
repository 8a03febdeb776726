// The sealed subscriber credential: what opens it, what does not, key rotation, and the key's
// setting (validated, never logged).
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCredentialBox } from "../../core/accounts/credential-box.ts";
import { ConfigError, loadConfig } from "../../core/config.ts";
import { captureLogs } from "../support/captured-logger.ts";

const token = "123456789:AAFtestTOKENtestTOKENtestTOKEN";
const keyA = randomBytes(32);
const keyB = randomBytes(32);

/** The sealed value with one byte of one part (1 IV, 2 tag, 3 ciphertext) flipped. */
function flipByte(sealed: string, part: number, at = 0): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part] ?? "", "base64url");
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

function configError(env: Record<string, string>): string {
  try {
    loadConfig({ BOT_TOKEN: token, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a configuration error");
}

describe("credential box", () => {
  const box = createCredentialBox(keyA);

  it.each([
    ["ASCII", "Kasp-net_pass 123!"],
    ["Cyrillic", "пароль-Ёжик"],
    ["empty", ""],
  ])("opens what it sealed (%s)", (_what, plain) => {
    const sealed = box.seal(plain);
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]*$/);
    expect(box.open(sealed)).toBe(plain);
    expect(box.needsReseal(sealed)).toBe(false);
  });

  it("seals the same text differently each time", () => {
    const first = box.seal("same secret");
    const second = box.seal("same secret");
    expect(first).not.toBe(second);
    expect(first.split(".")[1]).not.toBe(second.split(".")[1]);
    expect(first).not.toContain("same secret");
  });

  it("opens nothing that was tampered with", () => {
    const sealed = box.seal("Kasp-net_pass");
    for (const part of [1, 2, 3])
      for (const at of [0, 5, 11]) expect(box.open(flipByte(sealed, part, at))).toBeNull();
    // The text itself: every character changed to another base64url one.
    for (let at = 3; at < sealed.length; at++) {
      const other = sealed[at] === "A" ? "B" : "A";
      expect(box.open(sealed.slice(0, at) + other + sealed.slice(at + 1))).toBeNull();
    }
    expect(box.open(sealed.replace(/^v1/, "v2"))).toBeNull();
  });

  it("answers null to malformed values without throwing", () => {
    const sealed = box.seal("x");
    const [, iv, tag, ciphertext] = sealed.split(".");
    const malformed: unknown[] = [
      "",
      "v1",
      "v1...",
      `v1.${iv}.${tag}`,
      `v1.${iv}.${tag}.${ciphertext}.extra`,
      `v1.${iv}.${tag}.${ciphertext}=`,
      `v1.${iv}.${tag}.${ciphertext}+/`,
      `v1.${iv}A.${tag}.${ciphertext}`,
      `v1.${iv}.${tag?.slice(0, -2)}.${ciphertext}`,
      "не шифр",
      null,
      undefined,
      42,
    ];
    for (const value of malformed) {
      expect(box.open(value as string)).toBeNull();
      expect(box.needsReseal(value as string)).toBe(false);
    }
  });

  it("opens nothing sealed under another key", () => {
    const sealed = createCredentialBox(keyB).seal("Kasp-net_pass");
    expect(box.open(sealed)).toBeNull();
    expect(box.needsReseal(sealed)).toBe(false);
  });

  it("opens with an old key, says to reseal, and seals with the current one", () => {
    const sealedBefore = createCredentialBox(keyA).seal("пароль");
    const rotated = createCredentialBox(keyB, [keyA]);
    expect(rotated.open(sealedBefore)).toBe("пароль");
    expect(rotated.needsReseal(sealedBefore)).toBe(true);
    const resealed = rotated.seal("пароль");
    expect(rotated.needsReseal(resealed)).toBe(false);
    expect(createCredentialBox(keyB).open(resealed)).toBe("пароль");
    expect(createCredentialBox(keyA).open(resealed)).toBeNull();
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => createCredentialBox(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => createCredentialBox(keyA, [randomBytes(31)])).toThrow(/32 bytes/);
  });
});

describe("credential key setting", () => {
  it("is optional", () => {
    const config = loadConfig({ BOT_TOKEN: token });
    expect(config.credentialKey).toBeUndefined();
    expect(config.oldCredentialKeys).toEqual([]);
  });

  it("reads the key and the old keys from base64", () => {
    const config = loadConfig({
      BOT_TOKEN: token,
      CREDENTIAL_KEY: keyB.toString("base64"),
      CREDENTIAL_KEY_OLD: ` ${keyA.toString("base64")} , ${randomBytes(32).toString("base64")}`,
    });
    expect(config.credentialKey).toEqual(keyB);
    expect(config.oldCredentialKeys).toHaveLength(2);
    expect(config.oldCredentialKeys[0]).toEqual(keyA);
    const sealed = createCredentialBox(keyA).seal("x");
    const box = createCredentialBox(config.credentialKey ?? keyA, config.oldCredentialKeys);
    expect(box.open(sealed)).toBe("x");
  });

  it.each([
    ["16 bytes", randomBytes(16).toString("base64")],
    ["33 bytes", randomBytes(33).toString("base64")],
    ["hex", randomBytes(32).toString("hex")],
    ["not base64", "this is not base64 but it is 44 characters!!"],
  ])("refuses a key of %s, naming it and what is expected, without echoing it", (_what, key) => {
    const message = configError({ CREDENTIAL_KEY: key });
    expect(message).toContain(
      "CREDENTIAL_KEY is invalid: expected 32 bytes in base64 (44 characters)",
    );
    expect(message).not.toContain(key);
    expect(message).not.toContain("\n");
  });

  it("refuses a bad old key, and old keys without a current one", () => {
    const shortKey = randomBytes(8).toString("base64");
    const message = configError({
      CREDENTIAL_KEY: keyA.toString("base64"),
      CREDENTIAL_KEY_OLD: `${keyB.toString("base64")},${shortKey}`,
    });
    expect(message).toContain("CREDENTIAL_KEY_OLD is invalid: expected a comma-separated list");
    expect(message).not.toContain(shortKey);
    expect(configError({ CREDENTIAL_KEY_OLD: keyB.toString("base64") })).toContain(
      "CREDENTIAL_KEY_OLD is invalid: expected set only with CREDENTIAL_KEY",
    );
  });

  it("never reaches the log, in a logged config or environment", () => {
    const env = {
      BOT_TOKEN: token,
      CREDENTIAL_KEY: keyB.toString("base64"),
      CREDENTIAL_KEY_OLD: keyA.toString("base64"),
    };
    const config = loadConfig(env);
    const { logger, lines } = captureLogs();
    logger.info({ config }, "started");
    logger.info(config, "started");
    logger.info({ env }, "environment");
    const log = lines.join("");
    expect(log).toContain("[secret]");
    for (const key of [keyA, keyB]) {
      expect(log).not.toContain(key.toString("base64"));
      expect(log).not.toContain(JSON.stringify([...key]));
    }
    expect(log).not.toContain('"type":"Buffer"');
  });
});
