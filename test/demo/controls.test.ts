import { describe, expect, it } from "vitest";
import { parseLine } from "./controls.ts";

describe("the demo's input line", () => {
  it("is a message unless it starts with a colon", () => {
    expect(parseLine("/start")).toEqual({ kind: "send", text: "/start" });
    expect(parseLine("  привет  ")).toEqual({ kind: "send", text: "привет" });
    expect(parseLine("::)")).toEqual({ kind: "send", text: ":)" });
    expect(parseLine("   ")).toEqual({ kind: "nothing" });
  });

  it("reads the controls", () => {
    expect(parseLine(":3")).toEqual({ kind: "press", number: 3 });
    expect(parseLine(":press 12")).toEqual({ kind: "press", number: 12 });
    expect(parseLine(":contact")).toEqual({ kind: "contact", phone: undefined });
    expect(parseLine(":contact +7 928 000 00 02")).toEqual({
      kind: "contact",
      phone: "+79280000002",
    });
    expect(parseLine(":pay")).toEqual({ kind: "pay" });
    expect(parseLine(":agents")).toEqual({ kind: "view", view: "agents" });
    expect(parseLine(":staff")).toEqual({ kind: "view", view: "staff" });
    expect(parseLine(":me")).toEqual({ kind: "view", view: "me" });
    expect(parseLine(":topic")).toEqual({ kind: "topic", number: undefined });
    expect(parseLine(":topic 2")).toEqual({ kind: "topic", number: 2 });
    expect(parseLine(":HELP")).toEqual({ kind: "help" });
    expect(parseLine(":quit")).toEqual({ kind: "quit" });
    expect(parseLine(":press x")).toEqual({ kind: "unknown", line: ":press x" });
    expect(parseLine(":)")).toEqual({ kind: "unknown", line: ":)" });
  });
});
