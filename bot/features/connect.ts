// /connect: a prospect's connection request. A conversation asks for the name, the phone (shared
// or typed), the address (Kaspiysk unless another town is named), the tariff of interest, IPTV,
// when to call and a comment, then shows the request to send, change or drop. Every answer is
// kept in a draft as it is given, so a prospect who leaves (/cancel, or two hours of silence)
// carries on where they stopped: /connect offers it, with the status of the requests they sent.
import { createConversation } from "@grammyjs/conversations";
import type { I18n } from "@grammyjs/i18n";
import { Composer, InlineKeyboard } from "grammy";
import { answeredSteps, draftSteps, isEmptyDraft } from "../../core/requests/draft.ts";
import { draftStore } from "../../core/requests/draft-store.ts";
import { requestsOfTelegramUser } from "../../core/requests/lists.ts";
import { onButton } from "../buttons.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDate } from "../format.ts";
import { menuData } from "../keyboards/main-menu.ts";
import { restartButton, resumeButton } from "./connect-buttons.ts";
import { statusKey } from "./connect-questions.ts";
import { connectConversation } from "./connect-wizard.ts";

/** A prospect silent this long is out of the questions; /connect picks the draft up again. */
const leftAfterMs = 2 * 60 * 60 * 1000;

export function connectFeature(
  deps: Pick<BotDeps, "db" | "config" | "logger" | "redis"> & { i18n: I18n<BotContext> },
) {
  const { db, config } = deps;
  const drafts = draftStore(deps.redis);

  const conversations = new Composer<BotContext>();
  conversations.chatType("private").use(
    createConversation(connectConversation(deps, drafts), {
      id: "connect",
      maxMillisecondsToWait: leftAfterMs,
    }),
  );

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
        .text(ctx.t("connect-resume"), resumeButton.pack({}))
        .text(ctx.t("connect-restart"), restartButton.pack({}));
    } else {
      keyboard.text(ctx.t("connect-new"), restartButton.pack({}));
    }
    await ctx.reply(lines.join("\n").trim(), { reply_markup: keyboard });
  }

  privateChat.command("connect", offer);
  privateChat.callbackQuery(menuData("connect"), async (ctx) => {
    await ctx.answerCallbackQuery();
    await offer(ctx);
  });
  onButton(privateChat, resumeButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await enter(ctx);
  });
  onButton(privateChat, restartButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await drafts.clear(ctx.from.id);
    await enter(ctx);
  });

  return { conversations, feature };
}
