// The staff chat (STAFF_CHAT_ID) side of connection requests: a card's status buttons move its
// request on (the card edited to show the status, who set it and when); a rejection takes its reason
// as a reply to the bot's prompt; the prospect is told of every change in their language. The card
// is in staff-request-card.ts, /requests and /find in staff-request-lists.ts, the daily digest in
// staff-requests-digest.ts. Only members of the staff chat change a status: every press and reason
// is checked.
import { type Api, Composer } from "grammy";
import { findRecipients } from "../../core/accounts/telegram-users.ts";
import { expiringStore } from "../../core/requests/expiring-store.ts";
import {
  findRequest,
  type RequestStatus,
  type RequestView,
} from "../../core/requests/request-view.ts";
import { canChange, changeStatus, type StatusChange } from "../../core/requests/status.ts";
import { onButton } from "../buttons.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { notifyRecipients } from "../message-recipients.ts";
import { type StaffDeps, staffMembership, staffName, staffText } from "./staff-chat.ts";
import { requestActions, requestButton, requestCard, statusWordKey } from "./staff-request-card.ts";
import { staffRequestListsFeature } from "./staff-request-lists.ts";

const reasonPromptSeconds = 24 * 60 * 60;

/** What the prospect is told when staff move their request to a status. */
const prospectNoticeKey: Partial<Record<RequestStatus, string>> = {
  IN_PROGRESS: "connect-now-in-progress",
  SIGNED: "connect-now-signed",
  REJECTED: "connect-now-rejected",
};

export function staffRequestsFeature(deps: StaffDeps & Pick<BotDeps, "redis">) {
  const { db, config, logger, i18n } = deps;
  const t = staffText(deps);
  const feature = new Composer<BotContext>();
  const chatId = config.staffChatId;
  if (chatId === undefined) return feature;

  /** Reason prompts waiting for a reply: the prompt's message id to the request it is for. */
  const reasonPrompts = expiringStore<{ requestId: number }>(deps.redis, "reject-reason:");
  // Before the staff chat's own handlers (filter mounts them here): /requests or /find typed in
  // reply to a reason prompt is a command, not the reason.
  feature.use(staffRequestListsFeature(deps, chatId));
  const staffChat = feature.filter((ctx) => ctx.chat?.id === chatId);
  const isStaff = staffMembership(deps, chatId);

  async function refreshCard(api: Api, request: RequestView, pressed?: number) {
    const card = requestCard(deps, request);
    const shown = [request.staffMessageId, pressed].filter(
      (id, index, all): id is number =>
        id !== null && id !== undefined && all.indexOf(id) === index,
    );
    for (const messageId of shown) {
      await api
        .editMessageText(chatId as number, messageId, card.text, {
          reply_markup: card.reply_markup,
        })
        .catch((error: unknown) =>
          logger.warn({ err: error, requestId: request.id, messageId }, "card not updated"),
        );
    }
  }

  async function tellProspect(api: Api, request: RequestView) {
    const key = prospectNoticeKey[request.status];
    if (!key || request.telegramUserId === null) return;
    await notifyRecipients(
      { api, i18n, logger },
      await findRecipients(db, [request.telegramUserId]),
      key,
      { id: String(request.id), time: request.preferredTime, reason: request.rejectReason ?? "" },
    );
  }

  /** After a status change: the cards, the prospect; the answer for the staff member. */
  async function settle(api: Api, change: StatusChange, pressed?: number): Promise<string> {
    switch (change.outcome) {
      case "changed":
        await refreshCard(api, change.request, pressed);
        await tellProspect(api, change.request);
        return t("connect-staff-done", {
          id: String(change.request.id),
          status: t(statusWordKey[change.request.status]),
        });
      case "not-allowed":
        await refreshCard(api, change.request, pressed);
        return t("connect-staff-already", {
          id: String(change.request.id),
          status: t(statusWordKey[change.request.status]),
        });
      case "not-found":
      case "bad-reason":
        return t("button-outdated");
    }
  }

  onButton(staffChat, requestButton, async (ctx, { requestId, action }) => {
    if (!(await isStaff(ctx))) {
      await ctx.answerCallbackQuery({ text: ctx.t("connect-staff-only"), show_alert: true });
      return;
    }
    const pressed = ctx.callbackQuery.message?.message_id;
    const by = staffName(ctx.from);
    if (action !== "reject") {
      const change = await changeStatus(db, { requestId, to: requestActions[action], by });
      await ctx.answerCallbackQuery(await settle(ctx.api, change, pressed));
      return;
    }
    const request = await findRequest(db, requestId);
    if (!request || !canChange(request.status, "REJECTED")) {
      const answer = request
        ? await settle(ctx.api, { outcome: "not-allowed", request }, pressed)
        : t("button-outdated");
      await ctx.answerCallbackQuery(answer);
      return;
    }
    await ctx.answerCallbackQuery();
    const prompt = await ctx.reply(t("connect-staff-ask-reason", { by, id: String(requestId) }), {
      reply_markup: { force_reply: true, input_field_placeholder: t("connect-staff-reason") },
      ...(pressed === undefined
        ? {}
        : { reply_parameters: { message_id: pressed, allow_sending_without_reply: true } }),
    });
    await reasonPrompts.set(String(prompt.message_id), { requestId }, reasonPromptSeconds);
  });

  // A reply to a reason prompt rejects the request with that reason.
  staffChat.on("message", async (ctx, next) => {
    const replied = ctx.message.reply_to_message;
    const prompt =
      replied?.from?.id === ctx.me.id
        ? await reasonPrompts.get(String(replied.message_id))
        : undefined;
    if (!replied || !prompt) return next();
    if (!(await isStaff(ctx))) {
      await ctx.reply(ctx.t("connect-staff-only"));
      return;
    }
    const change = await changeStatus(db, {
      requestId: prompt.requestId,
      to: "REJECTED",
      by: staffName(ctx.from),
      reason: ctx.message.text ?? "",
    });
    if (change.outcome === "bad-reason") {
      await ctx.reply(t("connect-staff-bad-reason"), {
        reply_parameters: { message_id: replied.message_id, allow_sending_without_reply: true },
      });
      return;
    }
    await reasonPrompts.delete(String(replied.message_id));
    await ctx.reply(await settle(ctx.api, change), {
      reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
    });
  });

  return feature;
}
