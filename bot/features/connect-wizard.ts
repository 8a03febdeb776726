// The conversation of /connect: asks the questions the draft has no answer to yet, each answer
// saved to the draft as it is given, then shows the request to send, change or drop. A sent
// request is stored (or merged into an open one from the same phone) and announced to staff.
import type { I18n } from "@grammyjs/i18n";
import { rememberTelegramUser } from "../../core/accounts/telegram-users.ts";
import {
  completeDraft,
  type DraftStep,
  isEmptyDraft,
  nextStep,
  type RequestDraft,
} from "../../core/requests/draft.ts";
import type { DraftStore } from "../../core/requests/draft-store.ts";
import { defaultTown } from "../../core/requests/fields.ts";
import { submitRequest } from "../../core/requests/submit.ts";
import type { BotContext, BotConversation, ConversationContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { questioner } from "../forms/questions.ts";
import { menuData } from "../keyboards/main-menu.ts";
import { telegramProfile } from "../telegram-profile.ts";
import { restartButton, resumeButton } from "./connect-buttons.ts";
import {
  addressQuestion,
  commentQuestion,
  fieldQuestion,
  iptvQuestion,
  nameQuestion,
  phoneQuestion,
  statusKey,
  summaryQuestion,
  type TariffChoice,
  tariffChoices,
  tariffQuestion,
  timeQuestion,
  townQuestion,
} from "./connect-questions.ts";
import { announceRequest } from "./staff-request-card.ts";

type Questioner = ReturnType<typeof questioner>;

/** /connect or the menu's button while the questions are on: a wish to carry on. */
const asksToContinue = (ctx: ConversationContext) =>
  ctx.hasCommand("connect") ||
  [menuData("connect"), resumeButton.pack({}), restartButton.pack({})].includes(
    ctx.callbackQuery?.data ?? "",
  );

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

export function connectConversation(
  deps: Pick<BotDeps, "db" | "config" | "logger" | "redis"> & { i18n: I18n<BotContext> },
  drafts: DraftStore,
) {
  const { db, logger } = deps;

  return async function connect(conversation: BotConversation, ctx: ConversationContext) {
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

    const q = questioner(conversation, ctx, {
      asksAgain: asksToContinue,
      onAgain: (reply) => reply.reply(reply.t("connect-continue")),
      logger,
    });
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
  };
}
