// /balance: the contract's balance, status, tariffs, daily charge and how long the money lasts;
// and its history of payments and charges, paged, by period, in one message that is edited.
import { Composer, InlineKeyboard } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import type { BalanceCard, TariffLine } from "../../core/billing/balance.ts";
import { billingDayAt } from "../../core/billing/calendar.ts";
import type { FreezeNote } from "../../core/billing/freeze.ts";
import {
  type HistoryKind,
  type HistoryLine,
  type Period,
  periods,
} from "../../core/billing/history.ts";
import { accountOrSignIn } from "../account-guard.ts";
import { accountStatusKeys } from "../account-status.ts";
import { buttonFamily, numberField, onButton, oneOfField } from "../buttons.ts";
import type { BotContext, TranslatingContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDateTime, formatDay, formatMoney, formatMonth } from "../format.ts";
import { menuData } from "../keyboards/main-menu.ts";
import { freezeNoteText } from "./freeze.ts";

/** A page of the history by period; always of the user's active contract (it names none). */
const historyButton = buttonFamily("history", {
  period: oneOfField(periods),
  page: numberField(4),
});
const historyData = (period: Period, page: number) => historyButton.pack({ period, page });
/** Each period's first page, packed once: the card draws one on every /balance. */
const firstPageData = Object.fromEntries(
  periods.map((period) => [period, historyData(period, 0)]),
) as Record<Period, string>;

function tariffText(ctx: TranslatingContext, tariff: TariffLine) {
  return ctx.t(tariff.speedMbps ? "balance-tariff-internet" : "balance-tariff-iptv", {
    name: tariff.name,
    speed: tariff.speedMbps ?? 0,
    channels: tariff.channels ?? 0,
    fee: formatMoney(tariff.monthlyFee),
  });
}

function balanceText(
  ctx: TranslatingContext,
  card: BalanceCard,
  timeZone: string,
  freeze: FreezeNote | null,
): string {
  const lines = [
    ctx.t("balance-title", { login: card.login, accountName: card.name }),
    "",
    ctx.t("balance-amount", { amount: formatMoney(card.balance) }),
    ctx.t(accountStatusKeys[card.status]),
  ];
  if (card.internet) lines.push(tariffText(ctx, card.internet));
  if (card.iptv) lines.push(tariffText(ctx, card.iptv));
  if (card.dailyCharge > 0)
    lines.push(ctx.t("balance-daily-charge", { amount: formatMoney(card.dailyCharge) }));
  // Frozen today: nothing is charged, so the money lasts longer than the card could say.
  if (freeze) lines.push(freezeNoteText(ctx, freeze));
  if (freeze?.state === "frozen") lines.push(ctx.t("freeze-balance-no-charge"));
  else if (card.status === "ACTIVE" && card.dailyCharge > 0) {
    lines.push(
      card.enoughUntil
        ? ctx.t("balance-enough-until", { date: formatDay(card.enoughUntil), days: card.daysLeft })
        : ctx.t("balance-not-enough"),
    );
  }
  if (card.trust) {
    lines.push(
      ctx.t("balance-trust", {
        amount: formatMoney(card.trust.amount),
        until: formatDateTime(card.trust.expiresAt, timeZone),
      }),
    );
  }
  return lines.join("\n");
}

const ledgerKindKeys = {
  CARD_TOPUP: "history-kind-card-topup",
  CASH_TOPUP: "history-kind-cash-topup",
  DAILY_CHARGE: "history-kind-daily-charge",
  TRUST_CREDIT: "history-kind-trust-credit",
  TRUST_REPAY: "history-kind-trust-repay",
  ADJUSTMENT: "history-kind-adjustment",
  FREEZE_FEE: "history-kind-freeze-fee",
  CARD_REFUND: "history-kind-card-refund",
  TOPUP: "history-kind-topup",
  CHARGE: "history-kind-charge",
} as const satisfies Record<HistoryKind, string>;

const periodKeys = {
  "this-month": "history-period-this-month",
  "last-month": "history-period-last-month",
  "3-months": "history-period-3-months",
} as const satisfies Record<Period, string>;

function historyLineText(
  ctx: TranslatingContext,
  line: HistoryLine,
  locale: string,
  timeZone: string,
) {
  const amount = `${line.amount > 0 ? "+" : ""}${formatMoney(line.amount)}`;
  if (line.type === "charges") {
    return ctx.t("history-charges", {
      month: formatMonth(line.month, locale),
      days: line.days,
      amount,
    });
  }
  return ctx.t("history-entry", {
    at: formatDateTime(line.at, timeZone),
    what: ctx.t(ledgerKindKeys[line.kind]),
    amount,
  });
}

export function balanceFeature({
  db,
  billing,
  config,
}: Pick<BotDeps, "db" | "billing" | "config">) {
  const today = () => billingDayAt(new Date(), config.timeZone);
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  async function showBalance(ctx: BotContext) {
    const account = await accountOrSignIn(ctx, db);
    if (!account) return;
    const day = today();
    const card = await billing.contractSummary(account.id, day);
    const keyboard = new InlineKeyboard()
      .text(ctx.t("menu-topup"), menuData("topup"))
      .text(ctx.t("menu-trust"), menuData("trust"))
      .row()
      .text(ctx.t("balance-history"), firstPageData["this-month"])
      .text(ctx.t("menu-tariffs"), menuData("tariffs"));
    await ctx.reply(balanceText(ctx, card, config.timeZone, card.freeze), {
      reply_markup: keyboard,
    });
  }

  privateChat.command("balance", showBalance);
  privateChat.callbackQuery(menuData("balance"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await showBalance(ctx);
  });

  // Period and page come from the button (user input): checked, and always for the user's
  // active contract, never for an account the data names.
  onButton(privateChat, historyButton, async (ctx, { period, page }) => {
    const account = await findActiveAccount(db, ctx.from.id);
    if (!account) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    const locale = await ctx.i18n.getLocale();
    const history = await billing.paymentHistory({
      accountId: account.id,
      period,
      page,
      today: today(),
      timeZone: config.timeZone,
    });
    const text = [
      ctx.t("history-title", { login: account.login }),
      ctx.t("history-period", { from: formatDay(history.from), to: formatDay(history.to) }),
      "",
      ...(history.lines.length === 0
        ? [ctx.t("history-empty")]
        : history.lines.map((line) => historyLineText(ctx, line, locale, config.timeZone))),
      "",
      ctx.t("history-totals", {
        credited: `+${formatMoney(history.totals.credited)}`,
        charged: formatMoney(history.totals.charged),
      }),
      ...(history.pages > 1
        ? [ctx.t("history-page", { page: history.page + 1, pages: history.pages })]
        : []),
    ].join("\n");
    const keyboard = new InlineKeyboard();
    for (const option of periods) {
      const label = ctx.t(periodKeys[option]);
      keyboard.text(option === period ? `• ${label}` : label, firstPageData[option]);
    }
    keyboard.row();
    if (history.page > 0)
      keyboard.text(ctx.t("history-newer"), historyData(period, history.page - 1));
    if (history.page < history.pages - 1)
      keyboard.text(ctx.t("history-older"), historyData(period, history.page + 1));
    keyboard.row().text(ctx.t("history-back"), menuData("balance"));
    if (
      ctx.callbackQuery.message?.text?.startsWith(ctx.t("history-title", { login: account.login }))
    ) {
      await ctx.editMessageText(text, { reply_markup: keyboard });
    } else {
      await ctx.reply(text, { reply_markup: keyboard });
    }
  });

  return feature;
}
