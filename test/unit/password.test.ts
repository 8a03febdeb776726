import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../core/accounts/password.ts";

describe("contract passwords", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("kaspnet-demo");
    expect(await verifyPassword("kaspnet-demo", hash)).toBe(true);
    expect(await verifyPassword("kaspnet-dem0", hash)).toBe(false);
  });

  it("salts every hash and never stores the password", async () => {
    const [a, b] = await Promise.all([hashPassword("пароль-123"), hashPassword("пароль-123")]);
    expect(a).not.toBe(b);
    expect(a).not.toContain("пароль");
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  it("refuses a malformed stored hash instead of throwing", async () => {
    expect(await verifyPassword("x", "plain-text")).toBe(false);
  });
});
