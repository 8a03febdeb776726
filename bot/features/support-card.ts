// What agents read in their group: the subscriber card at the top of a ticket's topic, /stats.
import { InlineKeyboard } from "grammy";
import type { SubscriberCard } from "../../core/support/card.ts";
import type { PeriodStats, SupportStats } from "../../core/support/stats.ts";
import { buttonFamily, idField } from "../buttons.ts";
import { formatDate, formatDateTime, formatMoney } from "../format.ts";
import { fitText, lengthLimits } from "../length-limits.ts";

/** A contract's name or address from the billing has no length limit of its own. */
const fieldLimit = 500;

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** The card's buttons, answered in support-agents.ts: refresh it, a trust payment, an invoice. */
export const cardButton = buttonFamily("support:card", { ticketId: idField() });
export const trustButton = buttonFamily("support:trust", { ticketId: idField() });
export const invoiceButton = buttonFamily("support:invoice", { ticketId: idField() });

/** `invoices`: card payments are set up, so agents can send the subscriber a top-up invoice. */
export function renderCard(
  t: Translate,
  card: SubscriberCard,
  timeZone: string,
  { invoices }: { invoices: boolean },
) {
  const lines = [t("support-card-title", { ticket: String(card.ticketId), status: card.status })];
  const { account, telegram } = card;
  if (account) {
    const { money } = account;
    lines.push(
      t("support-card-account", { login: account.login, name: fitText(account.name, fieldLimit) }),
    );
    if (money) {
      const tariffs = [money.internet?.name, money.iptv?.name].filter(Boolean).join(" + ");
      lines.push(
        t("support-card-status", { status: money.status, balance: formatMoney(money.balance) }),
        t("support-card-tariffs", { tariffs: tariffs || t("support-card-no-tariff") }),
      );
    } else lines.push(t("support-card-billing-unavailable"));
    lines.push(
      t("support-card-address", { address: fitText(account.address, fieldLimit) }),
      t("support-card-phone", { phone: account.phone ?? "—" }),
    );
    if (money?.trust)
      lines.push(
        t("support-card-trust", {
          amount: formatMoney(money.trust.amount),
          until: formatDate(money.trust.expiresAt, timeZone),
        }),
      );
    if (account.payments.length === 0) lines.push(t("support-card-no-payments"));
    else {
      lines.push(t("support-card-payments"));
      for (const payment of account.payments)
        lines.push(
          t("support-card-payment", {
            at: formatDateTime(payment.createdAt, timeZone),
            amount: formatMoney(payment.amount),
            status: payment.status,
          }),
        );
    }
  } else {
    lines.push(t("support-card-unlinked"));
  }
  const name = [telegram.firstName, telegram.lastName].filter(Boolean).join(" ");
  lines.push(
    t("support-card-telegram", {
      name: telegram.username ? `${name} (@${telegram.username})` : name,
      id: String(telegram.id),
    }),
  );
  if (card.connectionRequest)
    lines.push(
      t("support-card-request", {
        id: card.connectionRequest.id,
        address: fitText(card.connectionRequest.address, fieldLimit),
        status: card.connectionRequest.status,
      }),
    );
  lines.push("", t("support-card-help"));
  const keyboard = new InlineKeyboard().text(
    t("support-card-refresh"),
    cardButton.pack({ ticketId: card.ticketId }),
  );
  if (account)
    keyboard.text(t("support-card-grant-trust"), trustButton.pack({ ticketId: card.ticketId }));
  if (account && invoices)
    keyboard.row().text(t("support-card-invoice"), invoiceButton.pack({ ticketId: card.ticketId }));
  return { text: fitText(lines.join("\n"), lengthLimits.text), reply_markup: keyboard };
}

const oneDecimal = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 });

/** A duration in whole minutes: "7 мин", "2 ч 5 мин", "3 д 4 ч". */
function duration(t: Translate, ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return t("support-stats-minutes", { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t("support-stats-hours", { hours, minutes: minutes % 60 });
  return t("support-stats-days", { days: Math.floor(hours / 24), hours: hours % 24 });
}

export function renderStats(t: Translate, stats: SupportStats): string {
  const median = (ms: number | null) => (ms === null ? t("support-stats-none") : duration(t, ms));
  const period = (figures: PeriodStats) =>
    t("support-stats-period", {
      opened: figures.opened,
      closed: figures.closed,
      response: median(figures.medianFirstResponseMs),
      resolution: median(figures.medianResolutionMs),
      rating:
        figures.averageRating === null
          ? t("support-stats-none")
          : t("support-stats-rating", {
              average: oneDecimal.format(figures.averageRating),
              count: figures.rated,
            }),
    });
  return t("support-stats", {
    today: period(stats.today),
    week: period(stats.week),
    open: stats.openNow,
  });
}
