// /connect: a prospect's connection request. A conversation asks for the name, the phone (shared
// or typed), the address (Kaspiysk unless another town is named), the tariff of interest, IPTV,
// when to call and a comment, then shows the request to send, change or drop. Every answer is
// kept in a draft as it is given, so a prospect who leaves (/cancel, or two hours of silence)
// carries on where they stopped: /connect offers it, with the status of the requests they sent.
import { createConversation } from "@grammyjs/conversations";
import type { I18n } from "@grammyjs/i18n";
import { Composer, InlineKeyboard, Keyboard } from "grammy";
import { rememberTelegramUser } from "../../core/accounts/telegram-users.ts";
import { viewTariffs } from "../../core/billing/tariffs.ts";
import type { Db } from "../../core/db.ts";
import {
  answeredSteps,
  completeDraft,
  type DraftStep,
  draftSteps,
  isEmptyDraft,
  nextStep,
  type RequestDraft,
} from "../../core/requests/draft.ts";
import { draftStore } from "../../core/requests/draft-store.ts";
import {
  addressField,
  commentField,
  defaultTown,
  nameField,
  phoneField,
  preferredTimeField,
  townField,
} from "../../core/requests/fields.ts";
import { requestsOfTelegramUser } from "../../core/requests/lists.ts";
import type { RequestStatus } from "../../core/requests/request-view.ts";
import { submitRequest } from "../../core/requests/submit.ts";
import type {
  BotContext,
  BotConversation,
  ConversationContext,
  TranslatingContext,
} from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDate, formatMoney } from "../format.ts";
import { hint } from "../hint.ts";
import { menuData } from "../keyboards/main-menu.ts";
import { telegramProfile } from "../telegram-profile.ts";
import { announceRequest } from "./staff-requests.ts";

/** A prospect silent this long is out of the questions; /connect picks the draft up again. */
const leftAfterMs = 2 * 60 * 60 * 1000;

const statusKey: Record<RequestStatus, string> = {
  NEW: "connect-status-new",
  IN_PROGRESS: "connect-status-in-progress",
  SIGNED: "connect-status-signed",
  REJECTED: "connect-status-rejected",
};

interface TariffChoice {
  code: string;
  name: string;
  speedMbps: number | null;
  monthlyFee: number;
}

async function tariffChoices(db: Db): Promise<TariffChoice[]> {
  const { internet } = await viewTariffs(db, null);
  return internet.map(({ code, name, speedMbps, monthlyFee }) => ({
    code,
    name,
    speedMbps,
    monthlyFee,
  }));
}

/** Kaspiysk in the user's language; another town as the prospect wrote it. */
const townName = (ctx: TranslatingContext, town: string) =>
  town === defaultTown ? ctx.t("connect-town-home") : town;

/** A reply read as a question's answer, or the hint to give while the question stays. */
type Reading<T> = { value: T } | { hint: string };
const value = <T>(answer: T): Reading<T> => ({ value: answer });
const refuse = (key: string): Reading<never> => ({ hint: key });

/** A question: how it is put, and how a reply reads. */
interface Question<T> {
  put(ctx: ConversationContext): Promise<unknown>;
  read(reply: ConversationContext): Reading<T>;
}

const dataOf = (ctx: ConversationContext) => ctx.callbackQuery?.data;

/** Reads a typed answer with a field's schema. */
function typed<T>(
  ctx: ConversationContext,
  field: { safeParse(input: unknown): { success: true; data: T } | { success: false } },
  hintKey: string,
): Reading<T> {
  const text = ctx.message?.text;
  const parsed = text === undefined ? undefined : field.safeParse(text);
  return parsed?.success ? value(parsed.data) : refuse(hintKey);
}

/** Buttons, `perRow` to a row, each standing for an answer (labels are locale keys). */
function buttons<T>(
  ctx: TranslatingContext,
  options: readonly { label: string; data: string; answer: T }[],
  perRow: number,
) {
  const rows: { label: string; data: string }[][] = [];
  options.forEach((option, index) => {
    if (index % perRow === 0) rows.push([]);
    rows.at(-1)?.push(option);
  });
  return InlineKeyboard.from(
    rows.map((row) => row.map((option) => InlineKeyboard.text(ctx.t(option.label), option.data))),
  );
}

const pressed = <T>(
  reply: ConversationContext,
  options: readonly { data: string; answer: T }[],
): Reading<T> | undefined => {
  const option = options.find((candidate) => candidate.data === dataOf(reply));
  return option && value(option.answer);
};

/** A question answered with buttons only. */
function choice<T>(
  textKey: string,
  options: readonly { label: string; data: string; answer: T }[],
  hintKey: string,
  perRow = 2,
): Question<T> {
  return {
    put: (c) => c.reply(c.t(textKey), { reply_markup: buttons(c, options, perRow) }),
    read: (reply) => pressed(reply, options) ?? refuse(hintKey),
  };
}

const nameQuestion: Question<string> = {
  put: (c) => c.reply(c.t("connect-ask-name"), { reply_markup: { remove_keyboard: true } }),
  read: (reply) => typed(reply, nameField, "connect-bad-name"),
};

/** The user's own contact (the button) or a number typed. */
const phoneQuestion: Question<string> = {
  put: (c) =>
    c.reply(c.t("connect-ask-phone"), {
      reply_markup: new Keyboard().requestContact(c.t("connect-share-phone")).resized(),
    }),
  read(reply) {
    const contact = reply.message?.contact;
    if (!contact) return typed(reply, phoneField, "connect-bad-phone");
    if (contact.user_id !== reply.from?.id) return refuse("connect-contact-not-own");
    const phone = phoneField.safeParse(contact.phone_number);
    return phone.success ? value(phone.data) : refuse("connect-bad-phone");
  },
};

const townQuestion: Question<string> = {
  put: (c) => c.reply(c.t("connect-ask-town")),
  read: (reply) => typed(reply, townField, "connect-bad-town"),
};

type AddressAnswer = { address: string } | { town: "other" | "home" };

const townButtons: { label: string; data: string; answer: AddressAnswer }[] = [
  { label: "connect-other-town", data: "connect:town", answer: { town: "other" } },
  { label: "connect-default-town", data: "connect:town:home", answer: { town: "home" } },
];

/** Street, house, apartment in the town; or the wish to name another town (or go back home). */
function addressQuestion(town: string): Question<AddressAnswer> {
  return {
    put: (c) =>
      c.reply(c.t("connect-ask-address", { town: townName(c, town) }), {
        reply_markup: buttons(c, town === defaultTown ? townButtons.slice(0, 1) : townButtons, 2),
      }),
    read(reply) {
      const button = pressed(reply, townButtons);
      if (button) return button;
      const address = typed(reply, addressField, "connect-bad-address");
      return "hint" in address ? address : value({ address: address.value });
    },
  };
}

function tariffQuestion(tariffs: TariffChoice[]): Question<string | null> {
  return {
    put(c) {
      const keyboard = InlineKeyboard.from(
        tariffs.map((tariff) => [
          InlineKeyboard.text(
            c.t("connect-tariff-option", {
              name: tariff.name,
              speed: String(tariff.speedMbps ?? ""),
              fee: formatMoney(tariff.monthlyFee),
            }),
            `connect:tariff:${tariff.code}`,
          ),
        ]),
      )
        .row()
        .text(c.t("connect-tariff-advise"), "connect:tariff:advise");
      return c.reply(c.t("connect-ask-tariff"), { reply_markup: keyboard });
    },
    read(reply) {
      const code = /^connect:tariff:(.+)$/.exec(dataOf(reply) ?? "")?.[1];
      if (code === "advise") return value(null);
      const tariff = tariffs.find((option) => option.code === code);
      return tariff ? value(tariff.code) : refuse("connect-bad-tariff");
    },
  };
}

const iptvQuestion = choice(
  "connect-ask-iptv",
  [
    { label: "connect-iptv-yes", data: "connect:iptv:yes", answer: true },
    { label: "connect-iptv-no", data: "connect:iptv:no", answer: false },
  ],
  "connect-bad-iptv",
);

const timePresetKeys = {
  morning: "connect-time-morning",
  day: "connect-time-day",
  evening: "connect-time-evening",
  any: "connect-time-any",
} as const;
const timePresets = Object.entries(timePresetKeys).map(([preset, key]) => ({
  label: key,
  data: `connect:time:${preset}`,
  answer: key,
}));

/** A preset (kept in the prospect's words, as if typed) or a time typed. */
const timeQuestion: Question<string> = {
  put: (c) => c.reply(c.t("connect-ask-time"), { reply_markup: buttons(c, timePresets, 2) }),
  read(reply) {
    const preset = pressed(reply, timePresets);
    if (preset && "value" in preset) return value(reply.t(preset.value));
    return typed(reply, preferredTimeField, "connect-bad-time");
  },
};

const noComment = [
  { label: "connect-comment-none", data: "connect:comment:none", answer: null },
] as const;

const commentQuestion: Question<string | null> = {
  put: (c) => c.reply(c.t("connect-ask-comment"), { reply_markup: buttons(c, noComment, 1) }),
  read: (reply) => pressed(reply, noComment) ?? typed(reply, commentField, "connect-bad-comment"),
};

function summaryQuestion(draft: RequestDraft, tariffs: TariffChoice[]) {
  const options = [
    { label: "connect-send", data: "connect:send", answer: "send" },
    { label: "connect-edit", data: "connect:edit", answer: "edit" },
    { label: "connect-drop", data: "connect:drop", answer: "drop" },
  ] as const;
  return {
    put: (c: ConversationContext) =>
      c.reply(summary(c, draft, tariffs), {
        reply_markup: buttons(c, options.slice(0, 1), 1)
          .row()
          .append(buttons(c, options.slice(1), 2)),
      }),
    read: (reply: ConversationContext) => pressed(reply, options) ?? refuse("connect-bad-summary"),
  } satisfies Question<(typeof options)[number]["answer"]>;
}

const fieldKeys = {
  name: "connect-field-name",
  phone: "connect-field-phone",
  address: "connect-field-address",
  tariff: "connect-field-tariff",
  iptv: "connect-field-iptv",
  time: "connect-field-time",
  comment: "connect-field-comment",
} as const satisfies Record<DraftStep, string>;

const fieldQuestion = choice<DraftStep | "back">(
  "connect-ask-field",
  [
    ...draftSteps.map((step) => ({
      label: fieldKeys[step],
      data: `connect:edit:${step}`,
      answer: step,
    })),
    { label: "connect-field-back", data: "connect:edit:back", answer: "back" as const },
  ],
  "connect-bad-field",
);

function summary(ctx: TranslatingContext, draft: RequestDraft, tariffs: TariffChoice[]) {
  const tariff = tariffs.find((option) => option.code === draft.tariffCode);
  return ctx.t("connect-summary", {
    name: draft.name ?? "",
    phone: draft.phone ?? "",
    town: townName(ctx, draft.town ?? defaultTown),
    address: draft.address ?? "",
    tariff: tariff?.name ?? ctx.t("connect-advise"),
    iptv: ctx.t(draft.iptvWanted ? "connect-yes" : "connect-no"),
    time: draft.preferredTime ?? "",
    comment: draft.comment ?? ctx.t("connect-no-comment"),
  });
}

/** /connect or the menu's button while the questions are on: a wish to carry on. */
const asksToContinue = (ctx: ConversationContext) =>
  ctx.hasCommand("connect") ||
  [menuData("connect"), "connect:resume", "connect:new"].includes(dataOf(ctx) ?? "");

export function connectFeature(
  deps: Pick<BotDeps, "db" | "config" | "logger" | "redis"> & { i18n: I18n<BotContext> },
) {
  const { db, config, logger } = deps;
  const drafts = draftStore(deps.redis);

  /**
   * Puts questions to the prospect, each until a reply reads as its answer (anything else gets
   * the question's hint). A pressed button is answered and taken off the question; /connect puts
   * the question again. `ctx` is the latest reply, to write to.
   */
  function questioner(conversation: BotConversation, first: ConversationContext) {
    let current = first;
    return {
      get ctx() {
        return current;
      },
      async ask<T>(question: Question<T>): Promise<T> {
        await question.put(current);
        for (;;) {
          const reply = await conversation.wait();
          if (!reply.message && !reply.callbackQuery) await conversation.skip({ next: true });
          current = reply;
          if (asksToContinue(reply)) {
            if (reply.callbackQuery) await reply.answerCallbackQuery();
            await reply.reply(reply.t("connect-continue"));
            await question.put(reply);
            continue;
          }
          const reading = question.read(reply);
          if ("hint" in reading) {
            await hint(reply, reading.hint);
            continue;
          }
          if (reply.callbackQuery) {
            await reply.answerCallbackQuery();
            await reply.editMessageReplyMarkup().catch((error: unknown) => {
              logger.debug({ err: error }, "answered question keeps its buttons");
            });
          }
          return reading.value;
        }
      },
    };
  }
  type Questioner = ReturnType<typeof questioner>;

  /** Street, house, apartment, in Kaspiysk unless another town is named first. */
  async function askAddress(q: Questioner, startTown: string): Promise<Partial<RequestDraft>> {
    let town = startTown;
    for (;;) {
      const answer = await q.ask(addressQuestion(town));
      if ("address" in answer) return { town, address: answer.address };
      if (answer.town === "home") {
        town = defaultTown;
        continue;
      }
      town = await q.ask(townQuestion);
      if (town !== defaultTown) await q.ctx.reply(q.ctx.t("connect-town-noted", { town }));
    }
  }

  /** Asks one step; its answer as the draft's fields. */
  async function askStep(
    q: Questioner,
    step: DraftStep,
    draft: RequestDraft,
    tariffs: TariffChoice[],
  ): Promise<Partial<RequestDraft>> {
    switch (step) {
      case "name":
        return { name: await q.ask(nameQuestion) };
      case "phone": {
        const phone = await q.ask(phoneQuestion);
        await q.ctx.reply(q.ctx.t("connect-phone-noted", { phone }), {
          reply_markup: { remove_keyboard: true },
        });
        return { phone };
      }
      case "address":
        return askAddress(q, draft.town ?? defaultTown);
      case "tariff":
        return { tariffCode: await q.ask(tariffQuestion(tariffs)) };
      case "iptv":
        return { iptvWanted: await q.ask(iptvQuestion) };
      case "time":
        return { preferredTime: await q.ask(timeQuestion) };
      case "comment":
        return { comment: await q.ask(commentQuestion) };
    }
  }

  async function connect(conversation: BotConversation, ctx: ConversationContext) {
    const from = ctx.from;
    if (!from) return;
    const tariffs = await conversation.external(() => tariffChoices(db));
    let draft: RequestDraft = (await conversation.external(() => drafts.load(from.id))) ?? {};
    const answered = async (answer: Partial<RequestDraft>) => {
      draft = { ...draft, ...answer };
      const saved = draft;
      await conversation.external(() => drafts.save(from.id, saved));
    };
    await ctx.reply(ctx.t(isEmptyDraft(draft) ? "connect-intro" : "connect-resumed"));

    const q = questioner(conversation, ctx);
    for (;;) {
      for (let step = nextStep(draft); step !== undefined; step = nextStep(draft))
        await answered(await askStep(q, step, draft, tariffs));
      const next = await q.ask(summaryQuestion(draft, tariffs));
      if (next === "send") break;
      if (next === "drop") {
        await conversation.external(() => drafts.clear(from.id));
        await q.ctx.reply(q.ctx.t("connect-dropped"));
        return;
      }
      const field = await q.ask(fieldQuestion);
      if (field !== "back") await answered(await askStep(q, field, draft, tariffs));
    }

    const request = completeDraft(draft, from.id);
    if (!request) {
      await q.ctx.reply(q.ctx.t("error-generic"));
      return;
    }
    const submitted = await conversation.external(async (outside) => {
      const profile = telegramProfile(outside);
      // The language the prospect uses here is the one news of the request reaches them in.
      if (profile)
        await rememberTelegramUser(db, {
          ...profile,
          languageCode: await outside.i18n.getLocale(),
        });
      const result = await submitRequest(db, request);
      await drafts.clear(from.id);
      await announceRequest({ ...deps, api: outside.api }, result);
      return result;
    });
    const facts = {
      id: String(submitted.requestId),
      phone: request.phone,
      time: request.preferredTime,
      status: q.ctx.t(statusKey[submitted.status]),
    };
    await q.ctx.reply(
      q.ctx.t(submitted.outcome === "created" ? "connect-sent" : "connect-merged", facts),
    );
  }

  const conversations = new Composer<BotContext>();
  conversations
    .chatType("private")
    .use(createConversation(connect, { id: "connect", maxMillisecondsToWait: leftAfterMs }));

  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");
  const enter = (ctx: BotContext) => ctx.conversation.enter("connect", { overwrite: true });

  /** The prospect's requests and their status, and the unfinished one to carry on or restart. */
  async function offer(ctx: BotContext) {
    if (!ctx.from) return;
    const [requests, draft] = await Promise.all([
      requestsOfTelegramUser(db, ctx.from.id),
      drafts.load(ctx.from.id),
    ]);
    const unfinished = draft !== undefined && !isEmptyDraft(draft);
    if (requests.length === 0 && !unfinished) return enter(ctx);
    const lines: string[] = [];
    if (requests.length > 0) lines.push(ctx.t("connect-yours"));
    for (const request of requests) {
      lines.push(
        ctx.t("connect-your-request", {
          id: String(request.id),
          date: formatDate(request.createdAt, config.timeZone),
          address: `${request.town}, ${request.address}`,
          status: ctx.t(statusKey[request.status]),
        }),
      );
      if (request.rejectReason)
        lines.push(ctx.t("connect-your-reason", { reason: request.rejectReason }));
    }
    const keyboard = new InlineKeyboard();
    if (unfinished) {
      lines.push(
        "",
        ctx.t("connect-unfinished", {
          done: String(answeredSteps(draft)),
          total: String(draftSteps.length),
        }),
      );
      keyboard
        .text(ctx.t("connect-resume"), "connect:resume")
        .text(ctx.t("connect-restart"), "connect:new");
    } else {
      keyboard.text(ctx.t("connect-new"), "connect:new");
    }
    await ctx.reply(lines.join("\n").trim(), { reply_markup: keyboard });
  }

  privateChat.command("connect", offer);
  privateChat.callbackQuery(menuData("connect"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await offer(ctx);
  });
  privateChat.callbackQuery("connect:resume", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await enter(ctx);
  });
  privateChat.callbackQuery("connect:new", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await drafts.clear(ctx.from.id);
    await enter(ctx);
  });

  return { conversations, feature };
}
