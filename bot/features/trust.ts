// /trust: the trust payment (доверительный платёж). The offer shows amount, term, end and how many
// are left this period, with Confirm and Cancel; a refusal says why. The Confirm button names the
// contract and the amount shown: both are user input, so the grant happens only for the user's
// active contract and only for the amount core still finds due (otherwise the new offer is shown).
import { Composer, InlineKeyboard } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import type {
  CreditLineOffer,
  GrantResult,
  TrustOffer,
  TrustRefusal,
} from "../../core/billing/trust.ts";
import { accountStatusKeys } from "../account-status.ts";
import { buttonFamily, idField, numberField, onButton, onContractButton } from "../buttons.ts";
import type { BotContext, TranslatingContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDateTime, formatMoney } from "../format.ts";
import { menuData } from "../keyboards/main-menu.ts";

type Translate = (key: string, variables?: Record<string, string | number>) => string;

const confirmButton = buttonFamily("trust:yes", { accountId: idField(), amount: numberField(12) });
const cancelButton = buttonFamily("trust:no");

function offerText(
  ctx: TranslatingContext,
  login: string,
  offer: TrustOffer | CreditLineOffer,
  timeZone: string,
): string {
  if (offer.kind === "credit-line") {
    return ctx.t("trust-offer-credit-line", {
      login,
      amount: formatMoney(offer.estimatedAmount),
      fee: formatMoney(offer.fee),
    });
  }
  return ctx.t("trust-offer", {
    login,
    amount: formatMoney(offer.amount),
    days: offer.days,
    until: formatDateTime(offer.expiresAt, timeZone),
    balanceAfter: formatMoney(offer.balanceAfter),
    periodDays: offer.periodDays,
    remaining: offer.remaining,
    perPeriod: offer.perPeriod,
  });
}

function offerMessage(
  ctx: TranslatingContext,
  account: { id: number; login: string },
  offer: TrustOffer | CreditLineOffer,
  timeZone: string,
) {
  const amount = offer.kind === "credit-line" ? offer.estimatedAmount : offer.amount;
  const reply_markup = new InlineKeyboard()
    .text(ctx.t("trust-confirm"), confirmButton.pack({ accountId: account.id, amount }))
    .text(ctx.t("trust-cancel"), cancelButton.pack({}));
  return { text: offerText(ctx, account.login, offer, timeZone), reply_markup };
}

export function refusalText(
  t: Translate,
  login: string,
  refusal: TrustRefusal,
  timeZone: string,
): string {
  switch (refusal.reason) {
    case "closed":
      return t("trust-refused-closed", { login });
    case "active":
      if (refusal.amount === null || refusal.expiresAt === null) {
        return t("trust-refused-active-open", { login });
      }
      return t("trust-refused-active", {
        login,
        amount: formatMoney(refusal.amount),
        until: formatDateTime(refusal.expiresAt, timeZone),
      });
    case "too-soon":
      return t("trust-refused-too-soon", {
        login,
        perPeriod: refusal.perPeriod,
        periodDays: refusal.periodDays,
        from: formatDateTime(refusal.availableFrom, timeZone),
      });
    case "balance-fine":
      if (refusal.nextCharge === null) {
        return t("trust-refused-no-debt", { login, balance: formatMoney(refusal.balance) });
      }
      return t("trust-refused-balance-fine", {
        login,
        balance: formatMoney(refusal.balance),
        charge: formatMoney(refusal.nextCharge),
      });
    case "wrong-day":
      if (refusal.minDay === null || refusal.maxDay === null) {
        return t("trust-refused-wrong-day-unknown", { login });
      }
      return t("trust-refused-wrong-day", {
        login,
        minDay: refusal.minDay,
        maxDay: refusal.maxDay,
      });
    case "disabled":
      return t("trust-refused-disabled", { login });
    case "frozen":
      return t("trust-refused-frozen", { login });
    case "debt-too-deep":
      return t("trust-refused-debt-too-deep", { login });
    case "tariff-not-allowed":
      return t("trust-refused-tariff-not-allowed", { login });
    case "used-this-month":
      return t("trust-refused-used-this-month", { login });
    case "previous-not-paid":
      return t("trust-refused-previous-not-paid", { login });
  }
}

function grantedText(
  ctx: TranslatingContext,
  login: string,
  granted: Extract<GrantResult, { outcome: "granted" }>,
  timeZone: string,
) {
  const until = formatDateTime(granted.expiresAt, timeZone);
  return [
    ctx.t("trust-granted", {
      login,
      amount: formatMoney(granted.amount),
      until,
      balance: formatMoney(granted.balance),
    }),
    granted.unblocked ? ctx.t("trust-granted-unblocked") : ctx.t(accountStatusKeys[granted.status]),
    ...(granted.remaining === null
      ? []
      : [ctx.t("trust-granted-left", { remaining: granted.remaining })]),
    "",
    ctx.t("trust-granted-repay", { amount: formatMoney(granted.amount), until }),
  ].join("\n");
}

export function trustFeature({ db, billing, config }: Pick<BotDeps, "db" | "billing" | "config">) {
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  async function showOffer(ctx: BotContext) {
    const account = ctx.from ? await findActiveAccount(db, ctx.from.id) : null;
    if (!account) {
      await ctx.reply(ctx.t("trust-sign-in-first"), {
        reply_markup: new InlineKeyboard().text(ctx.t("menu-login"), menuData("login")),
      });
      return;
    }
    const quote = await billing.quoteTrust({ accountId: account.id, now: new Date() });
    if (quote.outcome === "refused") {
      await ctx.reply(refusalText(ctx.t, account.login, quote, config.timeZone));
      return;
    }
    const { text, reply_markup } = offerMessage(ctx, account, quote, config.timeZone);
    await ctx.reply(text, { reply_markup });
  }

  privateChat.command("trust", showOffer);
  privateChat.callbackQuery(menuData("trust"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await showOffer(ctx);
  });

  // An offer for another contract (switched since, or forged) grants nothing.
  onContractButton(privateChat, db, confirmButton, async (ctx, account, { amount }) => {
    const result = await billing.grantTrust({
      accountId: account.id,
      now: new Date(),
      expectedAmount: amount,
    });
    await ctx.answerCallbackQuery();
    switch (result.outcome) {
      case "granted":
        await ctx.editMessageText(grantedText(ctx, account.login, result, config.timeZone), {
          reply_markup: new InlineKeyboard()
            .text(ctx.t("menu-topup"), menuData("topup"))
            .text(ctx.t("menu-balance"), menuData("balance")),
        });
        return;
      case "changed": {
        const { text, reply_markup } = offerMessage(ctx, account, result.offer, config.timeZone);
        await ctx.editMessageText(`${ctx.t("trust-offer-changed")}\n\n${text}`, { reply_markup });
        return;
      }
      case "refused":
        await ctx.editMessageReplyMarkup();
        await ctx.reply(refusalText(ctx.t, account.login, result, config.timeZone));
        return;
    }
  });

  onButton(privateChat, cancelButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("trust-cancelled"));
  });

  return { feature, showOffer };
}
