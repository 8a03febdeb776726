import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../../bot/commands.ts";
import { createI18n } from "../../bot/i18n.ts";

const localesDir = join(import.meta.dirname, "../../bot/locales");
const keysOf = (locale: string) =>
  readdirSync(join(localesDir, locale))
    .filter((file) => file.endsWith(".ftl"))
    .flatMap((file) => readFileSync(join(localesDir, locale, file), "utf8").split("\n"))
    .map((line) => /^([a-z][\w-]*)\s*=/.exec(line)?.[1])
    .filter((key): key is string => key !== undefined);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

describe("locales", () => {
  const ru = keysOf("ru");
  const en = keysOf("en");

  it("define each key once", () => {
    expect(new Set(ru).size).toBe(ru.length);
  });

  it("have the same files and keys in Russian and English", () => {
    expect(readdirSync(join(localesDir, "en")).sort()).toEqual(
      readdirSync(join(localesDir, "ru")).sort(),
    );
    expect(ru.length).toBeGreaterThan(20);
    expect([...en].sort()).toEqual([...ru].sort());
  });

  it("describe every registered command", () => {
    for (const command of commands) expect(ru).toContain(`command-${command}`);
  });

  it("have every literal key the bot asks for", () => {
    const used = sourceFiles(join(import.meta.dirname, "../../bot")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bt\("([a-z][\w-]*)"/g)].map((match) => match[1]),
    );
    expect(used.length).toBeGreaterThan(5);
    for (const key of used) expect(ru).toContain(key);
  });

  it("format without Unicode isolation marks", () => {
    const text = createI18n().t("ru", "welcome", { name: "Алиса" });
    expect(text).toMatch(/^Здравствуйте, Алиса!/);
    expect(text).not.toMatch(/[\u2068\u2069]/);
  });

  it("give English to English speakers and Russian to everyone else, however often asked", () => {
    const i18n = createI18n();
    const english = i18n.t("en", "menu-help");
    const russian = i18n.t("ru", "menu-help");
    expect(english).not.toBe(russian);
    // Past the number of locale lists whose match is kept, and each list more than once.
    const others = Array.from({ length: 120 }, (_, index) => `x${index}`);
    for (let round = 0; round < 2; round += 1) {
      for (const code of ["en", "en-US", "en-GB"]) expect(i18n.t(code, "menu-help")).toBe(english);
      for (const code of ["ru", "de", "uk", ...others])
        expect(i18n.t(code, "menu-help")).toBe(russian);
    }
  });
});
