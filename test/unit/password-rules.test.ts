import { describe, expect, it } from "vitest";
import { maskEmail } from "../../bot/format.ts";
import { codeMatches, hashCode, judgeCode, newCode } from "../../core/accounts/one-time-code.ts";
import { passwordProblem } from "../../core/accounts/password-rules.ts";

describe("password rules", () => {
  it.each([
    ["short1", "length"],
    ["x".repeat(65), "length"],
    ["1234567890", "digits-only"],
    ["abc10001", null],
    ["Kaspiysk-2026", null],
    ["пароль-из-кириллицы", null],
  ])("%j → %s", (password, problem) => {
    expect(passwordProblem(password, "10001")).toBe(problem);
  });

  it("refuses the login itself, whatever the case", () => {
    expect(passwordProblem("Ivanov-Sergei", "ivanov-sergei")).toBe("same-as-login");
  });
});

describe("one-time codes", () => {
  it("are six digits and are stored only as a salted hash", () => {
    const code = newCode();
    expect(code).toMatch(/^\d{6}$/);
    const stored = hashCode(code);
    expect(stored).not.toContain(code);
    expect(hashCode(code)).not.toBe(stored);
    expect(codeMatches(code, stored)).toBe(true);
    expect(codeMatches(` ${code} `, stored)).toBe(true);
    expect(codeMatches("000000" === code ? "000001" : "000000", stored)).toBe(false);
  });

  it("are judged used, expired, exhausted, wrong or correct, in that order", () => {
    const now = new Date("2026-11-25T10:00:00Z");
    const record = {
      codeHash: hashCode("123456"),
      expiresAt: new Date(now.getTime() + 1000),
      attempts: 0,
      usedAt: null,
    };
    expect(judgeCode(record, "123456", now)).toBe("correct");
    expect(judgeCode(record, "654321", now)).toBe("wrong");
    expect(judgeCode({ ...record, attempts: 5 }, "123456", now)).toBe("exhausted");
    expect(judgeCode({ ...record, expiresAt: now }, "123456", now)).toBe("expired");
    expect(judgeCode({ ...record, usedAt: now }, "123456", now)).toBe("used");
  });
});

describe("maskEmail", () => {
  it.each([
    ["ruslan.demo@example.ru", "ru***@example.ru"],
    ["ab@mail.ru", "a***@mail.ru"],
    ["a@mail.ru", "***@mail.ru"],
    ["broken", "***"],
  ])("%s → %s", (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});
