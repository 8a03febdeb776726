// /topup: card top-up through Telegram Payments. Preset amounts or one typed in; an invoice for a
// PENDING payment (its checkout and crediting: card-payment.ts; "I paid but the balance did not
// change": topup-missing.ts).
import { createConversation } from "@grammyjs/conversations";
import type { I18n } from "@grammyjs/i18n";
import { type Api, Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { billingDayAt } from "../../core/billing/calendar.ts";
import { parseRubles } from "../../core/billing/rubles.ts";
import { invoiceReceipt } from "../../core/payments/receipt.ts";
import type { ReceiptSettings } from "../../core/payments/receipt-settings.ts";
import { currency, startTopUp, type TopUpStart, topUpLimits } from "../../core/payments/topup.ts";
import { accountOrSignIn } from "../account-guard.ts";
import { buttonFamily, idField, numberField, onContractButton } from "../buttons.ts";
import type {
  BotContext,
  BotConversation,
  ConversationContext,
  Translate,
  TranslatingContext,
} from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatMoney } from "../format.ts";
import { hint } from "../hint.ts";
import { menuData } from "../keyboards/main-menu.ts";
import { fitText, lengthLimits } from "../length-limits.ts";
import { missingPaymentData } from "./topup-missing.ts";

/** An amount (kopecks) for the contract it was offered for, or "other": one typed in. */
const amountButton = buttonFamily("topup", {
  accountId: idField(),
  amount: z.union([z.literal("other"), numberField(9)]),
});

const presets = [500_00, 1000_00];
const limits = { min: formatMoney(topUpLimits.min), max: formatMoney(topUpLimits.max) };

/**
 * The invoice for a started top-up, in the words of `t`, with its fiscal receipt's data for the
 * provider: sent to the contract's email (or phone), or to what Telegram asks for at checkout.
 */
export async function sendTopUpInvoice(
  api: Api,
  chatId: number,
  t: Translate,
  started: Extract<TopUpStart, { outcome: "invoice" }>,
  { providerToken, receipts }: { providerToken: string; receipts: ReceiptSettings },
) {
  const known =
    receipts.contact === "phone"
      ? started.phone && { phone: started.phone.replace(/^\+/, "") }
      : started.email && { email: started.email };
  const ask =
    receipts.contact === "phone"
      ? { need_phone_number: true, send_phone_number_to_provider: true }
      : { need_email: true, send_email_to_provider: true };
  const receipt = invoiceReceipt(
    {
      description: t("topup-receipt-item", { login: started.login }),
      amount: started.amount,
      customer: known || null,
    },
    receipts,
  );
  const contact = known ? {} : ask;
  return api.sendInvoice(
    chatId,
    t("topup-invoice-title"),
    fitText(
      t("topup-invoice-description", { login: started.login, accountName: started.name }),
      // A contract's name from the billing can be longer than an invoice's description.
      lengthLimits.invoiceDescription,
    ),
    started.payload,
    currency,
    [{ label: t("topup-invoice-label", { login: started.login }), amount: started.amount }],
    { provider_token: providerToken, provider_data: JSON.stringify(receipt), ...contact },
  );
}

export function topUpFeature(
  deps: Pick<BotDeps, "db" | "billing" | "config" | "logger"> & { i18n?: I18n<BotContext> },
) {
  const { db, billing, config } = deps;
  const today = () => billingDayAt(new Date(), config.timeZone);
  const providerToken = config.paymentProviderToken;

  async function sendInvoice(ctx: TranslatingContext, started: TopUpStart) {
    if (started.outcome !== "invoice") {
      await ctx.reply(
        ctx.t(started.outcome === "closed" ? "topup-closed" : "topup-out-of-range", limits),
      );
      return;
    }
    if (!ctx.chat) return;
    await sendTopUpInvoice(ctx.api, ctx.chat.id, ctx.t, started, {
      providerToken: providerToken ?? "",
      receipts: config.receipts,
    });
  }

  async function otherAmount(
    conversation: BotConversation,
    ctx: ConversationContext,
    accountId: number,
  ) {
    await ctx.reply(ctx.t("topup-ask-amount", limits));
    for (;;) {
      const reply = await conversation.waitFor("message:text", {
        otherwise: (other) => hint(other, "topup-bad-amount", limits),
      });
      const amount = parseRubles(reply.message.text);
      if (amount === null) {
        await reply.reply(reply.t("topup-bad-amount", limits));
        continue;
      }
      if (amount < topUpLimits.min || amount > topUpLimits.max) {
        await reply.reply(reply.t("topup-out-of-range", limits));
        continue;
      }
      const telegramUserId = reply.from.id;
      const started = await conversation.external(() =>
        startTopUp(db, { accountId, telegramUserId, amount }),
      );
      await sendInvoice(reply, started);
      return;
    }
  }

  const conversations = new Composer<BotContext>();
  conversations.chatType("private").use(createConversation(otherAmount, "topup-amount"));

  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  async function offer(ctx: BotContext) {
    const account = await accountOrSignIn(ctx, db);
    if (!account) return;
    if (!providerToken) {
      await ctx.reply(ctx.t("topup-not-configured"), {
        reply_markup: new InlineKeyboard().text(ctx.t("menu-contacts"), menuData("contacts")),
      });
      return;
    }
    const card = await billing.contractSummary(account.id, today());
    const monthlyFee = (card.internet?.monthlyFee ?? 0) + (card.iptv?.monthlyFee ?? 0);
    const debt = card.balance < 0 ? Math.ceil(-card.balance / 100) * 100 : 0;
    const amounts = [...new Set([monthlyFee, debt, ...presets])].filter(
      (amount) => amount >= topUpLimits.min && amount <= topUpLimits.max,
    );
    const keyboard = new InlineKeyboard();
    for (const amount of amounts) {
      const key =
        amount === debt ? "topup-debt" : amount === monthlyFee ? "topup-month" : "topup-amount";
      keyboard
        .text(
          ctx.t(key, { amount: formatMoney(amount) }),
          amountButton.pack({ accountId: account.id, amount }),
        )
        .row();
    }
    keyboard
      .text(ctx.t("topup-other"), amountButton.pack({ accountId: account.id, amount: "other" }))
      .row();
    keyboard.text(ctx.t("topup-missing"), missingPaymentData);
    await ctx.reply(
      ctx.t("topup-choose", { login: account.login, balance: formatMoney(card.balance) }),
      { reply_markup: keyboard },
    );
  }

  privateChat.command("topup", offer);
  privateChat.callbackQuery(menuData("topup"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await offer(ctx);
  });

  // The contract in the button must still be the user's active one; the amount is re-checked.
  onContractButton(privateChat, db, amountButton, async (ctx, account, { amount }) => {
    if (!providerToken) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    if (amount === "other") {
      await ctx.conversation.enter("topup-amount", account.id, { overwrite: true });
      return;
    }
    await sendInvoice(
      ctx,
      await startTopUp(db, { accountId: account.id, telegramUserId: ctx.from.id, amount }),
    );
  });

  return { conversations, feature, offer };
}
