// The sealed subscriber credential: what opens it, what does not, key rotation. Its key's setting
// is in billing-settings.test.ts.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCredentialBox } from "../../core/accounts/credential-box.ts";

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
