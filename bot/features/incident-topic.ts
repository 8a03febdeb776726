// Agents in an incident's topic: a message there is an answer to every attached subscriber, sent
// only after the agent confirms with a button that says how many it reaches (a typo to hundreds
// cannot be taken back). Internal notes (starting with //) and commands stay in the group.
import type { I18n } from "@grammyjs/i18n";
import { Composer, InlineKeyboard } from "grammy";
import {
  draftIncidentReply,
  dropIncidentReply,
  sendIncidentReply,
} from "../../core/incidents/attached.ts";
import { findIncidentByTopic } from "../../core/incidents/incidents.ts";
import { buttonFamily, idField, onButton, oneOfField } from "../buttons.ts";
import { chatMembership } from "../chat-membership.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { outboxFlush } from "../outbox-flush.ts";
import type { IncidentDesk } from "./incident-desk.ts";
import { staffName } from "./staff-chat.ts";
import { nonAgentRefusal } from "./support-agents.ts";

/** `incr:<reply id>:<send|drop>`: the confirm under an agent's answer to all. */
const replyButton = buttonFamily("incr", {
  replyId: idField(),
  choice: oneOfField(["send", "drop"]),
});

export function incidentTopicFeature(
  deps: Pick<BotDeps, "db" | "config" | "logger" | "redis" | "background"> & {
    i18n: I18n<BotContext>;
  },
  desk: IncidentDesk,
  supportChatId: number,
) {
  const { db, config, logger } = deps;
  const t = desk.staff;
  const isAgent = chatMembership(supportChatId, logger, config.membershipCheckTimeoutMs);
  const refuseNonAgent = nonAgentRefusal(isAgent, t);
  const flush = outboxFlush(deps);
  const feature = new Composer<BotContext>();
  const group = feature.filter((ctx) => ctx.chat?.id === supportChatId);

  group.on("message", async (ctx, next) => {
    const message = ctx.message;
    const threadId = message.is_topic_message ? message.message_thread_id : undefined;
    const incident = threadId === undefined ? null : await findIncidentByTopic(db, threadId);
    if (!incident || threadId === undefined) return next();
    const text = message.text ?? message.caption ?? "";
    if (text.startsWith("/") || text.startsWith("//") || message.from.is_bot) return;
    if ((await isAgent(ctx)) !== true) return;
    const reply = {
      message_thread_id: threadId,
      reply_parameters: { message_id: message.message_id },
    };
    if (incident.status !== "OPEN") {
      await ctx.api.sendMessage(
        supportChatId,
        t("incident-reply-closed", { id: String(incident.id) }),
        reply,
      );
      return;
    }
    if (text.trim() === "" || message.text === undefined) {
      await ctx.api.sendMessage(supportChatId, t("incident-reply-text-only"), reply);
      return;
    }
    const draft = await draftIncidentReply(db, {
      incidentId: incident.id,
      text,
      agent: staffName(message.from),
      agentMessageId: message.message_id,
    });
    await ctx.api.sendMessage(
      supportChatId,
      t("incident-reply-confirm", { id: String(incident.id), count: draft.recipients }),
      {
        ...reply,
        reply_markup: new InlineKeyboard()
          .text(
            t("incident-reply-send", { count: draft.recipients }),
            replyButton.pack({ replyId: draft.id, choice: "send" }),
          )
          .text(t("incident-reply-drop"), replyButton.pack({ replyId: draft.id, choice: "drop" })),
      },
    );
  });

  onButton(group, replyButton, async (ctx, { replyId, choice }) => {
    if (await refuseNonAgent(ctx)) return;
    if (choice === "drop") {
      await dropIncidentReply(db, replyId);
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(t("incident-reply-dropped"));
      return;
    }
    const result = await sendIncidentReply(db, {
      replyId,
      by: staffName(ctx.from),
      timeZone: config.timeZone,
    });
    if (result.outcome === "not-found") {
      await ctx.answerCallbackQuery(t("button-outdated"));
      return;
    }
    if (result.outcome === "already") {
      await ctx.answerCallbackQuery({
        text: t("incident-reply-already", { count: result.recipients }),
        show_alert: true,
      });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(
      t("incident-reply-sent", { count: result.recipients, by: staffName(ctx.from) }),
    );
    flush(ctx.api);
  });

  return feature;
}
