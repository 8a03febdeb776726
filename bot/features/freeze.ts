// /freeze: the voluntary freeze (добровольная блокировка). The status (not frozen, frozen since …
// until …, or scheduled from …) with its days left this year; not frozen, "from today" or "from a
// date" (typed as ДД.ММ.ГГГГ), then the days (a preset, a typed number, or until unfrozen), a
// confirmation with the fee and the days it leaves, and the result; frozen, "unfreeze" (a
// scheduled one is called off). Only on a billing that offers it (Billing.freeze…): otherwise the
// menu has no button and the command says it is not available. Every button names the contract
// and what was shown (the start, the days, the fee): they act only while it is the user's active
// contract, and core checks every rule again when it freezes.
import { createConversation } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import {
  addDays,
  type BillingDay,
  billingDayAt,
  isBillingDay,
} from "../../core/billing/calendar.ts";
import type {
  FreezeAllowance,
  FreezeCheck,
  FreezeNote,
  FreezeOffer,
  FreezeRefusal,
  FreezeResult,
  FreezeStatus,
} from "../../core/billing/freeze.ts";
import type { Billing } from "../../core/billing/port.ts";
import { accountOrSignIn } from "../account-guard.ts";
import {
  buttonFamily,
  idField,
  numberField,
  onButton,
  onContractButton,
  oneOfField,
  orNoneField,
  textField,
} from "../buttons.ts";
import type {
  BotContext,
  BotConversation,
  ConversationContext,
  TranslatingContext,
} from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDay, formatMoney } from "../format.ts";
import { menuData } from "../keyboards/main-menu.ts";

/** The billing's freeze, when it offers one. */
export type FreezePort = Required<
  Pick<Billing, "freezeStatus" | "checkFreeze" | "freeze" | "unfreeze">
>;

export function freezePort(billing: Billing): FreezePort | null {
  const { freezeStatus, checkFreeze, freeze, unfreeze } = billing;
  if (!freezeStatus || !checkFreeze || !freeze || !unfreeze) return null;
  return {
    freezeStatus: freezeStatus.bind(billing),
    checkFreeze: checkFreeze.bind(billing),
    freeze: freeze.bind(billing),
    unfreeze: unfreeze.bind(billing),
  };
}

const dayField = () => textField(/^\d{4}-\d{2}-\d{2}$/).refine(isBillingDay);
/** Days of a freeze; "-": until unfrozen. */
const daysField = () => orNoneField(numberField(3));

const fromButton = buttonFamily("freeze:from", {
  accountId: idField(),
  start: oneOfField(["today", "date"]),
});
const daysButton = buttonFamily("freeze:days", {
  accountId: idField(),
  startsOn: dayField(),
  days: daysField(),
});
const typeDaysButton = buttonFamily("freeze:type", { accountId: idField(), startsOn: dayField() });
const confirmButton = buttonFamily("freeze:yes", {
  accountId: idField(),
  startsOn: dayField(),
  days: daysField(),
  fee: numberField(9),
});
const cancelButton = buttonFamily("freeze:no");
const unfreezeButton = buttonFamily("freeze:off", { accountId: idField() });
const unfreezeYesButton = buttonFamily("freeze:off-yes", { accountId: idField() });
const keepButton = buttonFamily("freeze:keep");

/** A date as subscribers type it, ДД.ММ.ГГГГ (or Д.М.ГГГГ), to a billing day. */
const typedDay = z
  .string()
  .trim()
  .regex(/^\d{1,2}[./]\d{1,2}[./]\d{4}$/)
  .transform((text) => {
    const [day = "", month = "", year = ""] = text.split(/[./]/);
    return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  })
  .refine(isBillingDay);
const typedDays = z
  .string()
  .trim()
  .regex(/^\d{1,3}$/)
  .transform(Number);

const presetDays = [7, 14, 30];
const daysBetween = (from: BillingDay, to: BillingDay) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
/** A day for the texts; "none" selects their wording without one. */
const dayText = (day: BillingDay | null) => (day === null ? "none" : formatDay(day));
/** Most days a typed number can say (freezeDays' format). */
const mostTypedDays = 999;
const daysUpTo = (from: BillingDay, lastDay: BillingDay | null) =>
  lastDay === null ? mostTypedDays : daysBetween(from, lastDay);

/** The year's allowance for the texts: `limited` "no" selects their wording without one. */
function allowanceVariables(allowance: FreezeAllowance | null) {
  return allowance
    ? {
        limited: "yes",
        year: String(allowance.year),
        perYear: allowance.perYear,
        daysLeft: allowance.daysLeft,
      }
    : { limited: "no", year: "", perYear: 0, daysLeft: 0 };
}

const feeText = (fee: number) => (fee === 0 ? "free" : formatMoney(fee));
const isCommand = (ctx: ConversationContext) => ctx.message?.text?.startsWith("/") ?? false;

/** The contract's freeze to mention (the billing's summary says), if there is one. */
export async function loadFreezeNote(
  billing: Billing,
  accountId: number,
  today: BillingDay,
): Promise<FreezeNote | null> {
  return (await billing.contractSummary(accountId, today)).freeze;
}

/** "❄️ Заморожен с … по …", or scheduled. */
export function freezeNoteText(ctx: TranslatingContext, note: FreezeNote): string {
  const from = formatDay(note.startsOn);
  const lastDay = dayText(note.lastDay);
  if (note.state === "frozen") {
    return note.endsOn === null
      ? ctx.t("freeze-line-frozen-open", { from, lastDay })
      : ctx.t("freeze-line-frozen", { from, to: formatDay(note.endsOn) });
  }
  return note.endsOn === null
    ? ctx.t("freeze-line-scheduled-open", { from })
    : ctx.t("freeze-line-scheduled", { from, to: formatDay(note.endsOn) });
}

function statusText(ctx: TranslatingContext, login: string, status: FreezeStatus): string {
  const counts = { login, ...allowanceVariables(status.allowance) };
  if (status.state === "none") {
    return ctx.t("freeze-status-none", {
      ...counts,
      start: status.openEndedOnly ? "today" : "any",
      fee: feeText(status.fee),
      latestStart: formatDay(status.latestStart),
    });
  }
  const from = formatDay(status.startsOn);
  const lastDay = dayText(status.lastDay);
  const to = status.endsOn === null ? "" : formatDay(status.endsOn);
  if (status.state === "frozen") {
    return status.endsOn === null
      ? ctx.t("freeze-status-frozen-open", { ...counts, from, lastDay })
      : ctx.t("freeze-status-frozen", { ...counts, from, to });
  }
  return status.endsOn === null
    ? ctx.t("freeze-status-scheduled-open", { ...counts, from, lastDay })
    : ctx.t("freeze-status-scheduled", { ...counts, from, to });
}

export function freezeRefusalText(
  ctx: TranslatingContext,
  login: string,
  refusal: FreezeRefusal,
): string {
  switch (refusal.reason) {
    case "closed":
      return ctx.t("freeze-refused-closed", { login });
    case "debt":
      return ctx.t("freeze-refused-debt", { login, balance: formatMoney(refusal.balance) });
    case "already-frozen":
      return freezeNoteText(ctx, refusal.freeze);
    case "start-in-past":
      return ctx.t("freeze-refused-start-in-past", { today: formatDay(refusal.today) });
    case "start-too-far":
      return ctx.t("freeze-refused-start-too-far", {
        latestStart: formatDay(refusal.latestStart),
      });
    case "too-short":
      return ctx.t("freeze-refused-too-short", { minDays: refusal.minDays });
    case "too-long":
      return ctx.t("freeze-refused-too-long", { maxDays: refusal.maxDays });
    case "days-used-up": {
      const { year, perYear, daysLeft, maxDays } = refusal;
      return maxDays === 0
        ? ctx.t("freeze-refused-used-up", { year: String(year), perYear })
        : ctx.t("freeze-refused-days-left", { year: String(year), perYear, daysLeft, maxDays });
    }
    case "balance-too-low":
      return ctx.t("freeze-refused-balance", {
        fee: formatMoney(refusal.fee),
        balance: formatMoney(refusal.balance),
      });
    case "not-offered":
      return ctx.t("freeze-refused-not-offered", { login });
    case "tariff-not-allowed":
      return ctx.t("freeze-refused-tariff-not-allowed", { tariff: refusal.tariff });
    case "open-ended-only":
      return ctx.t("freeze-refused-open-ended-only");
  }
}

/** How many days from the start: presets, another number, or until unfrozen (an open offer). */
function daysMessage(
  ctx: TranslatingContext,
  account: { id: number; login: string },
  open: FreezeOffer,
  minDays: number,
) {
  const maxDays = daysUpTo(open.startsOn, open.lastDay);
  const presets = presetDays.filter((days) => days >= minDays && days <= maxDays);
  const choices = presets.length > 0 ? presets : [maxDays];
  const keyboard = new InlineKeyboard();
  for (const days of choices) {
    keyboard.text(
      ctx.t("freeze-days", { days }),
      daysButton.pack({ accountId: account.id, startsOn: open.startsOn, days }),
    );
  }
  keyboard
    .row()
    .text(
      ctx.t("freeze-until-unfrozen"),
      daysButton.pack({ accountId: account.id, startsOn: open.startsOn, days: null }),
    )
    .row()
    .text(
      ctx.t("freeze-other-days"),
      typeDaysButton.pack({ accountId: account.id, startsOn: open.startsOn }),
    );
  const text = ctx.t("freeze-choose-days", {
    login: account.login,
    from: formatDay(open.startsOn),
    minDays,
    maxDays,
  });
  return { text, reply_markup: keyboard };
}

function confirmMessage(
  ctx: TranslatingContext,
  account: { id: number; login: string },
  offer: FreezeOffer,
) {
  const text = ctx.t("freeze-confirm-text", {
    login: account.login,
    until: offer.endsOn === null ? "open" : "fixed",
    from: formatDay(offer.startsOn),
    to: offer.endsOn === null ? "" : formatDay(offer.endsOn),
    lastDay: dayText(offer.lastDay),
    days: offer.days ?? 0,
    fee: feeText(offer.fee),
    balanceAfter: formatMoney(offer.balanceAfter),
    ...allowanceVariables(offer.allowance),
    daysLeftAfter: offer.daysLeftAfter ?? 0,
  });
  const reply_markup = new InlineKeyboard()
    .text(
      ctx.t("freeze-confirm"),
      confirmButton.pack({
        accountId: account.id,
        startsOn: offer.startsOn,
        days: offer.days,
        fee: offer.fee,
      }),
    )
    .text(ctx.t("freeze-cancel"), cancelButton.pack({}));
  return { text, reply_markup };
}

function frozenText(
  ctx: TranslatingContext,
  login: string,
  result: Extract<FreezeResult, { outcome: "frozen" }>,
) {
  const from = formatDay(result.startsOn);
  const note = freezeNoteText(ctx, {
    state: result.scheduled ? "scheduled" : "frozen",
    startsOn: result.startsOn,
    endsOn: result.endsOn,
    lastDay: result.lastDay,
  });
  return [
    ctx.t(result.scheduled ? "freeze-done-scheduled" : "freeze-done-frozen", { login, from }),
    note,
    ...(result.fee > 0
      ? [
          ctx.t("freeze-done-fee", {
            fee: formatMoney(result.fee),
            balance: formatMoney(result.balance),
          }),
        ]
      : []),
    ctx.t("freeze-done-unfreeze"),
  ].join("\n");
}

/** The contract a step is for, as a conversation keeps it. */
interface Contract {
  id: number;
  login: string;
}

/**
 * The days to choose from a start (from its open-ended check), or why there are none; a start the
 * subscriber may still change (past, too far ahead) is "retry".
 */
async function replyDays(
  ctx: TranslatingContext,
  account: Contract,
  open: FreezeCheck,
  minDays: number,
): Promise<"shown" | "retry" | "refused"> {
  if (open.outcome === "refused") {
    await ctx.reply(freezeRefusalText(ctx, account.login, open));
    return open.reason === "start-in-past" || open.reason === "start-too-far" ? "retry" : "refused";
  }
  const { text, reply_markup } = daysMessage(ctx, account, open, minDays);
  await ctx.reply(text, { reply_markup });
  return "shown";
}

export function freezeFeature({ db, billing, config }: Pick<BotDeps, "db" | "billing" | "config">) {
  const port = freezePort(billing);
  const today = () => billingDayAt(new Date(), config.timeZone);

  async function askDate(
    conversation: BotConversation,
    ctx: ConversationContext,
    account: Contract,
  ) {
    if (!port) return;
    const { day, terms } = await conversation.external(async () => {
      const day = today();
      return { day, terms: await port.freezeStatus(account.id, day) };
    });
    const tomorrow = addDays(day, 1);
    const example = formatDay(tomorrow <= terms.latestStart ? tomorrow : day);
    await ctx.reply(
      ctx.t("freeze-ask-date", {
        login: account.login,
        example,
        latestStart: formatDay(terms.latestStart),
      }),
    );
    for (;;) {
      const reply = await conversation.wait();
      // A button or a command is not a date: it leaves the question and is answered as usual.
      if (reply.callbackQuery || isCommand(reply)) await conversation.halt({ next: true });
      const parsed = typedDay.safeParse(reply.message?.text ?? "");
      if (!parsed.success) {
        await reply.reply(reply.t("freeze-bad-date", { example }));
        continue;
      }
      const startsOn = parsed.data;
      const open = await conversation.external(() =>
        port.checkFreeze({ accountId: account.id, today: today(), startsOn, days: null }),
      );
      if ((await replyDays(reply, account, open, terms.minDays)) !== "retry") return;
    }
  }

  async function askDays(
    conversation: BotConversation,
    ctx: ConversationContext,
    account: Contract,
    startsOn: BillingDay,
    range: { minDays: number; maxDays: number },
  ) {
    if (!port) return;
    const from = formatDay(startsOn);
    await ctx.reply(ctx.t("freeze-ask-days", { login: account.login, from, ...range }));
    for (;;) {
      const reply = await conversation.wait();
      if (reply.callbackQuery || isCommand(reply)) await conversation.halt({ next: true });
      const parsed = typedDays.safeParse(reply.message?.text ?? "");
      if (!parsed.success || parsed.data < range.minDays || parsed.data > range.maxDays) {
        await reply.reply(reply.t("freeze-bad-days", range));
        continue;
      }
      const days = parsed.data;
      const offer = await conversation.external(() =>
        port.checkFreeze({ accountId: account.id, today: today(), startsOn, days }),
      );
      if (offer.outcome === "refused") {
        await reply.reply(freezeRefusalText(reply, account.login, offer));
        return;
      }
      const { text, reply_markup } = confirmMessage(reply, account, offer);
      await reply.reply(text, { reply_markup });
      return;
    }
  }

  const conversations = new Composer<BotContext>();
  const inConversations = conversations.chatType("private");
  inConversations.use(createConversation(askDate, "freeze-date"));
  inConversations.use(createConversation(askDays, "freeze-days"));

  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");

  async function showFreeze(ctx: BotContext) {
    const account = await accountOrSignIn(ctx, db);
    if (!account) return;
    if (!port) {
      await ctx.reply(ctx.t("freeze-not-available"), {
        reply_markup: new InlineKeyboard().text(ctx.t("menu-contacts"), menuData("contacts")),
      });
      return;
    }
    const status = await port.freezeStatus(account.id, today());
    const keyboard = new InlineKeyboard();
    if (status.state === "none") {
      keyboard.text(
        ctx.t("freeze-from-today"),
        fromButton.pack({ accountId: account.id, start: "today" }),
      );
      if (!status.openEndedOnly)
        keyboard
          .row()
          .text(
            ctx.t("freeze-from-date"),
            fromButton.pack({ accountId: account.id, start: "date" }),
          );
    } else {
      keyboard.text(
        ctx.t(status.state === "frozen" ? "freeze-unfreeze" : "freeze-call-off"),
        unfreezeButton.pack({ accountId: account.id }),
      );
    }
    await ctx.reply(statusText(ctx, account.login, status), { reply_markup: keyboard });
  }

  privateChat.command("freeze", showFreeze);
  privateChat.callbackQuery(menuData("freeze"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await showFreeze(ctx);
  });

  // Without a freeze in the billing, no button of this feature does anything.
  if (!port) return { conversations, feature };

  onContractButton(privateChat, db, fromButton, async (ctx, account, { start }) => {
    await ctx.answerCallbackQuery();
    const contract: Contract = { id: account.id, login: account.login };
    if (start === "date") {
      await ctx.conversation.enter("freeze-date", contract, { overwrite: true });
      return;
    }
    const day = today();
    const { minDays, openEndedOnly } = await port.freezeStatus(account.id, day);
    const open = await port.checkFreeze({
      accountId: account.id,
      today: day,
      startsOn: day,
      days: null,
    });
    // From today until unfrozen is the only freeze there is: straight to its confirmation.
    if (openEndedOnly && open.outcome === "allowed") {
      const { text, reply_markup } = confirmMessage(ctx, contract, open);
      await ctx.reply(text, { reply_markup });
      return;
    }
    await replyDays(ctx, contract, open, minDays);
  });

  onContractButton(privateChat, db, daysButton, async (ctx, account, { startsOn, days }) => {
    await ctx.answerCallbackQuery();
    const offer = await port.checkFreeze({ accountId: account.id, today: today(), startsOn, days });
    if (offer.outcome === "refused") {
      await ctx.reply(freezeRefusalText(ctx, account.login, offer));
      return;
    }
    const { text, reply_markup } = confirmMessage(ctx, account, offer);
    await ctx.reply(text, { reply_markup });
  });

  onContractButton(privateChat, db, typeDaysButton, async (ctx, account, { startsOn }) => {
    await ctx.answerCallbackQuery();
    const open = await port.checkFreeze({
      accountId: account.id,
      today: today(),
      startsOn,
      days: null,
    });
    if (open.outcome === "refused") {
      await ctx.reply(freezeRefusalText(ctx, account.login, open));
      return;
    }
    const { minDays } = await port.freezeStatus(account.id, today());
    const range = { minDays, maxDays: daysUpTo(open.startsOn, open.lastDay) };
    const contract: Contract = { id: account.id, login: account.login };
    await ctx.conversation.enter("freeze-days", contract, startsOn, range, { overwrite: true });
  });

  // The start, the days and the fee are what the subscriber saw: core freezes only for that fee.
  onContractButton(privateChat, db, confirmButton, async (ctx, account, values) => {
    const { startsOn, days, fee } = values;
    const result = await port.freeze({
      accountId: account.id,
      today: today(),
      startsOn,
      days,
      expectedFee: fee,
    });
    await ctx.answerCallbackQuery();
    switch (result.outcome) {
      case "frozen":
        await ctx.editMessageText(frozenText(ctx, account.login, result), {
          reply_markup: new InlineKeyboard().text(ctx.t("menu-balance"), menuData("balance")),
        });
        return;
      case "changed": {
        const { text, reply_markup } = confirmMessage(ctx, account, result.offer);
        await ctx.editMessageText(`${ctx.t("freeze-fee-changed")}\n\n${text}`, { reply_markup });
        return;
      }
      case "refused":
        await ctx.editMessageReplyMarkup();
        await ctx.reply(freezeRefusalText(ctx, account.login, result));
        return;
    }
  });

  onButton(privateChat, cancelButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("freeze-cancelled"));
  });

  onContractButton(privateChat, db, unfreezeButton, async (ctx, account) => {
    await ctx.answerCallbackQuery();
    const status = await port.freezeStatus(account.id, today());
    if (status.state === "none") {
      await ctx.reply(ctx.t("freeze-not-frozen", { login: account.login }));
      return;
    }
    const frozen = status.state === "frozen";
    const text = frozen
      ? ctx.t("freeze-ask-unfreeze", { login: account.login })
      : ctx.t("freeze-ask-call-off", {
          login: account.login,
          from: formatDay(status.startsOn),
          fee: feeText(status.paidFee),
        });
    await ctx.reply(text, {
      reply_markup: new InlineKeyboard()
        .text(
          ctx.t(frozen ? "freeze-unfreeze-yes" : "freeze-call-off-yes"),
          unfreezeYesButton.pack({ accountId: account.id }),
        )
        .text(ctx.t("freeze-keep"), keepButton.pack({})),
    });
  });

  onContractButton(privateChat, db, unfreezeYesButton, async (ctx, account) => {
    const result = await port.unfreeze({ accountId: account.id, today: today() });
    await ctx.answerCallbackQuery();
    switch (result.outcome) {
      case "unfrozen": {
        await ctx.editMessageText(
          ctx.t("freeze-unfrozen", {
            login: account.login,
            from: formatDay(result.startsOn),
            to: formatDay(result.endsOn),
            ...allowanceVariables(result.allowance),
          }),
        );
        return;
      }
      case "cancelled":
        await ctx.editMessageText(
          [
            ctx.t("freeze-called-off", { login: account.login, from: formatDay(result.startsOn) }),
            ...(result.refund > 0
              ? [
                  ctx.t("freeze-called-off-refund", {
                    refund: formatMoney(result.refund),
                    balance: formatMoney(result.balance),
                  }),
                ]
              : []),
          ].join("\n"),
        );
        return;
      case "not-frozen":
        await ctx.editMessageText(ctx.t("freeze-not-frozen", { login: account.login }));
        return;
      case "not-allowed":
        await ctx.editMessageText(ctx.t("freeze-unfreeze-elsewhere", { login: account.login }));
        return;
    }
  });

  onButton(privateChat, keepButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("freeze-kept"));
  });

  return { conversations, feature };
}
