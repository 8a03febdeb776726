// kill -9 at every step of a card payment's handling: after a restart the payment is credited
// exactly once, and what Telegram was told it had delivered is never delivered again (the update
// comes back from the inbox). Each step is held from outside: a lock in PostgreSQL, or a Bot API
// call the emulator does not answer yet.
import type { Update } from "grammy/types";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "../../bot/format.ts";
import { cardKey } from "../../core/payments/card-payment.ts";
import { seedDemoData } from "../../prisma/seed.ts";
import { BotApiEmulator, type ChatMessage, type UserDriver } from "../emulator/index.ts";
import { type BotProcess, startBotProcess } from "../support/bot-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { freshRedisUrl } from "../support/redis.ts";
import { noPostgres, noRedis } from "../support/require-services.ts";
import { signedIn } from "../support/sign-in.ts";

const amount = 500_00;

/** A contract as it was before the payment. */
interface Account {
  id: number;
  balance: number;
  at: Date;
}
const receipt = "✅ Оплата получена";

describe.skipIf(noPostgres || noRedis)("a card payment when the bot is killed", () => {
  let emulator: BotApiEmulator;
  let database: TestDatabase;
  let env: Record<string, string>;
  let bot: BotProcess;

  async function startBot() {
    bot = startBotProcess(env);
    await bot.logged("bot started");
  }

  beforeAll(async () => {
    emulator = await BotApiEmulator.start();
    database = await createTestDatabase();
    await seedDemoData(database.prisma);
    env = {
      BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      DATABASE_URL: database.url,
      REDIS_URL: await freshRedisUrl(),
      PAYMENT_PROVIDER_TOKEN: "381764678:TEST:kaspnet",
      SCHEDULER: "off",
      TELEGRAM_CHAT_INTERVAL_MS: "20",
      LOG_LEVEL: "info",
    };
    await startBot();
  });

  afterAll(async () => {
    if (bot) expect(await bot.stop(15_000)).toEqual({ code: 0, signal: null });
    await emulator?.stop();
    await database?.drop();
  });

  /** A signed-in user with an invoice for `amount` to the contract. */
  async function invoiceFor(login: string) {
    const user = emulator.user({ firstName: `Абонент ${login}`, languageCode: "ru" });
    await signedIn(user, login);
    const { id, balance } = await database.prisma.account.findUniqueOrThrow({ where: { login } });
    const account: Account = { id, balance, at: new Date() };
    await user.send("/topup");
    await user.nextBotMessage();
    // The preset may be labelled as the month's fee or the debt; it ends with the amount.
    await user.press(new RegExp(`(^|: )${formatMoney(amount)}$`));
    const invoice = await user.waitFor(() => user.messages().findLast((m) => m.invoice));
    return { user, account, invoice };
  }

  /** Pays the invoice; returns the successful_payment update the emulator made of it. */
  async function pay(user: UserDriver, invoice: ChatMessage): Promise<Update> {
    const paid = await user.pay(invoice);
    if (paid.status !== "paid") throw new Error(`The payment was ${paid.status}`);
    const charge = paid.message.successful_payment?.telegram_payment_charge_id;
    const update = emulator.updates.find(
      (candidate) => candidate.message?.successful_payment?.telegram_payment_charge_id === charge,
    );
    if (update === undefined) throw new Error("No successful_payment update");
    return update;
  }

  const chargeId = (update: Update) =>
    update.message?.successful_payment?.telegram_payment_charge_id ?? "";

  /** How many getUpdates answers carried the update. */
  function deliveries(update: Update): number {
    return emulator.calls.filter(
      (call) =>
        call.method === "getUpdates" &&
        call.response?.ok === true &&
        (call.response.result as Update[]).some((sent) => sent.update_id === update.update_id),
    ).length;
  }

  const isPending = (update: Update) =>
    emulator.pendingUpdates().some((pending) => pending.update_id === update.update_id);

  async function lockHolder(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query("BEGIN");
    return client;
  }

  /**
   * Backends the holder's locks keep waiting: the bot's (nobody else writes). Their query text is
   * not always the waiting statement's (pg_stat_activity may still show the previous one).
   */
  const blockedByHolder = `SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))`;

  async function waitForBotToWait(user: UserDriver, holder: pg.Client) {
    await user.waitFor(
      async () => (await holder.query(blockedByHolder)).rows.length > 0 || undefined,
    );
  }

  /**
   * SIGKILL, then a new process. A statement the dead process left waiting for a lock still runs
   * when the lock is released (PostgreSQL notices the closed connection only afterwards), and an
   * autocommit one takes effect. By default it is ended first, so the step the bot was killed in
   * is undone; with `queued: "completes"` it is let run before the new process starts.
   */
  async function killAndRestart(
    user: UserDriver,
    holder?: pg.Client,
    queued: "ended" | "completes" = "ended",
  ) {
    expect(await bot.kill("SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
    if (holder) {
      const dead = (await holder.query(blockedByHolder)).rows.map((row) => row.pid);
      if (queued === "ended")
        await holder.query("SELECT pg_terminate_backend(unnest($1::int[]), 5000)", [dead]);
      await holder.query("COMMIT");
      if (queued === "completes") {
        await user.waitFor(async () => {
          const { rows } = await holder.query(
            "SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1)",
            [dead],
          );
          return rows.length === 0 || undefined;
        });
      }
      await holder.end();
    }
    await startBot();
  }

  async function inboxRow(update: Update) {
    return database.prisma.inboundUpdate.findUnique({ where: { updateId: update.update_id } });
  }

  /** Waits until the restarted bot has handled the update, then checks the money. */
  async function expectCreditedOnce(user: UserDriver, before: Account, update: Update) {
    await user.waitFor(async () => (await inboxRow(update))?.handledAt ?? undefined);
    const entries = await database.prisma.ledgerEntry.findMany({
      where: { accountId: before.id, kind: "CARD_TOPUP", createdAt: { gt: before.at } },
    });
    expect(entries).toEqual([
      expect.objectContaining({ idempotencyKey: cardKey(chargeId(update)), amount }),
    ]);
    const account = await database.prisma.account.findUniqueOrThrow({ where: { id: before.id } });
    expect(account.balance).toBe(before.balance + amount);
    expect(
      await database.prisma.payment.findMany({
        where: { accountId: before.id, telegramChargeId: chargeId(update) },
      }),
    ).toEqual([expect.objectContaining({ status: "PAID", amount })]);
    return user.messages().filter((m) => m.text?.startsWith(receipt)).length;
  }

  /** Pays with the inbox table locked: the bot's insert of the successful_payment waits. */
  async function payWhileStoreWaits(user: UserDriver, invoice: ChatMessage) {
    // The batch after the pre-checkout query (the payment) reaches the bot once the table is locked.
    const batch = emulator.faults.hold({ method: "getUpdates" });
    const update = await pay(user, invoice);
    await batch.reached;
    const checkout = emulator.updates.findLast((candidate) => candidate.pre_checkout_query);
    await user.waitFor(
      async () => (checkout && (await inboxRow(checkout))?.handledAt) ?? undefined,
    );
    const holder = await lockHolder();
    await holder.query(`LOCK TABLE "InboundUpdate" IN ACCESS EXCLUSIVE MODE`);
    batch.release();
    await waitForBotToWait(user, holder);
    expect(isPending(update)).toBe(true);
    return { update, holder };
  }

  it("a. while storing the update: Telegram sends it again, it is credited once", async () => {
    const { user, account, invoice } = await invoiceFor("10001");
    const { update, holder } = await payWhileStoreWaits(user, invoice);

    await killAndRestart(user, holder);

    expect(await expectCreditedOnce(user, account, update)).toBe(1);
    // Never confirmed, so Telegram sent it again: to the killed process and to the new one.
    expect(deliveries(update)).toBe(2);
    expect(await inboxRow(update)).toMatchObject({ attempts: 1 });
  });

  it("a'. when the insert it was waiting for commits after all: handled once, from the inbox", async () => {
    const { user, account, invoice } = await invoiceFor("10001");
    const { update, holder } = await payWhileStoreWaits(user, invoice);

    await killAndRestart(user, holder, "completes");

    expect(await expectCreditedOnce(user, account, update)).toBe(1);
    // Replayed from the inbox on start, and also sent again by Telegram (never confirmed)...
    expect(await inboxRow(update)).toMatchObject({ attempts: 2 });
    expect(deliveries(update)).toBe(2);
    // ...which the bot does not handle twice: a later message of the chat is answered after it.
    const later = await user.send("/balance");
    await user.waitFor(() =>
      user.messages().find((m) => m.message_id > later.message_id && m.text?.includes("Баланс")),
    );
    expect(user.messages().filter((m) => m.text?.startsWith(receipt))).toHaveLength(1);
  });

  it("b. while crediting: the inbox credits it once after the restart", async () => {
    const { user, account, invoice } = await invoiceFor("10003");
    const holder = await lockHolder();
    await holder.query(`SELECT id FROM "Account" WHERE id = $1 FOR UPDATE`, [account.id]);
    const update = await pay(user, invoice);
    await waitForBotToWait(user, holder);
    await user.waitFor(() => !isPending(update) || undefined);

    await killAndRestart(user, holder);

    expect(await expectCreditedOnce(user, account, update)).toBe(1);
    expect(deliveries(update)).toBe(1);
    expect(await inboxRow(update)).toMatchObject({ attempts: 2 });
  });

  it("c. while sending the receipt: credited once, the receipt sent again", async () => {
    const { user, account, invoice } = await invoiceFor("10004");
    const sending = emulator.faults.hold({ method: "sendMessage", chatId: user.id });
    const update = await pay(user, invoice);
    await sending.reached;
    // The credit is committed by the time the receipt goes out.
    expect(
      await database.prisma.ledgerEntry.count({
        where: { idempotencyKey: cardKey(chargeId(update)) },
      }),
    ).toBe(1);
    expect(isPending(update)).toBe(false);

    await killAndRestart(user);
    sending.release();

    // The held receipt had reached the chat; the killed bot never heard so, and the replayed update
    // (its credit found already posted) sends it again: Telegram cannot be asked what arrived.
    expect(await expectCreditedOnce(user, account, update)).toBe(2);
    expect(deliveries(update)).toBe(1);
  });

  it("d. while marking the update handled: credited once, the receipt sent again", async () => {
    const { user, account, invoice } = await invoiceFor("10002");
    const sending = emulator.faults.hold({ method: "sendMessage", chatId: user.id });
    const update = await pay(user, invoice);
    await sending.reached;
    const holder = await lockHolder();
    await holder.query(`SELECT 1 FROM "InboundUpdate" WHERE "updateId" = $1 FOR UPDATE`, [
      update.update_id,
    ]);
    sending.release();
    await waitForBotToWait(user, holder);
    expect(isPending(update)).toBe(false);

    await killAndRestart(user, holder);

    // Everything but the mark was done, the receipt too: the replay sends a second one.
    expect(await expectCreditedOnce(user, account, update)).toBe(2);
    expect(deliveries(update)).toBe(1);
    expect(await inboxRow(update)).toMatchObject({ attempts: 2 });
  });
});
