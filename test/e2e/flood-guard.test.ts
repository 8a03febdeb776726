// The flood guard through the emulator, on Redis: one user's 30 messages at once get a few answers
// and one warning while another user is answered as usual; a card payment in the middle of a
// flood is credited; the staff chat is never limited. The window is a minute, so every update of a
// test falls in one window however slow the machine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "../../bot/format.ts";
import type { ChatMessage, GroupDriver, UserDriver } from "../emulator/index.ts";
import { type Harness, startHarness } from "../support/bot-harness.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { inlineButtons, signedIn } from "../support/sign-in.ts";

const limit = 10;
const warningRu = /^Пожалуйста, не так быстро/;
const warningEn = /^Please slow down/;
const notUnderstood = "Не понял сообщение. Выберите действие в меню: /menu";

describe.skipIf(noPostgres || noRedis)("flood guard", () => {
  let harness: Harness;
  let staff: GroupDriver;
  let manager: UserDriver;
  beforeAll(async () => {
    harness = await startHarness({
      redis: true,
      env: {
        FLOOD_LIMIT: String(limit),
        FLOOD_WINDOW_MS: "60000",
        PAYMENT_PROVIDER_TOKEN: "381764678:TEST:kaspnet",
      },
      beforeStart(emulator) {
        manager = emulator.user({ firstName: "Марьям", languageCode: "ru" });
        staff = emulator.group({ title: "Каспнет: заявки", supergroup: true, members: [manager] });
        return { STAFF_CHAT_ID: String(staff.id), TELEGRAM_GROUP_PER_MINUTE: "6000" };
      },
    });
  });
  afterAll(() => harness?.stop());

  const newUser = (firstName: string, languageCode = "ru") =>
    harness.emulator.user({ firstName, languageCode });
  const texts = (messages: ChatMessage[], text: string | RegExp) =>
    messages.filter((m) => (typeof text === "string" ? m.text === text : text.test(m.text ?? "")));

  /** Waits until every update the emulator has queued so far is handled (dropped ones too). */
  async function allHandled(user: UserDriver) {
    const ids = harness.emulator.updates.map((update) => update.update_id);
    await user.waitFor(async () => {
      const handled = await harness.database.prisma.inboundUpdate.count({
        where: { updateId: { in: ids }, handledAt: { not: null } },
      });
      return handled === ids.length ? true : undefined;
    });
  }

  it("answers a flooding user a few times, warns once, and answers another user as usual", async () => {
    const flooder = newUser("Флудер");
    const other = newUser("Соседка");
    await flooder.send("/start");
    await flooder.nextBotMessage();
    const menu = await flooder.nextBotMessage();

    const flood = Array.from({ length: 30 }, (_, i) => flooder.send(`сообщение ${i}`));
    const others = ["раз", "два", "три"].map((text) => other.send(text));
    await Promise.all([...flood, ...others]);
    await allHandled(flooder);

    // /start and the first nine of the flood are answered; the eleventh update is warned about.
    expect(texts(flooder.messages(), notUnderstood)).toHaveLength(limit - 1);
    expect(texts(flooder.messages(), warningRu)).toHaveLength(1);
    expect(flooder.messages()).toHaveLength(2 + (limit - 1) + 1);
    expect(texts(other.messages(), notUnderstood)).toHaveLength(3);
    expect(texts(other.messages(), warningRu)).toHaveLength(0);

    // A press in the rest of the window does nothing, but its button does not spin, nor warn again.
    const button = inlineButtons(menu)[0] ?? "";
    const presses = await Promise.all(
      [1, 2, 3].map(() => flooder.press(button, { message: menu })),
    );
    for (const press of presses)
      expect((await flooder.waitForCallbackAnswer(press)).text).toBeUndefined();
    await allHandled(flooder);
    expect(texts(flooder.messages(), warningRu)).toHaveLength(1);
    expect(flooder.messages()).toHaveLength(2 + (limit - 1) + 1);
  });

  it("warns in the user's language", async () => {
    const english = newUser("Flooder", "en");
    await Promise.all(Array.from({ length: limit + 3 }, (_, i) => english.send(`message ${i}`)));
    await allHandled(english);
    expect(texts(english.messages(), warningEn)).toHaveLength(1);
    expect(english.messages()).toHaveLength(limit + 1);
  });

  it("credits a card payment made in the middle of a flood", async () => {
    const payer = newUser("Сергей");
    await signedIn(payer, "10003");
    await payer.send("/topup");
    await payer.nextBotMessage();
    await payer.press(formatMoney(500_00));
    const invoice = await payer.waitFor(() => payer.messages().findLast((m) => m.invoice));
    const before = await harness.database.prisma.account.findUniqueOrThrow({
      where: { login: "10003" },
    });
    // Five updates so far (/login, the login, the password, /topup, the preset): 15 more floods it.
    const firstHalf = Array.from({ length: 15 }, (_, i) => payer.send(`раз ${i}`));
    const paying = payer.pay(invoice);
    const secondHalf = Array.from({ length: 15 }, (_, i) => payer.send(`два ${i}`));
    await Promise.all([...firstHalf, ...secondHalf]);
    expect((await paying).status).toBe("paid");
    const receipt = await payer.waitFor(() =>
      payer.messages().find((m) => m.text?.startsWith("✅ Оплата получена")),
    );
    expect(receipt.text).toContain(`${formatMoney(500_00)} зачислено на договор 10003`);
    await allHandled(payer);
    expect(
      (await harness.database.prisma.account.findUniqueOrThrow({ where: { login: "10003" } }))
        .balance,
    ).toBe(before.balance + 500_00);
    expect(texts(payer.messages(), warningRu)).toHaveLength(1);
  });

  it("never limits the staff chat", async () => {
    const count = limit + 5;
    for (let i = 0; i < count; i++) await manager.sendIn(staff, "/requests");
    await allHandled(manager);
    expect(staff.messages()).toHaveLength(count);
    expect(texts(staff.messages(), warningRu)).toHaveLength(0);
    expect(texts(manager.messages(), warningRu)).toHaveLength(0);
  });
});
