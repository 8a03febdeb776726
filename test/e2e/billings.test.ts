// The common subscriber flows on each billing the bot runs on, one suite for both: the built-in
// billing and Ubilling (our emulator) behind the same port, rendered the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginPolicy } from "../../core/accounts/login-policy.ts";
import { type BillingWorld, billingWorlds, rub, signedInOn } from "../support/billing-worlds.ts";
import { jobRunner } from "../support/jobs.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { inlineButtons, signInThroughBot } from "../support/sign-in.ts";
import { openTicketThroughBot } from "../support/support-desk.ts";

describe.skipIf(noPostgres || noRedis).each(billingWorlds)("on the %s billing", (_name, start) => {
  let world: BillingWorld;
  beforeAll(async () => {
    world = await start();
  });
  afterAll(() => world?.stop());

  const newUser = (firstName: string) =>
    world.harness.emulator.user({ firstName, languageCode: "ru" });

  it("signs in with the right password and refuses a wrong one, then locks the login", async () => {
    await signedInOn(world, "Руслан", world.logins.active);
    const stranger = newUser("Чужой");
    const wrong = await signInThroughBot(stranger, world.logins.spare, "not-the-password");
    expect(wrong.text).toContain("Неверный логин или пароль");
    await stranger.press("Забыли пароль?");
    const recovery = await stranger.nextBotMessage();
    if (world.name === "builtin") expect(recovery.text).toContain("Восстановление пароля");
    else expect(recovery.text).toContain("восстановить его через бота нельзя");
    if (world.name === "builtin")
      await stranger.send("/cancel").then(() => stranger.nextBotMessage());
    for (let i = 1; i < loginPolicy.maxFailures - 1; i += 1)
      await signInThroughBot(stranger, world.logins.spare, `wrong-${i}`);
    const locked = await signInThroughBot(stranger, world.logins.spare, "wrong-last");
    expect(locked.text).toContain("Вход по этому договору временно заблокирован");
    const rightWhileLocked = await signInThroughBot(
      newUser("Поздний"),
      world.logins.spare,
      world.password,
    );
    expect(rightWhileLocked.text).toContain("временно заблокирован");
  });

  it("shows the blocked contract's balance, tariff and status", async () => {
    const user = await signedInOn(world, "Патимат", world.logins.blocked);
    await user.send("/balance");
    const card = await user.nextBotMessage();
    expect(card.text).toContain(`💰 Баланс · договор ${world.logins.blocked}`);
    expect(card.text).toContain(`Баланс: ${rub(-180_00)}`);
    expect(card.text).toContain("Статус: заблокирован");
    expect(card.text).toContain(rub(450_00));
    expect(inlineButtons(card)).toContain("📜 История платежей");
  });

  it("grants the blocked contract a trust payment, and refuses the active one with why", async () => {
    const user = await signedInOn(world, "Заира", world.logins.blocked);
    await user.send("/trust");
    const offer = await user.nextBotMessage();
    expect(offer.text).toContain(`🤝 Доверительный платёж · договор ${world.logins.blocked}`);
    await user.press("✅ Взять");
    const granted = await user.waitFor(() => {
      const current = user.messages().find((m) => m.message_id === offer.message_id);
      return current?.text?.startsWith("✅") ? current : undefined;
    });
    expect(granted.text).toContain("✅ Доверительный платёж");
    expect(granted.text).toContain(`зачислен на договор ${world.logins.blocked}`);
    expect(granted.text).toContain("Доступ в интернет восстановлен");

    const active = await signedInOn(world, "Руслан", world.logins.active);
    await active.send("/trust");
    const refusal = await active.nextBotMessage();
    expect(refusal.text).toContain(world.logins.active);
    expect(refusal.text).toContain("доверительный платёж нужен, только когда денег не хватает");
    expect(inlineButtons(refusal)).not.toContain("✅ Взять");
  });

  it("shows the contract's tariff and those it may switch to: the switch, or where to make it", async () => {
    const user = await signedInOn(world, "Патимат", world.logins.blocked);
    await user.send("/tariffs");
    const view = await user.nextBotMessage();
    expect(view.text).toContain(`📶 Тарифы · договор ${world.logins.blocked}`);
    expect(view.text).toMatch(new RegExp(`✅ .+ — ${rub(450_00)} в месяц`));
    expect(view.text).toMatch(new RegExp(`▫️ .+ — ${rub(850_00)} в месяц`));
    if (world.name === "builtin") {
      await user.press("Перейти на «Максимум 300»");
      await user.nextBotMessage(); // the confirmation
      await user.press("✅ Подтвердить");
      const done = await user.waitFor(() =>
        user.messages().find((m) => m.text?.startsWith("Готово")),
      );
      expect(done.text).toContain("«Максимум 300»");
    } else {
      expect(view.text).toContain("Сменить тариф через бота на этом договоре нельзя");
      expect(view.text).toContain("ул. Ленина 52а, 8 800 700-54-05");
      expect(inlineButtons(view)).toEqual([]);
    }
  });

  it("opens a ticket whose card shows agents the contract's money from the billing", async () => {
    const user = await signedInOn(world, "Руслан", world.logins.active);
    const { card } = await openTicketThroughBot(world.agents, user);
    expect(card.text).toContain(`📄 Договор ${world.logins.active}`);
    expect(card.text).toContain(`баланс ${rub(await world.balance(world.logins.active))}`);
    expect(card.text).not.toContain("биллинг сейчас не отвечает");
  });

  it("shows the profile from the billing, with the changes the billing lets the bot make", async () => {
    const user = await signedInOn(world, "Ислам", world.logins.active);
    await user.send("/profile");
    const card = await user.nextBotMessage();
    expect(card.text).toContain(`👤 Профиль — договор ${world.logins.active}`);
    expect(card.text).toContain("Адрес: ");
    expect(inlineButtons(card)).toContain("🔕 Выключить напоминания");
    if (world.name === "builtin") {
      expect(inlineButtons(card)).toContain("✉️ Сменить почту");
      expect(inlineButtons(card)).toContain("🔑 Сменить пароль");
    } else {
      expect(card.text).toContain("Адрес: Каспийск ул. Ленина 5/1");
      // Signing in stored it as outages match it.
      expect(
        await world.harness.database.prisma.account.findUniqueOrThrow({
          where: { login: world.logins.active },
          select: { streetKey: true, house: true, flat: true },
        }),
      ).toEqual({ streetKey: "ленина", house: "5", flat: "1" });
      expect(inlineButtons(card)).not.toContain("✉️ Сменить почту");
      expect(inlineButtons(card)).not.toContain("🔑 Сменить пароль");
      expect(card.text).toContain("Телефон, почту и пароль договора хранит биллинг Каспнет");
    }
    await user.press("🔕 Выключить напоминания");
    const saved = await user.waitFor(() => {
      const edited = user.messages().find((m) => m.message_id === card.message_id);
      return edited?.text?.includes("выключены") ? edited : undefined;
    });
    expect(saved.text).toContain(`договор ${world.logins.active}`);
  });

  it("signs in by a shared phone number only where the billing's numbers are here", async () => {
    const user = newUser("Гость");
    await user.send("/login");
    const ask = await user.nextBotMessage();
    await user.shareContact({ phone: "79280000009" });
    const reply = await user.nextBotMessage();
    if (world.name === "builtin") {
      expect(ask.text).toContain("Отправить мой номер");
      expect(reply.text).not.toContain("Вход по номеру телефона здесь не работает");
    } else {
      expect(ask.text).not.toContain("Отправить мой номер");
      expect(reply.text).toContain("Вход по номеру телефона здесь не работает");
      await user.send(world.logins.spare);
      expect((await user.nextBotMessage()).text).toContain("пароль");
    }
  });

  it("pages the history: ten lines a page, older ones on the next", async () => {
    const login = world.logins.active;
    // 12 payments of 101…112 ₽ today, the newest last: more than a page.
    await world.addPayments(
      login,
      Array.from({ length: 12 }, (_, i) => 101 + i),
    );
    const user = await signedInOn(world, "Мурад", login);
    await user.send("/balance");
    await user.waitFor(() => user.messages().findLast((m) => m.text?.startsWith("💰")));
    await user.press("📜 История платежей");
    const first = await user.waitFor(() =>
      user.messages().findLast((m) => m.text?.startsWith("📜")),
    );
    expect(first.text).toMatch(/Страница 1 из [2-9]/);
    expect(first.text).toContain(`+${rub(112_00)}`);
    expect(first.text).not.toContain(`+${rub(101_00)}`);
    await user.press("Старше ▶️");
    const second = await user.waitFor(() =>
      user.messages().find((m) => m.text?.includes("Страница 2 из")),
    );
    expect(second.text).toContain(`+${rub(101_00)}`);
  });

  it("reminds of a low balance, the same words on either billing", async () => {
    const user = await signedInOn(world, "Сергей", world.logins.low);
    const report = await jobRunner(world.harness)("low-balance-reminders");
    expect(report).toMatchObject({ due: 1, queued: 1, sent: 1 });
    const reminder = await user.waitFor(() =>
      user.messages().find((m) => m.text?.startsWith("⚠️ Договор")),
    );
    expect(reminder.text).toContain(`⚠️ Договор ${world.logins.low}: на балансе ${rub(40_00)}`);
    expect(reminder.text).toMatch(/Денег хватит на \d+ дн/);
    expect(reminder.text).toContain("интернет отключится, если не пополнить баланс");
  });

  it("credits a card top-up once and shows it in the balance and the history", async () => {
    const user = await signedInOn(world, "Аминат", world.logins.active);
    const before = await world.balance(world.logins.active);
    await user.send("/topup");
    await user.nextBotMessage();
    await user.press(rub(500_00));
    const invoice = await user.waitFor(() => user.messages().findLast((m) => m.invoice));
    expect((await user.pay(invoice)).status).toBe("paid");
    const receipt = await user.waitFor(() =>
      user.messages().find((m) => m.text?.includes(`Баланс: ${rub(before + 500_00)}`)),
    );
    expect(receipt.text).toContain(rub(500_00));
    expect(await world.balance(world.logins.active)).toBe(before + 500_00);

    await user.send("/balance");
    const card = await user.waitFor(() =>
      user.messages().findLast((m) => m.text?.startsWith("💰")),
    );
    expect(card.text).toContain(`Баланс: ${rub(before + 500_00)}`);
    await user.press("📜 История платежей");
    const history = await user.waitFor(() =>
      user.messages().findLast((m) => m.text?.startsWith("📜")),
    );
    expect(history.text).toContain(`📜 История · договор ${world.logins.active}`);
    expect(history.text).toContain(`+${rub(500_00)}`);
  });

  it("freezes a contract from today until unfrozen, shows it on the balance, and unfreezes it", async () => {
    const login = world.logins.low;
    const user = await signedInOn(world, "Зарема", login);
    await user.send("/freeze");
    const status = await user.nextBotMessage();
    expect(status.text).toContain(`❄️ Заморозка · договор ${login}`);
    await user.press("❄️ С сегодняшнего дня");
    if (world.name === "builtin") {
      expect(inlineButtons(status)).toContain("📅 С другой даты");
      await user.nextBotMessage(); // how many days
      await user.press("♾ До разморозки");
    } else {
      expect(inlineButtons(status)).not.toContain("📅 С другой даты");
      expect(status.text).toContain("Заморозка начинается сегодня и длится до разморозки");
    }
    const confirm = await user.nextBotMessage();
    expect(confirm.text).toContain(`❄️ Заморозить договор ${login}?`);
    await user.press("✅ Заморозить");
    const done = await user.waitFor(() =>
      user.messages().find((m) => m.text?.startsWith(`✅ Договор ${login} заморожен`)),
    );
    expect(done.text).toContain("Абонентская плата на это время не списывается");

    await user.send("/balance");
    const card = await user.waitFor(() =>
      user.messages().findLast((m) => m.text?.startsWith("💰")),
    );
    expect(card.text).toContain("❄️ Заморожен с");

    await user.send("/freeze");
    const frozen = await user.waitFor(() =>
      user.messages().find((m) => m.text?.startsWith(`❄️ Договор ${login} заморожен с`)),
    );
    await user.press("🔥 Разморозить", { message: frozen });
    await user.waitFor(() => user.messages().find((m) => m.text?.startsWith("Разморозить")));
    await user.press("🔥 Да, разморозить");
    const unfrozen = await user.waitFor(() =>
      user.messages().find((m) => m.text?.startsWith(`✅ Договор ${login} разморожен`)),
    );
    expect(unfrozen.text).toContain(login);
    if (world.ubilling) expect(world.ubilling.subscriber(login).frozen).toBe(false);
  });
});
