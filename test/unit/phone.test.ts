import { describe, expect, it } from "vitest";
import { normalizePhone } from "../../core/accounts/phone.ts";

describe("normalizePhone", () => {
  it.each([
    ["+79280000001", "+79280000001"],
    ["79280000001", "+79280000001"],
    ["89280000001", "+79280000001"],
    ["8 (928) 000-00-01", "+79280000001"],
    ["+7 928 000 00 01", "+79280000001"],
    ["9280000001", "+79280000001"],
    [" 8-928-000-00-01 ", "+79280000001"],
  ])("reads %j as %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    "",
    "12345",
    "+89280000001",
    "+380501234567",
    "8928000000",
    "тел. 89280000001",
    "+7928000000a",
  ])("refuses %j", (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});
