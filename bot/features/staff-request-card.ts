// A connection request's card in the staff chat: its details, its status (who set it and when) and
// the buttons its status allows; shown when a request is submitted, and again for one merged into it.
import type { Api } from "grammy";
import { InlineKeyboard } from "grammy";
import { defaultTown } from "../../core/requests/fields.ts";
import {
  findRequest,
  type RequestStatus,
  type RequestView,
  recordStaffCard,
} from "../../core/requests/request-view.ts";
import { canChange } from "../../core/requests/status.ts";
import type { SubmittedRequest } from "../../core/requests/submit.ts";
import { buttonFamily, idField, oneOfField } from "../buttons.ts";
import { formatDateTime } from "../format.ts";
import { type StaffDeps, staffText } from "./staff-chat.ts";

/** The status each of a card's buttons moves its request to. */
export const requestActions = {
  work: "IN_PROGRESS",
  signed: "SIGNED",
  reject: "REJECTED",
} as const;

/** A card's status buttons: `req:<id>:<work|signed|reject>`. */
export const requestButton = buttonFamily("req", {
  requestId: idField(),
  action: oneOfField(["work", "signed", "reject"]),
});

const cardStatusKey: Record<RequestStatus, string> = {
  NEW: "connect-card-status-new",
  IN_PROGRESS: "connect-card-status-in-progress",
  SIGNED: "connect-card-status-signed",
  REJECTED: "connect-card-status-rejected",
};

/** A status in a sentence ("в работе"), for the answers to staff and /requests. */
export const statusWordKey: Record<RequestStatus, string> = {
  NEW: "connect-staff-status-new",
  IN_PROGRESS: "connect-staff-status-in-progress",
  SIGNED: "connect-staff-status-signed",
  REJECTED: "connect-staff-status-rejected",
};

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
  const button = (action: keyof typeof requestActions) =>
    requestButton.pack({ requestId: request.id, action });
  const keyboard = new InlineKeyboard();
  if (canChange(request.status, "IN_PROGRESS"))
    keyboard.text(t("connect-card-work"), button("work"));
  if (canChange(request.status, "SIGNED"))
    keyboard.text(t("connect-card-signed"), button("signed")).row();
  if (canChange(request.status, "REJECTED"))
    keyboard.text(t("connect-card-reject"), button("reject"));
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
