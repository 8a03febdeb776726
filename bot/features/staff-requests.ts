// The staff chat (STAFF_CHAT_ID) side of connection requests: a card per request with status
// buttons, edited to show the status, who set it and when; a rejection takes its reason as a reply;
// the prospect is told of every change in their language. /requests lists the open requests,
// /find <phone> shows a phone's requests; the daily digest lists the overdue ones. Only members of
// the staff chat see requests or change a status: every command, press and reason is checked.
import type { I18n } from "@grammyjs/i18n";
import { type Api, Composer, InlineKeyboard } from "grammy";
import type { User } from "grammy/types";
import { normalizePhone } from "../../core/accounts/phone.ts";
import { findRecipients } from "../../core/accounts/telegram-users.ts";
import { withoutControls } from "../../core/plain-text.ts";
import type { Notice } from "../../core/ports.ts";
import { expiringStore } from "../../core/requests/expiring-store.ts";
import { defaultTown } from "../../core/requests/fields.ts";
import { countOpenRequests, openRequests, requestsByPhone } from "../../core/requests/lists.ts";
import {
  findRequest,
  type RequestStatus,
  type RequestView,
  recordStaffCard,
} from "../../core/requests/request-view.ts";
import { canChange, changeStatus, type StatusChange } from "../../core/requests/status.ts";
import type { SubmittedRequest } from "../../core/requests/submit.ts";
import { chatMembership } from "../chat-membership.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDateTime } from "../format.ts";
import type { Locale } from "../i18n.ts";
import { fitLines, lengthLimits, splitText } from "../length-limits.ts";
import { notifyRecipients } from "../notify.ts";

/** The staff chat reads Russian, whatever the language of the member who pressed. */
const staffLocale: Locale = "ru";
const reasonPromptSeconds = 24 * 60 * 60;

export type StaffDeps = Pick<BotDeps, "db" | "config" | "logger"> & { i18n: I18n<BotContext> };

type Vars = Record<string, string | number>;

const cardStatusKey: Record<RequestStatus, string> = {
  NEW: "connect-card-status-new",
  IN_PROGRESS: "connect-card-status-in-progress",
  SIGNED: "connect-card-status-signed",
  REJECTED: "connect-card-status-rejected",
};

const statusWordKey: Record<RequestStatus, string> = {
  NEW: "connect-staff-status-new",
  IN_PROGRESS: "connect-staff-status-in-progress",
  SIGNED: "connect-staff-status-signed",
  REJECTED: "connect-staff-status-rejected",
};

/** What the prospect is told when staff move their request to a status. */
const prospectNoticeKey: Partial<Record<RequestStatus, string>> = {
  IN_PROGRESS: "connect-now-in-progress",
  SIGNED: "connect-now-signed",
  REJECTED: "connect-now-rejected",
};

const actions = { work: "IN_PROGRESS", signed: "SIGNED", reject: "REJECTED" } as const;
type Action = keyof typeof actions;

const actionData = (id: number, action: Action) => `req:${id}:${action}`;

/** How staff appear on a card: name, and @username when there is one. */
export function staffName(user: User): string {
  const name = withoutControls([user.first_name, user.last_name].filter(Boolean).join(" "));
  return user.username ? `${name} (@${withoutControls(user.username)})` : name;
}

export function staffText({ i18n }: Pick<StaffDeps, "i18n">) {
  return (key: string, vars?: Vars) => i18n.t(staffLocale, key, vars);
}

/** A request's card: its details, its status and the buttons its status allows. */
export function requestCard(deps: Pick<StaffDeps, "i18n" | "config">, request: RequestView) {
  const t = staffText(deps);
  const at = (date: Date | null) => (date ? formatDateTime(date, deps.config.timeZone) : "");
  const lines = [
    t("connect-card", {
      id: String(request.id),
      date: at(request.createdAt),
      name: request.name,
      phone: request.phone,
      town: request.town,
      address: request.address,
      tariff: request.tariff?.name ?? t("connect-advise"),
      iptv: t(request.iptvWanted ? "connect-yes" : "connect-no"),
      time: request.preferredTime,
    }),
  ];
  if (request.town !== defaultTown) lines.push(t("connect-card-other-town"));
  if (request.comment) lines.push(t("connect-card-comment", { comment: request.comment }));
  lines.push(
    "",
    t(cardStatusKey[request.status], {
      by: request.statusBy ?? "",
      at: at(request.statusAt),
      reason: request.rejectReason ?? "",
    }),
  );
  const keyboard = new InlineKeyboard();
  if (canChange(request.status, "IN_PROGRESS"))
    keyboard.text(t("connect-card-work"), actionData(request.id, "work"));
  if (canChange(request.status, "SIGNED"))
    keyboard.text(t("connect-card-signed"), actionData(request.id, "signed")).row();
  if (canChange(request.status, "REJECTED"))
    keyboard.text(t("connect-card-reject"), actionData(request.id, "reject"));
  return { text: lines.join("\n"), reply_markup: keyboard };
}

/**
 * Shows a submitted request in the staff chat: a new card, or for a request merged into an open
 * one, its card updated and a note under it. Failures are logged: the request is stored anyway,
 * and the digest brings it up.
 */
export async function announceRequest(
  deps: StaffDeps & { api: Api },
  submitted: SubmittedRequest,
): Promise<void> {
  const { db, config, logger, api } = deps;
  const chatId = config.staffChatId;
  if (chatId === undefined) {
    logger.warn({ requestId: submitted.requestId }, "STAFF_CHAT_ID is not set: request not shown");
    return;
  }
  try {
    const request = await findRequest(db, submitted.requestId);
    if (!request) return;
    const card = requestCard(deps, request);
    if (request.staffMessageId === null) {
      const sent = await api.sendMessage(chatId, card.text, { reply_markup: card.reply_markup });
      await recordStaffCard(db, request.id, sent.message_id);
      return;
    }
    await api.editMessageText(chatId, request.staffMessageId, card.text, {
      reply_markup: card.reply_markup,
    });
    if (submitted.outcome === "merged")
      await api.sendMessage(
        chatId,
        staffText(deps)("connect-card-merged", { id: String(request.id), phone: request.phone }),
        {
          reply_parameters: {
            message_id: request.staffMessageId,
            allow_sending_without_reply: true,
          },
        },
      );
  } catch (error) {
    logger.error({ err: error, requestId: submitted.requestId }, "request not shown to staff");
  }
}

/** The daily digest (a notice from core's digest job): the overdue requests, oldest first. */
export function requestsDigestMessage(
  t: (key: string, vars?: Vars) => string,
  notice: Extract<Notice, { kind: "requests-digest" }>,
  timeZone: string,
) {
  const lines = notice.requests.map((request) =>
    t("connect-digest-line", {
      id: String(request.id),
      date: formatDateTime(request.createdAt, timeZone),
      name: request.name,
      phone: request.phone,
    }),
  );
  const header = t("connect-digest", { count: String(notice.requests.length) });
  return {
    text: fitLines([header, ...lines], lengthLimits.text, (more) =>
      t("connect-digest-more", { more: String(more) }),
    ),
    reply_markup: undefined,
  };
}

export function staffRequestsFeature(deps: StaffDeps & Pick<BotDeps, "redis">) {
  const { db, config, logger, i18n } = deps;
  const t = staffText(deps);
  const feature = new Composer<BotContext>();
  const chatId = config.staffChatId;
  if (chatId === undefined) return feature;

  /** Reason prompts waiting for a reply: the prompt's message id to the request it is for. */
  const reasonPrompts = expiringStore<{ requestId: number }>(deps.redis, "reject-reason:");
  const staffChat = feature.filter((ctx) => ctx.chat?.id === chatId);
  const membershipOf = chatMembership(chatId, logger, config.membershipCheckTimeoutMs);
  const isStaff = async (ctx: BotContext) => (await membershipOf(ctx)) === true;

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

  staffChat.callbackQuery(/^req:(\d{1,9}):(work|signed|reject)$/, async (ctx) => {
    if (!(await isStaff(ctx))) {
      await ctx.answerCallbackQuery({ text: ctx.t("connect-staff-only"), show_alert: true });
      return;
    }
    const requestId = Number(ctx.match[1]);
    const action = ctx.match[2] as Action;
    const pressed = ctx.callbackQuery.message?.message_id;
    const by = staffName(ctx.from);
    if (action !== "reject") {
      const change = await changeStatus(db, { requestId, to: actions[action], by });
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

  staffChat.command("requests", async (ctx) => {
    if (!(await isStaff(ctx))) {
      await ctx.reply(t("connect-staff-members-only"));
      return;
    }
    const [open, count] = await Promise.all([openRequests(db), countOpenRequests(db)]);
    if (open.length === 0) {
      await ctx.reply(t("connect-staff-open-none"));
      return;
    }
    const lines = [
      t("connect-staff-open", { count: String(count) }),
      ...open.map((request) =>
        t("connect-staff-open-line", {
          id: String(request.id),
          date: formatDateTime(request.createdAt, config.timeZone),
          status: t(statusWordKey[request.status]),
          name: request.name,
          phone: request.phone,
          town: request.town,
          address: request.address,
        }),
      ),
    ];
    if (count > open.length)
      lines.push(t("connect-staff-open-more", { more: String(count - open.length) }));
    for (const part of splitText(lines.join("\n"), lengthLimits.text)) await ctx.reply(part.text);
  });

  staffChat.command("find", async (ctx) => {
    if (!(await isStaff(ctx))) {
      await ctx.reply(t("connect-staff-members-only"));
      return;
    }
    const phone = normalizePhone(ctx.match);
    if (phone === null) {
      await ctx.reply(t("connect-staff-find-usage"));
      return;
    }
    const found = await requestsByPhone(db, phone);
    if (found.length === 0) {
      await ctx.reply(t("connect-staff-find-none", { phone }));
      return;
    }
    for (const request of found) {
      const card = requestCard(deps, request);
      await ctx.reply(card.text, { reply_markup: card.reply_markup });
    }
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
