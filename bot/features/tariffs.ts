// /tariffs: internet tariffs and IPTV packages with the subscriber's own marked; a change of
// internet tariff from the 1st of next month (confirmed, cancellable), IPTV added, switched or
// removed from the next day (cancellable until then; a new choice replaces the pending one). Every action button names the contract it was shown for, and acts only while that
// contract is still the user's active one; codes and ids in buttons are user input, checked on
// every press.
import { Composer, InlineKeyboard } from "grammy";
import { findActiveAccount } from "../../core/accounts/active-account.ts";
import { billingDayAt } from "../../core/billing/calendar.ts";
import {
  cancelInternetChange,
  cancelIptvChange,
  quoteInternetChange,
  scheduleInternetChange,
  scheduleIptvChange,
  type TariffOption,
  viewTariffs,
} from "../../core/billing/tariffs.ts";
import type { BotContext, TranslatingContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDay, formatMoney } from "../format.ts";
import { menuData } from "../keyboards/main-menu.ts";

// As core/billing/import-tariffs.ts lets operators name tariffs.
const code = "([A-Za-z0-9._-]{1,32})";
// Account ids are PostgreSQL integers: at most 10 digits.
const accountId = "(\\d{1,10})";
// The longest, `tariff:net-yes:<10 digits>:<32 characters>`, is 58 bytes (Telegram allows 64).
const data = {
  quote: (account: number, tariff: string) => `tariff:net:${account}:${tariff}`,
  confirm: (account: number, tariff: string) => `tariff:net-yes:${account}:${tariff}`,
  cancel: (account: number) => `tariff:cancel:${account}`,
  iptv: (account: number, tariff: string) => `tariff:tv:${account}:${tariff}`,
  iptvOff: (account: number) => `tariff:tv-off:${account}`,
  iptvCancel: (account: number) => `tariff:tv-cancel:${account}`,
};

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
    if (account && current?.pending) {
      lines.push(
        "",
        ctx.t("tariffs-pending", {
          name: current.pending.name,
          date: formatDay(current.pending.from),
        }),
      );
      keyboard.text(ctx.t("tariffs-cancel-pending"), data.cancel(account.id)).row();
    }
    if (account && current?.pendingIptv) {
      const { to, from } = current.pendingIptv;
      lines.push(
        ...(current.pending ? [] : [""]),
        to
          ? ctx.t("tariffs-iptv-pending", { name: to.name, date: formatDay(from) })
          : ctx.t("tariffs-iptv-pending-removal", { date: formatDay(from) }),
      );
      keyboard.text(ctx.t("tariffs-iptv-cancel-pending"), data.iptvCancel(account.id)).row();
    }
    if (account && current) {
      const pendingIptv = current.pendingIptv;
      for (const option of view.internet.filter(
        (o) => o.code !== current.internet && o.code !== current.pending?.code,
      )) {
        keyboard
          .text(
            ctx.t("tariffs-switch-to", { name: option.name }),
            data.quote(account.id, option.code),
          )
          .row();
      }
      for (const option of view.iptv.filter(
        (o) => o.code !== current.iptv && o.code !== pendingIptv?.to?.code,
      )) {
        keyboard
          .text(
            ctx.t("tariffs-iptv-add", { name: option.name }),
            data.iptv(account.id, option.code),
          )
          .row();
      }
      if (current.iptv && !(pendingIptv && pendingIptv.to === null)) {
        keyboard.text(ctx.t("tariffs-iptv-remove"), data.iptvOff(account.id)).row();
      }
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

  /**
   * The contract a tariff button was shown for, if it is still the user's active one; otherwise
   * (signed out, switched to another contract, or an id that is not theirs) a "stale button"
   * answer and null.
   */
  async function accountFor(ctx: BotContext, shownFor: string | undefined) {
    const account = ctx.from && (await findActiveAccount(db, ctx.from.id));
    if (!account || account.id !== Number(shownFor)) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return null;
    }
    return account;
  }

  privateChat.callbackQuery(new RegExp(`^tariff:net:${accountId}:${code}$`), async (ctx) => {
    const account = await accountFor(ctx, ctx.match[1]);
    if (!account) return;
    const quote = await quoteInternetChange(db, {
      accountId: account.id,
      code: ctx.match[2] ?? "",
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
          .text(ctx.t("tariffs-confirm"), data.confirm(account.id, quote.to.code))
          .text(ctx.t("tariffs-keep"), "tariff:keep"),
      },
    );
  });

  privateChat.callbackQuery(new RegExp(`^tariff:net-yes:${accountId}:${code}$`), async (ctx) => {
    const account = await accountFor(ctx, ctx.match[1]);
    if (!account) return;
    const result = await scheduleInternetChange(db, {
      accountId: account.id,
      code: ctx.match[2] ?? "",
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

  privateChat.callbackQuery(new RegExp(`^tariff:cancel:${accountId}$`), async (ctx) => {
    const account = await accountFor(ctx, ctx.match[1]);
    if (!account) return;
    const cancelled = await cancelInternetChange(db, account.id);
    await ctx.answerCallbackQuery(cancelled ? undefined : ctx.t("button-outdated"));
    if (cancelled) await ctx.reply(ctx.t("tariffs-cancelled"));
  });

  privateChat.callbackQuery("tariff:keep", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("tariffs-kept"));
  });

  /**
   * IPTV on with the package `iptv`, or off (null), from the next day, for the contract the button
   * was shown for.
   */
  async function setIptv(ctx: BotContext, shownFor: string | undefined, iptv: string | null) {
    const account = await accountFor(ctx, shownFor);
    if (!account) return;
    const result = await scheduleIptvChange(db, {
      accountId: account.id,
      code: iptv,
      today: today(),
    });
    switch (result.outcome) {
      case "scheduled": {
        await ctx.answerCallbackQuery();
        const date = formatDay(result.effective);
        await ctx.reply(
          result.to
            ? ctx.t("tariffs-iptv-scheduled", { name: result.to.name, login: account.login, date })
            : ctx.t("tariffs-iptv-removal-scheduled", { login: account.login, date }),
        );
        return;
      }
      case "cleared":
        await ctx.answerCallbackQuery();
        await ctx.reply(ctx.t("tariffs-iptv-cancelled"));
        return;
      case "same":
        await ctx.answerCallbackQuery(ctx.t(iptv ? "tariffs-already" : "tariffs-iptv-already-off"));
        return;
      case "already-scheduled":
        await ctx.answerCallbackQuery(ctx.t("tariffs-iptv-already-scheduled"));
        return;
      case "unknown":
        await ctx.answerCallbackQuery(ctx.t("button-outdated"));
        return;
    }
  }

  privateChat.callbackQuery(new RegExp(`^tariff:tv:${accountId}:${code}$`), (ctx) =>
    setIptv(ctx, ctx.match[1], ctx.match[2] ?? ""),
  );
  privateChat.callbackQuery(new RegExp(`^tariff:tv-off:${accountId}$`), (ctx) =>
    setIptv(ctx, ctx.match[1], null),
  );
  privateChat.callbackQuery(new RegExp(`^tariff:tv-cancel:${accountId}$`), async (ctx) => {
    const account = await accountFor(ctx, ctx.match[1]);
    if (!account) return;
    const cancelled = await cancelIptvChange(db, account.id);
    await ctx.answerCallbackQuery(cancelled ? undefined : ctx.t("button-outdated"));
    if (cancelled) await ctx.reply(ctx.t("tariffs-iptv-cancelled"));
  });

  return feature;
}
