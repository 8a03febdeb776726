// /announce in the staff chat: a member writes `/announce <text>` (or answers a message with
// /announce); the bot shows the announcement exactly as subscribers will see it, how many each
// audience reaches, and buttons to send it to those with news on, to everyone, or to cancel. Only
// members of the staff chat may start or confirm one (bot/chat-membership.ts, checked each time). Once
// confirmed, this process sends it through the outbox (one sender at a time across instances) and
// edits the control message with the progress and, at the end, the report.
import { setTimeout as sleep } from "node:timers/promises";
import { type Api, Composer, InlineKeyboard } from "grammy";
import type { Message, MessageEntity } from "grammy/types";
import { localJobLock, redisJobLock } from "../../core/jobs/lock.ts";
import {
  type AnnouncementProgress,
  announcementText,
  confirmAnnouncement,
  countAudiences,
  draftAnnouncement,
  findAnnouncement,
  progressOf,
  recordControlMessage,
} from "../../core/notify/announcements.ts";
import { createDeliverer } from "../../core/notify/single-sender.ts";
import { BackgroundTasks } from "../background.ts";
import { buttonFamily, idField, onButton, oneOfField } from "../buttons.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDateTime } from "../format.ts";
import { createNotifier } from "../telegram-notifier.ts";
import { type StaffDeps, staffMembership, staffName, staffText } from "./staff-chat.ts";

const progressEveryMs = 5000;

/** The preview's buttons: `ann:<id>:<news|all|cancel>`. */
const choiceButton = buttonFamily("ann", {
  announcementId: idField(),
  choice: oneOfField(["news", "all", "cancel"]),
});

/** The text after the command with its formatting, or the text of the message it answers. */
function announcementOf(message: Message): { text: string; entities: MessageEntity[] } {
  const own = message.text ?? "";
  const command = message.entities?.find((entity) => entity.type === "bot_command");
  const after = command ? own.slice(command.offset + command.length) : "";
  if (after.trim() === "" && message.reply_to_message) {
    const source = message.reply_to_message;
    return {
      text: source.text ?? source.caption ?? "",
      entities: source.entities ?? source.caption_entities ?? [],
    };
  }
  const start = command
    ? command.offset + command.length + (after.length - after.trimStart().length)
    : 0;
  const text = own.slice(start).trimEnd();
  const entities = (message.entities ?? [])
    .filter((entity) => entity.type !== "bot_command" && entity.offset >= start)
    .filter((entity) => entity.offset + entity.length <= start + text.length)
    .map((entity) => ({ ...entity, offset: entity.offset - start }));
  return { text, entities };
}

export function staffAnnounceFeature(deps: StaffDeps & Pick<BotDeps, "redis" | "background">) {
  const { db, config, logger, i18n } = deps;
  const t = staffText(deps);
  const feature = new Composer<BotContext>();
  const chatId = config.staffChatId;
  if (chatId === undefined) return feature;
  const staffChat = feature.filter((ctx) => ctx.chat?.id === chatId);
  const isStaff = staffMembership(deps, chatId);
  const lock = deps.redis ? redisJobLock(deps.redis) : localJobLock();
  const background = deps.background ?? new BackgroundTasks();

  const progressText = (progress: AnnouncementProgress, by: string) =>
    t(progress.left > 0 ? "announce-sending" : "announce-done", {
      id: String(progress.id),
      audience: t(progress.audience === "ALL" ? "announce-audience-all" : "announce-audience-news"),
      recipients: progress.recipients,
      sent: progress.sent,
      failed: progress.failed,
      unconfirmed: progress.unconfirmed,
      left: progress.left,
      by,
    });

  /** Sends the outbox (or follows the process that does), showing the announcement's progress. */
  async function deliverAndReport(
    api: Api,
    id: number,
    messageId: number,
    by: string,
    signal: AbortSignal,
  ) {
    const show = async () => {
      const progress = await progressOf(db, id);
      await api
        .editMessageText(chatId as number, messageId, progressText(progress, by))
        .catch((error: unknown) =>
          logger.warn({ err: error, id }, "announcement progress not shown"),
        );
      return progress;
    };
    let shownAt = Date.now();
    const deliver = createDeliverer(db, lock, {
      notifier: createNotifier({ api, i18n, logger, config }),
      concurrency: config.delivery.concurrency,
      signal,
    });
    await deliver({
      onProgress: () => {
        if (Date.now() - shownAt < progressEveryMs) return;
        shownAt = Date.now();
        show().catch(() => {});
      },
    });
    // Whoever sends it (this process, or another instance holding the lock), the report waits for it.
    while ((await show()).left > 0 && !signal.aborted) {
      await sleep(progressEveryMs, undefined, { signal }).catch(() => {});
    }
  }

  staffChat.command("announce", async (ctx) => {
    if (!ctx.from || !(await isStaff(ctx))) {
      await ctx.reply(t("announce-staff-only"));
      return;
    }
    const { text, entities } = announcementOf(ctx.msg);
    if (!announcementText.safeParse(text).success) {
      await ctx.reply(t("announce-how"));
      return;
    }
    const id = await draftAnnouncement(db, {
      text,
      entities: entities.length > 0 ? entities : null,
      createdBy: staffName(ctx.from),
    });
    const audiences = await countAudiences(db);
    await ctx.reply(text, entities.length > 0 ? { entities } : {});
    await ctx.reply(
      t("announce-preview", { id: String(id), news: audiences.NEWS_OPT_IN, all: audiences.ALL }),
      {
        reply_markup: new InlineKeyboard()
          .text(
            t("announce-send-news", { count: audiences.NEWS_OPT_IN }),
            choiceButton.pack({ announcementId: id, choice: "news" }),
          )
          .row()
          .text(
            t("announce-send-all", { count: audiences.ALL }),
            choiceButton.pack({ announcementId: id, choice: "all" }),
          )
          .row()
          .text(t("announce-cancel"), choiceButton.pack({ announcementId: id, choice: "cancel" })),
      },
    );
  });

  onButton(staffChat, choiceButton, async (ctx, { announcementId: id, choice }) => {
    if (!(await isStaff(ctx))) {
      await ctx.answerCallbackQuery({ text: t("announce-staff-only"), show_alert: true });
      return;
    }
    const messageId = ctx.callbackQuery.message?.message_id;
    const draft = await findAnnouncement(db, id);
    if (!draft || messageId === undefined) {
      await ctx.answerCallbackQuery(t("button-outdated"));
      return;
    }
    if (choice === "cancel") {
      await ctx.answerCallbackQuery();
      if (!draft.confirmedAt)
        await ctx.editMessageText(t("announce-cancelled", { id: String(id) }));
      return;
    }
    const by = staffName(ctx.from);
    const result = await confirmAnnouncement(db, {
      id,
      audience: choice === "all" ? "ALL" : "NEWS_OPT_IN",
      confirmedBy: by,
      timeZone: config.timeZone,
    });
    if (result.outcome === "not-found") {
      await ctx.answerCallbackQuery(t("button-outdated"));
      return;
    }
    if (result.outcome === "already-sent") {
      await ctx.answerCallbackQuery({
        text: t("announce-already-sent", {
          id: String(result.progress.id),
          at: formatDateTime(result.confirmedAt, config.timeZone),
        }),
        show_alert: true,
      });
      return;
    }
    await ctx.answerCallbackQuery();
    await recordControlMessage(db, result.progress.id, { chatId, messageId });
    await ctx.editMessageText(progressText(result.progress, by));
    // Not awaited: one chat's updates wait for each other, and a large announcement takes minutes.
    const { api } = ctx;
    const announcementId = result.progress.id;
    background.run(
      (signal) => deliverAndReport(api, announcementId, messageId, by, signal),
      (error) => logger.error({ err: error, id: announcementId }, "announcement delivery failed"),
    );
  });

  return feature;
}
