// An update stored in the inbox and left unhandled by a crash is handled on the next start.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres } from "../support/require-services.ts";

describe.skipIf(noPostgres)("the inbox after a crash", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness?.stop());

  it("handles on start an update stored before the crash but never handled", async () => {
    const user = harness.emulator.user({
      firstName: "Гасан",
      languageCode: "ru",
      hasStartedBot: true,
    });
    await harness.app.stop();
    const from = { id: user.id, is_bot: false, first_name: "Гасан", language_code: "ru" };
    const update = {
      update_id: 900_001,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: user.id, type: "private", first_name: "Гасан" },
        from,
        text: "/start",
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    };
    await harness.database.prisma.inboundUpdate.create({
      data: { updateId: update.update_id, payload: update },
    });
    await harness.restart();
    expect((await user.nextBotMessage()).text).toMatch(/^Здравствуйте, Гасан!/);
    const row = await harness.database.prisma.inboundUpdate.findUniqueOrThrow({
      where: { updateId: update.update_id },
    });
    expect(row.handledAt).not.toBeNull();
    expect(row.attempts).toBe(2);
  });
});
