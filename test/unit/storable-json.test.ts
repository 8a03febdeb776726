import { describe, expect, it } from "vitest";
import { storableJson } from "../../core/inbox/storable-json.ts";

describe("storableJson", () => {
  it("replaces NUL characters and lone surrogates, deep in objects and arrays", () => {
    const update = { update_id: 7, message: { text: "a\u0000b", entities: [{ url: "\ud800x" }] } };
    expect(storableJson(update)).toEqual({
      update_id: 7,
      message: { text: "a\ufffdb", entities: [{ url: "\ufffdx" }] },
    });
  });

  it("keeps whole surrogate pairs (emoji), other text, numbers, booleans and null", () => {
    const value = { text: "Привет 👋🏽", n: 1, ok: true, none: null, list: ["\udc00"] };
    expect(storableJson(value)).toEqual({ ...value, list: ["\ufffd"] });
  });
});
