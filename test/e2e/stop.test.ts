// Stopping when asked: with the Bot API unreachable (the network down, a self-hosted server
// gone) the bot in polling mode still stops, and what it fetched is handled after the restart.
import { describe, expect, it } from "vitest";
import { startHarness } from "../support/bot-harness.ts";
import { noPostgres } from "../support/require-services.ts";

describe.skipIf(noPostgres)("stopping", () => {
  it("stops in polling mode with the Bot API unreachable", { timeout: 20_000 }, async () => {
    const harness = await startHarness();
    try {
      const user = harness.emulator.user({ firstName: "Последний", languageCode: "ru" });
      await user.send("/start");
      expect((await user.nextBotMessage()).text).toMatch(/^Здравствуйте, Последний!/);
      expect((await user.nextBotMessage()).text).toContain("Главное меню");
      await harness.emulator.stop();
      await harness.app.stop();
      expect(harness.logs.entries().some((entry) => entry.msg === "bot stopped")).toBe(true);
    } finally {
      await harness.database.drop();
    }
  });
});
