// Telegram's length limits count UTF-16 code units; what the bot composes is cut or split to fit.
import { describe, expect, it } from "vitest";
import { fitLines, fitText, lengthLimits, splitText } from "../../bot/length-limits.ts";

describe("fitText", () => {
  it("leaves a text that fits alone and cuts a longer one to the limit, marked", () => {
    expect(fitText("я".repeat(4096), lengthLimits.text)).toBe("я".repeat(4096));
    const cut = fitText("я".repeat(4097), lengthLimits.text);
    expect(cut).toHaveLength(4096);
    expect(cut.endsWith("я…")).toBe(true);
  });

  it("counts an emoji as two units and never halves it", () => {
    const cut = fitText("😀".repeat(200), 200);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut).toBe(`${"😀".repeat(99)}…`);
  });
});

describe("splitText", () => {
  it("splits at line breaks, then spaces, into parts within the limit that keep every character", () => {
    const text = `${"а".repeat(3000)}\n${"б ".repeat(1500)}\n${"в".repeat(5000)}`;
    const parts = splitText(text, lengthLimits.text);
    for (const part of parts.map((p) => p.text)) {
      expect(part.length).toBeGreaterThan(0);
      expect(part.length).toBeLessThanOrEqual(4096);
    }
    expect(parts[0]?.text).toBe("а".repeat(3000));
    expect(
      parts
        .map((p) => p.text)
        .join("")
        .replace(/\s/g, ""),
    ).toBe(text.replace(/\s/g, ""));
  });

  it("keeps entities with the part they are in, their offsets from its start", () => {
    const text = `${"а".repeat(4090)} ${"жирный"}`;
    const [first, second] = splitText(text, 4096, [
      { type: "bold", offset: 4091, length: 6 },
      { type: "italic", offset: 0, length: 3 },
    ]);
    expect(first).toEqual({
      text: "а".repeat(4090),
      entities: [{ type: "italic", offset: 0, length: 3 }],
    });
    expect(second).toEqual({ text: "жирный", entities: [{ type: "bold", offset: 0, length: 6 }] });
  });

  it("never halves an emoji where it has to cut inside a word", () => {
    const parts = splitText("😀".repeat(3000), 4096);
    expect(parts.map((p) => p.text.length)).toEqual([4096, 1904]);
  });
});

describe("fitLines", () => {
  const more = (left: number) => `…и ещё ${left}.`;
  it("keeps every line that fits, and says how many more there are", () => {
    const lines = ["Заявки (10):", ...Array.from({ length: 10 }, (_, i) => `${i}${"я".repeat(9)}`)];
    expect(fitLines(lines, 1000, more)).toBe(lines.join("\n"));
    const fitted = fitLines(lines, 50, more);
    expect(fitted).toBe(["Заявки (10):", "0яяяяяяяяя", "1яяяяяяяяя", "…и ещё 8."].join("\n"));
    expect(fitted.length).toBeLessThanOrEqual(50);
  });
});
