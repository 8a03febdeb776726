// A NUL byte (PostgreSQL refuses it in text: error 22021; the inbox stores it as U+FFFD) and other
// control characters in what users send: each field that could reach a query reads them as bad
// input, in the user's words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres } from "../support/require-services.ts";
import { signedIn } from "../support/sign-in.ts";

const nul = "\u0000";

describe.skipIf(noPostgres)("control characters in user input", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness?.stop());

  const errors = () => harness.logs.entries().filter((entry) => Number(entry.level) >= 50);

  it("records a sender whose name holds control characters, without them", async () => {
    const user = harness.emulator.user({ firstName: `Ра${nul}ш\u0007ид`, languageCode: "ru" });
    await signedIn(user, "10001");
    const stored = await harness.database.prisma.telegramUser.findUniqueOrThrow({
      where: { id: BigInt(user.id) },
    });
    expect(stored.firstName).toBe("Ра\ufffdшид");
    expect(errors()).toEqual([]);
  });

  it("reads a login, an email and request fields with a NUL byte as bad input", async () => {
    const user = harness.emulator.user({ firstName: "Мадина", languageCode: "ru" });
    await user.send("/login");
    await user.nextBotMessage();
    await user.send(`10001${nul}`);
    expect((await user.nextBotMessage()).text).toContain("Логин — это номер договора");
    await user.send("/cancel");
    await user.nextBotMessage();

    await signedIn(user, "10002");
    await user.send("/profile");
    await user.nextBotMessage();
    await user.press("✉️ Сменить почту");
    await user.nextBotMessage();
    await user.send(`patimat${nul}@example.ru`);
    expect((await user.nextBotMessage()).text).toContain("Это не похоже на адрес почты");
    await user.send("/cancel");
    await user.nextBotMessage();

    await user.send("/connect");
    await user.nextBotMessage();
    await user.send(`Мадина${nul}`);
    expect((await user.nextBotMessage()).text).toContain("Как к вам обращаться");
    expect(errors()).toEqual([]);
  });

  it("answers a button whose data holds a NUL byte as outdated", async () => {
    const user = harness.emulator.user({ firstName: "Тимур", languageCode: "ru" });
    await user.send("/help");
    const help = await user.nextBotMessage();
    for (const data of [`topup:${nul}`, `profile:email:1${nul}`, `notice:topup:${nul}`]) {
      const query = await user.pressData(help, data);
      const answer = await harness.emulator.waitForCall(
        "answerCallbackQuery",
        (call) => call.params.callback_query_id === query.id,
      );
      expect(answer.params.text).toBe("Эта кнопка устарела. Откройте меню заново: /menu");
    }
    expect(errors()).toEqual([]);
  });
});
