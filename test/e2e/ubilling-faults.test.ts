// What a subscriber meets when Ubilling misbehaves, through the real bot and our Ubilling emulator:
// a billing that is down while they sign in, look at their balance or pay, and a password changed
// in the billing behind the bot's back. Nothing is lost, nothing counted against them, the bot
// stays up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginPolicy } from "../../core/accounts/login-policy.ts";
import {
  type BillingWorld,
  rub,
  signedInOn,
  startUbillingWorld,
} from "../support/billing-worlds.ts";
import { jobRunner } from "../support/jobs.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { signInThroughBot } from "../support/sign-in.ts";
import { openTicketThroughBot } from "../support/support-desk.ts";

describe.skipIf(noPostgres || noRedis)("on Ubilling, when it fails", () => {
  let world: BillingWorld;
  let ub: NonNullable<BillingWorld["ubilling"]>;
  beforeAll(async () => {
    world = await startUbillingWorld();
    ub = world.ubilling ?? expect.unreachable("the Ubilling world has its emulator");
  });
  afterAll(() => world?.stop());

  const newUser = (firstName: string) =>
    world.harness.emulator.user({ firstName, languageCode: "ru" });

  const linksOf = (login: string) =>
    world.harness.database.prisma.accountLink.findMany({ where: { account: { login } } });

  it("answers sign-ins during an outage politely and counts none of them", async () => {
    const user = newUser("Ислам");
    ub.setDown("unavailable");
    try {
      for (let i = 0; i <= loginPolicy.maxFailures; i += 1) {
        const reply = await signInThroughBot(user, world.logins.spare, `guess-${i}`);
        expect(reply.text).toContain("Биллинг сейчас не отвечает");
        expect(reply.text).toContain("Попытка не засчитана");
      }
    } finally {
      ub.setDown(false);
    }
    const reply = await signInThroughBot(user, world.logins.spare, world.password);
    expect(reply.text).toContain(`Вы вошли в личный кабинет: договор ${world.logins.spare}`);
  });

  it("takes a login only as Ubilling spells it: another spelling is a wrong login", async () => {
    const user = world.harness.emulator.user({ firstName: "Ислам", languageCode: "ru" });
    for (const variant of ["UB_ACTIVE", "ub-active"]) {
      const reply = await signInThroughBot(user, variant, world.password);
      expect(reply.text).toContain("Неверный логин или пароль");
    }
    expect(
      await world.harness.database.prisma.account.count({ where: { login: "UB_ACTIVE" } }),
    ).toBe(0);
  });

  it("apologises for /balance while the billing is down and shows it once it is back", async () => {
    const user = await signedInOn(world, "Руслан", world.logins.active);
    ub.setDown("drop");
    try {
      await user.send("/balance");
      expect((await user.nextBotMessage()).text).toContain("Биллинг сейчас не отвечает");
      await user.send("/contacts");
      await user.waitFor(() => user.messages().find((m) => m.text?.includes("Ленина 52а")));
    } finally {
      ub.setDown(false);
    }
    await user.send("/balance");
    const card = await user.waitFor(() =>
      user.messages().findLast((m) => m.text?.startsWith("💰")),
    );
    expect(card.text).toContain(`💰 Баланс · договор ${world.logins.active}`);
  });

  it("opens a ticket while the billing is down, its card without the money", async () => {
    const user = await signedInOn(world, "Ислам", world.logins.spare);
    ub.setDown("unavailable");
    try {
      const { card } = await openTicketThroughBot(world.agents, user);
      expect(card.text).toContain(`📄 Договор ${world.logins.spare}`);
      expect(card.text).toContain("Баланс и тариф: биллинг сейчас не отвечает");
    } finally {
      ub.setDown(false);
    }
  });

  it("records a card payment made while the billing is down and posts it once when it returns", async () => {
    const login = world.logins.low;
    const user = await signedInOn(world, "Сергей", login);
    const before = await world.balance(login);
    await user.send("/topup");
    await user.nextBotMessage();
    await user.press(rub(500_00));
    const invoice = await user.waitFor(() => user.messages().findLast((m) => m.invoice));
    ub.setDown("unavailable");
    try {
      expect((await user.pay(invoice)).status).toBe("paid");
      const ack = await user.waitFor(() =>
        user.messages().find((m) => m.text?.includes("получена, зачисляем")),
      );
      expect(ack.text).toContain(
        `✅ Оплата ${rub(500_00)} получена, зачисляем на договор ${login}`,
      );
      const run = jobRunner(world.harness);
      expect(await run("payment-posting")).toMatchObject({ posted: 0 });
      expect(await world.balance(login)).toBe(before);
    } finally {
      ub.setDown(false);
    }
    const payment = await world.harness.database.prisma.payment.findFirstOrThrow({
      where: { account: { login }, status: "PAID" },
    });
    // Its next try is due after the backoff: the scheduler's next minutes, brought forward here.
    await world.harness.database.prisma.payment.update({
      where: { id: payment.id },
      data: { nextPostAt: new Date() },
    });
    const run = jobRunner(world.harness);
    expect(await run("payment-posting")).toMatchObject({ posted: 1, failed: 0 });
    expect(await run("payment-posting")).toMatchObject({ posted: 0, waiting: 0, failed: 0 });
    const receipt = await user.waitFor(() =>
      user.messages().find((m) => m.text?.includes(`Баланс: ${rub(before + 500_00)}`)),
    );
    expect(receipt.text).toContain(rub(500_00));
    expect(await world.balance(login)).toBe(before + 500_00);
    expect(ub.state.opTransactions).toHaveLength(1);
  });

  it("refuses a freeze the billing's options rule out, and an unfreeze it keeps to staff", async () => {
    const login = world.logins.active;
    const user = await signedInOn(world, "Зарема", login);
    ub.config.AF_ENABLED = false;
    try {
      await user.send("/freeze");
      await user.nextBotMessage();
      await user.press("❄️ С сегодняшнего дня");
      expect((await user.nextBotMessage()).text).toContain(
        `Самостоятельная заморозка договора ${login} в биллинге выключена`,
      );
    } finally {
      ub.config.AF_ENABLED = true;
    }
    ub.config.XMLAGENT_SELF_UNFREEZE_ALLOWED = false;
    ub.subscriber(login).frozen = true;
    try {
      await user.send("/freeze");
      await user.nextBotMessage();
      await user.press("🔥 Разморозить");
      await user.nextBotMessage();
      await user.press("🔥 Да, разморозить");
      await user.waitFor(() =>
        user.messages().find((m) => m.text?.includes("самому биллинг не даёт")),
      );
      expect(ub.subscriber(login).frozen).toBe(true);
    } finally {
      ub.subscriber(login).frozen = false;
      ub.config.XMLAGENT_SELF_UNFREEZE_ALLOWED = true;
    }
  });

  it("suspends the links when the password is changed in the billing, and asks to sign in again", async () => {
    const login = world.logins.blocked;
    const user = await signedInOn(world, "Патимат", login);
    ub.setPassword(login, "changed-in-billing-1");
    await user.send("/balance");
    const asked = await user.nextBotMessage();
    expect(asked.text).toContain("Пароль от личного кабинета изменился в биллинге");
    expect(asked.text).toContain("/login");
    const links = await linksOf(login);
    expect(links).toHaveLength(1);
    expect(links[0]?.suspendedAt).not.toBeNull();

    await user.send("/balance");
    expect((await user.nextBotMessage()).text).toContain("Войдите заново с новым паролем");
    const again = await signInThroughBot(user, login, "changed-in-billing-1");
    expect(again.text).toContain(`Вы вошли в личный кабинет: договор ${login}`);
    await user.nextBotMessage();
    expect((await linksOf(login))[0]?.suspendedAt).toBeNull();
    await user.send("/balance");
    expect((await user.nextBotMessage()).text).toContain(`💰 Баланс · договор ${login}`);
  });
});
