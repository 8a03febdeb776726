import { describe, expect, it } from "vitest";
import {
  buttonFamily,
  idField,
  numberField,
  oneOfField,
  orNoneField,
  textField,
} from "../../bot/buttons.ts";

describe("button families", () => {
  const rate = buttonFamily("support:rate", { ticketId: idField(), stars: oneOfField(["1", "5"]) });

  it("reads back what it packs", () => {
    const data = rate.pack({ ticketId: 42, stars: "5" });
    expect(data).toBe("support:rate:42:5");
    expect(rate.parse(data)).toEqual({ ticketId: 42, stars: "5" });
    expect(rate.pattern.test(data)).toBe(true);
  });

  it("refuses data that is another family's, has a wrong field or too many fields", () => {
    expect(rate.parse("support:rate:42:3")).toBeNull();
    expect(rate.parse("support:rate:x:5")).toBeNull();
    expect(rate.parse("support:rate:42:5:1")).toBeNull();
    expect(rate.parse("support:rates:42:5")).toBeNull();
    expect(rate.parse("support:rate:99999999999:5")).toBeNull();
  });

  it("writes an absent field as a dash", () => {
    const day = buttonFamily("pick", { day: orNoneField(numberField(8)), page: numberField(2) });
    expect(day.pack({ day: null, page: 3 })).toBe("pick:-:3");
    expect(day.parse("pick:-:3")).toEqual({ day: null, page: 3 });
    expect(day.parse(day.pack({ day: 20261202, page: 0 }))).toEqual({ day: 20261202, page: 0 });
  });

  it("a family without fields is one button", () => {
    const cancel = buttonFamily("trust:no");
    expect(cancel.pack({})).toBe("trust:no");
    expect(cancel.parse("trust:no")).toEqual({});
    expect(cancel.parse("trust:no:1")).toBeNull();
  });

  it("refuses to draw a field that would not read back (one with the separator)", () => {
    const free = buttonFamily("free", { text: textField(/^.{1,10}$/) });
    expect(() => free.pack({ text: "a:b" })).toThrow(/":"/);
  });

  it("refuses to draw a button Telegram would refuse (over 64 bytes)", () => {
    const tariff = buttonFamily("tariff:net-yes", { code: textField(/^[\w.-]{1,64}$/) });
    expect(() => tariff.pack({ code: "a".repeat(50) })).toThrow(/64 bytes/);
  });
});
