// What the provider tells a subscriber on its own, in the recipient's language: the text and the
// buttons of each notice. The buttons name the contract, so they act on that one (see
// features/notice-buttons.ts), whichever contract the user is looking at when they press.
import { InlineKeyboard } from "grammy";
import type { Notice } from "../core/ports.ts";
import { noticeButtons } from "./features/notice-buttons.ts";
import { requestsDigestMessage } from "./features/staff-requests-digest.ts";
import { formatDateTime, formatDay, formatMoney } from "./format.ts";

const unpostedReasonKeys = {
  conflict: "payment-alert-unposted-conflict",
  refused: "payment-alert-unposted-refused",
} as const;

type Translate = (key: string, variables?: Record<string, string | number>) => string;

export interface NoticeMessage {
  text: string;
  entities?: unknown[];
  reply_markup?: InlineKeyboard;
}

function trustExpiring(
  t: Translate,
  notice: Extract<Notice, { kind: "trust-expiring" }>,
  tz: string,
) {
  const shortfall = -notice.balanceAfterRepay;
  const text = [
    t("trust-reminder", {
      login: notice.login,
      until: formatDateTime(notice.expiresAt, tz),
      amount: formatMoney(notice.amount),
      balance: formatMoney(notice.balance),
      balanceAfter: formatMoney(notice.balanceAfterRepay),
    }),
    shortfall > 0
      ? t("trust-reminder-top-up", { shortfall: formatMoney(shortfall) })
      : t("trust-reminder-enough"),
  ].join("\n");
  return {
    text,
    reply_markup: new InlineKeyboard().text(
      t("menu-topup"),
      noticeButtons.topup.pack({ accountId: notice.accountId }),
    ),
  };
}

function lowBalance(t: Translate, notice: Extract<Notice, { kind: "low-balance" }>) {
  const text = t("notice-low-balance", {
    login: notice.login,
    balance: formatMoney(notice.balance),
    charge: formatMoney(notice.dailyCharge),
    days: notice.daysLeft,
    stopsOn: formatDay(notice.stopsOn),
  });
  return {
    text,
    reply_markup: new InlineKeyboard()
      .text(t("menu-topup"), noticeButtons.topup.pack({ accountId: notice.accountId }))
      .text(t("menu-trust"), noticeButtons.trust.pack({ accountId: notice.accountId }))
      .row()
      .text(
        t("notice-reminders-off"),
        noticeButtons.remindersOff.pack({ accountId: notice.accountId }),
      ),
  };
}

function serviceBlocked(t: Translate, notice: Extract<Notice, { kind: "service-blocked" }>) {
  return {
    text: t("notice-service-blocked", {
      login: notice.login,
      balance: formatMoney(notice.balance),
      debt: formatMoney(-notice.balance),
    }),
    reply_markup: new InlineKeyboard()
      .text(t("menu-topup"), noticeButtons.topup.pack({ accountId: notice.accountId }))
      .text(t("menu-trust"), noticeButtons.trust.pack({ accountId: notice.accountId })),
  };
}

function cardPayment(t: Translate, notice: Extract<Notice, { kind: "card-payment" }>) {
  const text = t("notice-card-payment", {
    login: notice.login,
    amount: formatMoney(notice.amount),
    balance: formatMoney(notice.balance),
  });
  return { text: notice.unblocked ? `${text}\n${t("topup-unblocked")}` : text };
}

function cardRefund(t: Translate, notice: Extract<Notice, { kind: "card-refund" }>) {
  const text = t("notice-card-refund", { login: notice.login, amount: formatMoney(notice.amount) });
  return {
    text:
      notice.balance === null
        ? text
        : `${text}\n${t("notice-card-refund-balance", { balance: formatMoney(notice.balance) })}`,
  };
}

export function noticeMessage(t: Translate, notice: Notice, timeZone: string): NoticeMessage {
  switch (notice.kind) {
    case "trust-expiring":
      return trustExpiring(t, notice, timeZone);
    case "low-balance":
      return lowBalance(t, notice);
    case "service-blocked":
      return serviceBlocked(t, notice);
    case "card-payment":
      return cardPayment(t, notice);
    case "card-refund":
      return cardRefund(t, notice);
    case "announcement":
      return notice.entities
        ? { text: notice.text, entities: notice.entities }
        : { text: notice.text };
    case "incident-opened":
      return {
        text: t("incident-notice-opened", {
          text: notice.text,
          since: formatDateTime(notice.since, timeZone),
          eta: formatDateTime(notice.eta, timeZone),
        }),
      };
    case "incident-eta":
      return {
        text: t("incident-notice-eta", {
          text: notice.text,
          eta: formatDateTime(notice.eta, timeZone),
        }),
      };
    case "incident-restored":
      return { text: t("incident-notice-restored", { text: notice.text }) };
    case "incident-reply":
      return { text: t("incident-notice-reply", { text: notice.text }) };
    case "payment-unposted":
      return {
        text: t("payment-alert-unposted", {
          login: notice.login,
          id: String(notice.paymentId),
          amount: formatMoney(notice.amount),
          why: t(unpostedReasonKeys[notice.outcome]),
          detail: notice.detail,
        }),
      };
    case "requests-digest":
      return requestsDigestMessage(t, notice, timeZone);
  }
}
