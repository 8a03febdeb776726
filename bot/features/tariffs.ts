// /tariffs: internet tariffs and IPTV packages with the subscriber's own marked; a change of
// internet tariff from the 1st of next month (confirmed, cancellable), IPTV added or removed from
// the next day. Codes in buttons are user input: core checks them; the contract is always the
// user's active one.
import { Composer, InlineKeyboard } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import { billingDayAt } from "../../core/billing/calendar.ts";
import {
  cancelInternetChange,
  changeIptv,
  quoteInternetChange,
  scheduleInternetChange,
  type TariffOption,
  viewTariffs,
} from "../../core/billing/tariffs.ts";
import type { BotContext, TranslatingContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDay, formatMoney } from "../format.ts";
import { menuData } from "../keyboards/main-menu.ts";

const code = "([a-z0-9._-]{1,32})";

function optionLine(ctx: TranslatingContext, option: TariffOption, current: boolean) {
  return ctx.t(option.kind === "INTERNET" ? "tariffs-internet-line" : "tariffs-iptv-line", {
    mark: current ? "✅" : "▫️",
    name: option.name,
    speed: option.speedMbps ?? 0,
    channels: option.channels ?? 0,
    fee: formatMoney(option.monthlyFee),
  });
}

export function tariffsFeature({ db, config }: Pick<BotDeps, "db" | "config">) {
  const today = () => billingDayAt(new Date(), config.timeZone);
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  async function showTariffs(ctx: BotContext) {
    if (!ctx.from) return;
    const account = await findActiveAccount(db, ctx.from.id);
    const view = await viewTariffs(db, account?.id ?? null);
    const current = view.current;
    const lines = [
      account ? ctx.t("tariffs-title-linked", { login: account.login }) : ctx.t("tariffs-title"),
      "",
      ctx.t("tariffs-internet"),
      ...view.internet.map((option) => optionLine(ctx, option, option.code === current?.internet)),
      "",
      ctx.t("tariffs-iptv"),
      ...view.iptv.map((option) => optionLine(ctx, option, option.code === current?.iptv)),
    ];
    const keyboard = new InlineKeyboard();
    if (current?.pending) {
      lines.push(
        "",
        ctx.t("tariffs-pending", {
          name: current.pending.name,
          date: formatDay(current.pending.from),
        }),
      );
      keyboard.text(ctx.t("tariffs-cancel-pending"), "tariff:cancel").row();
    }
    if (current) {
      for (const option of view.internet.filter(
        (o) => o.code !== current.internet && o.code !== current.pending?.code,
      )) {
        keyboard
          .text(ctx.t("tariffs-switch-to", { name: option.name }), `tariff:net:${option.code}`)
          .row();
      }
      for (const option of view.iptv.filter((o) => o.code !== current.iptv)) {
        keyboard
          .text(ctx.t("tariffs-iptv-add", { name: option.name }), `tariff:tv:${option.code}`)
          .row();
      }
      if (current.iptv) keyboard.text(ctx.t("tariffs-iptv-remove"), "tariff:tv-off").row();
    } else {
      lines.push("", ctx.t("tariffs-unlinked-hint"));
      keyboard
        .text(ctx.t("menu-connect"), menuData("connect"))
        .text(ctx.t("menu-login"), menuData("login"));
    }
    await ctx.reply(lines.join("\n"), { reply_markup: keyboard });
  }

  privateChat.command("tariffs", showTariffs);
  privateChat.callbackQuery(menuData("tariffs"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await showTariffs(ctx);
  });

  /** The user's active contract for a tariff button, or a "stale button" answer. */
  async function accountFor(ctx: BotContext) {
    const account = ctx.from && (await findActiveAccount(db, ctx.from.id));
    if (!account) await ctx.answerCallbackQuery(ctx.t("button-outdated"));
    return account || null;
  }

  privateChat.callbackQuery(new RegExp(`^tariff:net:${code}$`), async (ctx) => {
    const account = await accountFor(ctx);
    if (!account) return;
    const quote = await quoteInternetChange(db, {
      accountId: account.id,
      code: ctx.match[1] ?? "",
      today: today(),
    });
    if (quote.outcome !== "quote") {
      await ctx.answerCallbackQuery(
        ctx.t(quote.outcome === "same" ? "tariffs-already" : "button-outdated"),
      );
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.reply(
      ctx.t("tariffs-confirm-internet", {
        login: account.login,
        from: quote.from?.name ?? "—",
        to: quote.to.name,
        difference: `${quote.difference >= 0 ? "+" : ""}${formatMoney(quote.difference)}`,
        date: formatDay(quote.effective),
      }),
      {
        reply_markup: new InlineKeyboard()
          .text(ctx.t("tariffs-confirm"), `tariff:net-yes:${quote.to.code}`)
          .text(ctx.t("tariffs-keep"), "tariff:keep"),
      },
    );
  });

  privateChat.callbackQuery(new RegExp(`^tariff:net-yes:${code}$`), async (ctx) => {
    const account = await accountFor(ctx);
    if (!account) return;
    const result = await scheduleInternetChange(db, {
      accountId: account.id,
      code: ctx.match[1] ?? "",
      today: today(),
    });
    if (result.outcome !== "quote") {
      await ctx.answerCallbackQuery(
        ctx.t(result.outcome === "same" ? "tariffs-already" : "button-outdated"),
      );
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(
      ctx.t("tariffs-scheduled", { name: result.to.name, date: formatDay(result.effective) }),
    );
  });

  privateChat.callbackQuery("tariff:cancel", async (ctx) => {
    const account = await accountFor(ctx);
    if (!account) return;
    const cancelled = await cancelInternetChange(db, account.id);
    await ctx.answerCallbackQuery(cancelled ? undefined : ctx.t("button-outdated"));
    if (cancelled) await ctx.reply(ctx.t("tariffs-cancelled"));
  });

  privateChat.callbackQuery("tariff:keep", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("tariffs-kept"));
  });

  privateChat.callbackQuery(new RegExp(`^tariff:tv:${code}$|^tariff:tv-off$`), async (ctx) => {
    const account = await accountFor(ctx);
    if (!account) return;
    const result = await changeIptv(db, { accountId: account.id, code: ctx.match[1] ?? null });
    if (result.outcome !== "changed") {
      await ctx.answerCallbackQuery(
        ctx.t(result.outcome === "same" ? "tariffs-already" : "button-outdated"),
      );
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.reply(
      result.to
        ? ctx.t("tariffs-iptv-added", { name: result.to.name, login: account.login })
        : ctx.t("tariffs-iptv-removed", { login: account.login }),
    );
  });

  return feature;
}
