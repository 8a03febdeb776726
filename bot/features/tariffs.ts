// /tariffs: internet tariffs and IPTV packages with the subscriber's own marked; a change of
// internet tariff from the 1st of next month (confirmed, cancellable), IPTV added, switched or
// removed from the next day (cancellable until then; a new choice replaces the pending one). Every
// action button names the contract it was shown for, and acts only while that contract is still
// the user's active one; codes and ids in buttons are user input, checked on every press. On a
// billing that makes no changes through the bot (Billing.tariffChanges absent), the contract's
// tariff and those it may switch to are shown with where to switch instead.
import { type CallbackQueryContext, Composer, InlineKeyboard } from "grammy";
import { type AccountSummary, findActiveAccount } from "../../core/accounts/active-account.ts";
import { billingDayAt } from "../../core/billing/calendar.ts";
import { tariffCodeFormat } from "../../core/billing/import-tariffs.ts";
import type { TariffChanges, TariffOption } from "../../core/billing/tariffs.ts";
import { buttonFamily, idField, onButton, onContractButton, textField } from "../buttons.ts";
import type { BotContext, TranslatingContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDay, formatMoney } from "../format.ts";
import { menuData } from "../keyboards/main-menu.ts";

// Codes as core/billing/import-tariffs.ts lets operators name tariffs. The longest data,
// `tariff:net-yes:<10 digits>:<32 characters>`, is 58 bytes (Telegram allows 64).
const codeField = textField(tariffCodeFormat);
const quoteButton = buttonFamily("tariff:net", { accountId: idField(), code: codeField });
const confirmButton = buttonFamily("tariff:net-yes", { accountId: idField(), code: codeField });
const keepButton = buttonFamily("tariff:keep");
const cancelButton = buttonFamily("tariff:cancel", { accountId: idField() });
const iptvButton = buttonFamily("tariff:tv", { accountId: idField(), code: codeField });
const iptvOffButton = buttonFamily("tariff:tv-off", { accountId: idField() });
const iptvCancelButton = buttonFamily("tariff:tv-cancel", { accountId: idField() });

function optionLine(ctx: TranslatingContext, option: TariffOption, current: boolean) {
  const key =
    option.kind === "IPTV"
      ? "tariffs-iptv-line"
      : option.speedMbps === null
        ? "tariffs-internet-line-plain"
        : "tariffs-internet-line";
  return ctx.t(key, {
    mark: current ? "✅" : "▫️",
    name: option.name,
    speed: option.speedMbps ?? 0,
    channels: option.channels ?? 0,
    fee: formatMoney(option.monthlyFee),
  });
}

export function tariffsFeature({
  db,
  config,
  billing,
}: Pick<BotDeps, "db" | "config" | "billing">) {
  const changes = billing.tariffChanges;
  const today = () => billingDayAt(new Date(), config.timeZone);
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  async function showTariffs(ctx: BotContext) {
    if (!ctx.from) return;
    const account = await findActiveAccount(db, ctx.from.id);
    const view = await billing.viewTariffs(account?.id ?? null, today());
    const current = view.current;
    const lines = [
      account ? ctx.t("tariffs-title-linked", { login: account.login }) : ctx.t("tariffs-title"),
      "",
      ctx.t("tariffs-internet"),
      ...view.internet.map((option) => optionLine(ctx, option, option.code === current?.internet)),
      ...(view.iptv.length > 0
        ? [
            "",
            ctx.t("tariffs-iptv"),
            ...view.iptv.map((option) => optionLine(ctx, option, option.code === current?.iptv)),
          ]
        : []),
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
      keyboard
        .text(ctx.t("tariffs-cancel-pending"), cancelButton.pack({ accountId: account.id }))
        .row();
    }
    if (account && current?.pendingIptv) {
      const { to, from } = current.pendingIptv;
      lines.push(
        ...(current.pending ? [] : [""]),
        to
          ? ctx.t("tariffs-iptv-pending", { name: to.name, date: formatDay(from) })
          : ctx.t("tariffs-iptv-pending-removal", { date: formatDay(from) }),
      );
      keyboard
        .text(
          ctx.t("tariffs-iptv-cancel-pending"),
          iptvCancelButton.pack({ accountId: account.id }),
        )
        .row();
    }
    if (account && current && !changes) {
      lines.push("", ctx.t("tariffs-change-elsewhere"));
    } else if (account && current && changes) {
      const pendingIptv = current.pendingIptv;
      for (const option of view.internet.filter(
        (o) => o.code !== current.internet && o.code !== current.pending?.code,
      )) {
        keyboard
          .text(
            ctx.t("tariffs-switch-to", { name: option.name }),
            quoteButton.pack({ accountId: account.id, code: option.code }),
          )
          .row();
      }
      for (const option of view.iptv.filter(
        (o) => o.code !== current.iptv && o.code !== pendingIptv?.to?.code,
      )) {
        keyboard
          .text(
            ctx.t("tariffs-iptv-add", { name: option.name }),
            iptvButton.pack({ accountId: account.id, code: option.code }),
          )
          .row();
      }
      if (current.iptv && !(pendingIptv && pendingIptv.to === null)) {
        keyboard
          .text(ctx.t("tariffs-iptv-remove"), iptvOffButton.pack({ accountId: account.id }))
          .row();
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

  if (changes) changeButtons(changes);

  /** The buttons that change tariffs: not answered on a billing that makes no changes here. */
  function changeButtons(changes: TariffChanges) {
    onContractButton(privateChat, db, quoteButton, async (ctx, account, { code }) => {
      const quote = await changes.quoteInternet({
        accountId: account.id,
        code,
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
            .text(
              ctx.t("tariffs-confirm"),
              confirmButton.pack({ accountId: account.id, code: quote.to.code }),
            )
            .text(ctx.t("tariffs-keep"), keepButton.pack({})),
        },
      );
    });

    onContractButton(privateChat, db, confirmButton, async (ctx, account, { code }) => {
      const result = await changes.scheduleInternet({
        accountId: account.id,
        code,
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

    onContractButton(privateChat, db, cancelButton, async (ctx, account) => {
      const cancelled = await changes.cancelInternet(account.id);
      await ctx.answerCallbackQuery(cancelled ? undefined : ctx.t("button-outdated"));
      if (cancelled) await ctx.reply(ctx.t("tariffs-cancelled"));
    });

    onButton(privateChat, keepButton, async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t("tariffs-kept"));
    });

    /**
     * IPTV on with the package `iptv`, or off (null), from the next day, for the contract the button
     * was shown for (still the active one).
     */
    async function setIptv(
      ctx: CallbackQueryContext<BotContext>,
      account: AccountSummary,
      iptv: string | null,
    ) {
      const result = await changes.scheduleIptv({
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
              ? ctx.t("tariffs-iptv-scheduled", {
                  name: result.to.name,
                  login: account.login,
                  date,
                })
              : ctx.t("tariffs-iptv-removal-scheduled", { login: account.login, date }),
          );
          return;
        }
        case "cleared":
          await ctx.answerCallbackQuery();
          await ctx.reply(ctx.t("tariffs-iptv-cancelled"));
          return;
        case "same":
          await ctx.answerCallbackQuery(
            ctx.t(iptv ? "tariffs-already" : "tariffs-iptv-already-off"),
          );
          return;
        case "already-scheduled":
          await ctx.answerCallbackQuery(ctx.t("tariffs-iptv-already-scheduled"));
          return;
        case "unknown":
          await ctx.answerCallbackQuery(ctx.t("button-outdated"));
          return;
      }
    }

    onContractButton(privateChat, db, iptvButton, (ctx, account, { code }) =>
      setIptv(ctx, account, code),
    );
    onContractButton(privateChat, db, iptvOffButton, (ctx, account) => setIptv(ctx, account, null));
    onContractButton(privateChat, db, iptvCancelButton, async (ctx, account) => {
      const cancelled = await changes.cancelIptv(account.id);
      await ctx.answerCallbackQuery(cancelled ? undefined : ctx.t("button-outdated"));
      if (cancelled) await ctx.reply(ctx.t("tariffs-iptv-cancelled"));
    });
  }

  return feature;
}
