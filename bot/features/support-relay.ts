// The relay between a subscriber's private chat and their ticket's topic in the agents' group:
// each message copied (copyMessage) to the other side and recorded with its copy, so a reply is
// relayed as a reply to the counterpart and an edit as an edit of the copy.
import type { I18n } from "@grammyjs/i18n";
import { type Api, GrammyError, type InlineKeyboard } from "grammy";
import type { Message, MessageEntity, ReplyParameters } from "grammy/types";
import { billingDayAt } from "../../core/billing/calendar.ts";
import { getSubscriberCard, topicName } from "../../core/support/card.ts";
import {
  findCounterpart,
  findTicket,
  recordMessage,
  setTopic,
  type Ticket,
} from "../../core/support/tickets.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { localeOf } from "../i18n.ts";
import { lengthLimits, splitText } from "../length-limits.ts";
import { renderCard } from "./support-card.ts";

/** Message kinds copyMessage carries over and a person would send. */
const relayable = [
  "text",
  "photo",
  "document",
  "voice",
  "audio",
  "video",
  "video_note",
  "animation",
  "sticker",
  "location",
  "venue",
  "contact",
] as const;

export const isRelayable = (message: Message) =>
  relayable.some((kind) => message[kind] !== undefined);

/** What kind of relayable message it is ("photo"), for a message without text. */
export const relayableKind = (message: Message): string =>
  relayable.find((kind) => message[kind] !== undefined) ?? "message";

/** The message a topic message replies to, unless it is only the topic's own first message. */
function repliedTo(message: Message): number | undefined {
  const replied = message.reply_to_message?.message_id;
  return replied === undefined || replied === message.message_thread_id ? undefined : replied;
}

/** What Telegram answers for a message to a topic that no longer exists. */
const topicGone = /thread not found|TOPIC_DELETED|TOPIC_ID_INVALID/i;

export const isTopicGone = (error: unknown) =>
  error instanceof GrammyError && topicGone.test(error.description);

/** Texts in the agents' group are in Russian, whoever triggered them. */
const staffLocale = "ru";

export type Relay = ReturnType<typeof createRelay>;

export function createRelay(
  deps: Pick<BotDeps, "db" | "billing" | "config" | "logger"> & { i18n: I18n<BotContext> },
  supportChatId: number,
) {
  const { db, billing, config, logger, i18n } = deps;
  const staff = (key: string, variables?: Record<string, string | number>) =>
    i18n.t(staffLocale, key, variables);

  const today = () => billingDayAt(new Date(), config.timeZone);

  async function replyParameters(
    side: "subscriber" | "agent",
    chatId: number,
    repliedId: number | undefined,
  ): Promise<ReplyParameters | undefined> {
    if (repliedId === undefined) return undefined;
    const pair = await findCounterpart(db, side, chatId, repliedId);
    const target = side === "subscriber" ? pair?.agentMessageId : pair?.subscriberMessageId;
    return target ? { message_id: target, allow_sending_without_reply: true } : undefined;
  }

  /** Sends a fresh subscriber card to the ticket's topic. */
  async function postCard(api: Api, ticket: Ticket & { topicId: number }) {
    const card = await getSubscriberCard(db, billing, ticket.id, today());
    const { text, reply_markup } = renderCard(staff, card, config.timeZone, {
      invoices: config.paymentProviderToken !== undefined,
    });
    await api.sendMessage(supportChatId, text, {
      message_thread_id: ticket.topicId,
      reply_markup,
    });
  }

  /** The ticket's topic: created with the card on first use. */
  async function ensureTopic(api: Api, ticket: Ticket): Promise<Ticket & { topicId: number }> {
    if (ticket.topicId !== null) return { ...ticket, topicId: ticket.topicId };
    const card = await getSubscriberCard(db, billing, ticket.id, today());
    const { firstName, lastName } = card.telegram;
    const name = card.account?.name ?? [firstName, lastName].filter(Boolean).join(" ");
    const topic = await api.createForumTopic(
      supportChatId,
      topicName({
        ticketId: ticket.id,
        name,
        login: card.account?.login ?? null,
        unlinked: staff("support-topic-unlinked"),
      }),
    );
    await setTopic(db, ticket.id, topic.message_thread_id);
    const opened = { ...ticket, topicId: topic.message_thread_id };
    await postCard(api, opened);
    return opened;
  }

  /**
   * Sends something into the ticket's topic. A topic the agents deleted is replaced by a new one,
   * with a fresh card, and the send tried there once more; the ticket comes back with the topic
   * that was used.
   */
  async function sendInTopic<T>(
    api: Api,
    ticket: Ticket & { topicId: number },
    send: (topicId: number) => Promise<T>,
  ): Promise<{ sent: T; ticket: Ticket & { topicId: number } }> {
    try {
      return { sent: await send(ticket.topicId), ticket };
    } catch (error) {
      if (!isTopicGone(error)) throw error;
      logger.warn({ ticketId: ticket.id, topicId: ticket.topicId }, "ticket topic gone: a new one");
      const replaced = await ensureTopic(api, { ...ticket, topicId: null });
      return { sent: await send(replaced.topicId), ticket: replaced };
    }
  }

  /**
   * A subscriber's message into the topic, replying to the counterpart of what it replies to. A
   * topic the agents deleted is replaced by a new one, with a fresh card.
   */
  async function toAgents(api: Api, ticket: Ticket, message: Message): Promise<void> {
    const reply = await replyParameters("subscriber", message.chat.id, repliedTo(message));
    const copyTo = async (topicId: number) =>
      api.copyMessage(supportChatId, message.chat.id, message.message_id, {
        message_thread_id: topicId,
        ...(reply ? { reply_parameters: reply } : {}),
      });
    const { sent: copy } = await sendInTopic(api, await ensureTopic(api, ticket), copyTo);
    await recordMessage(db, {
      ticketId: ticket.id,
      direction: "FROM_SUBSCRIBER",
      subscriberChatId: message.chat.id,
      subscriberMessageId: message.message_id,
      agentChatId: supportChatId,
      agentMessageId: copy.message_id,
    });
  }

  /**
   * An agent's message to the subscriber. A subscriber who blocked the bot (now or before) gets
   * nothing more: the agent sees "not delivered" under the message, and no send is retried.
   */
  async function toSubscriber(api: Api, ticket: Ticket, message: Message): Promise<void> {
    const record = (subscriberMessageId: number | null, delivered: boolean) =>
      recordMessage(db, {
        ticketId: ticket.id,
        direction: "FROM_AGENT",
        subscriberChatId: ticket.chatId,
        subscriberMessageId,
        agentChatId: supportChatId,
        agentMessageId: message.message_id,
        delivered,
      });
    const notDelivered = async (key: string) => {
      await record(null, false);
      await api.sendMessage(supportChatId, staff(key), {
        message_thread_id: message.message_thread_id,
        reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
      });
    };
    if (!ticket.reachable) return notDelivered("support-agent-not-delivered");
    const reply = await replyParameters("agent", supportChatId, repliedTo(message));
    try {
      const copy = await api.copyMessage(ticket.chatId, supportChatId, message.message_id, {
        ...(reply ? { reply_parameters: reply } : {}),
      });
      await record(copy.message_id, true);
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error;
      logger.warn({ err: error, ticketId: ticket.id }, "agent message not delivered");
      await notDelivered(
        error.error_code === 403 ? "support-agent-not-delivered" : "support-agent-failed",
      );
    }
  }

  /**
   * An edited message: its copy is edited the same way. Where Telegram cannot edit the copy (it
   * was deleted, it is too old, a kind with nothing to edit), the new version goes as a marked
   * correction replying to it: the text, or a copy of the message with the caption marked. A
   * live location's moves are not relayed. False when the message was never relayed.
   */
  async function relayEdit(
    api: Api,
    side: "subscriber" | "agent",
    message: Message,
  ): Promise<boolean> {
    const pair = await findCounterpart(db, side, message.chat.id, message.message_id);
    const original = side === "subscriber" ? pair?.subscriberMessageId : pair?.agentMessageId;
    const copyId = side === "subscriber" ? pair?.agentMessageId : pair?.subscriberMessageId;
    if (!pair || original !== message.message_id || !copyId) return false;
    const ticket = await findTicket(db, pair.ticketId);
    if (!ticket) return false;
    if (side === "agent" && !ticket.reachable) return true;
    if (message.location !== undefined) return true;
    const target =
      side === "subscriber"
        ? { chatId: supportChatId, threadId: ticket.topicId ?? undefined, language: staffLocale }
        : { chatId: ticket.chatId, threadId: undefined, language: localeOf(ticket.languageCode) };
    try {
      if (message.text !== undefined) {
        await api.editMessageText(target.chatId, copyId, message.text, {
          ...(message.entities ? { entities: message.entities } : {}),
        });
        return true;
      }
      if (message.caption !== undefined) {
        await api.editMessageCaption(target.chatId, copyId, {
          caption: message.caption,
          ...(message.caption_entities ? { caption_entities: message.caption_entities } : {}),
        });
        return true;
      }
    } catch (error) {
      if (!(error instanceof GrammyError) || error.error_code === 403) throw error;
      logger.info({ err: error, copyId }, "edit relayed as a correction");
    }
    const correction = i18n.t(target.language, "support-correction");
    const where = {
      ...(target.threadId ? { message_thread_id: target.threadId } : {}),
      reply_parameters: { message_id: copyId, allow_sending_without_reply: true },
    };
    const marked = (text: string, entities: MessageEntity[] = []) => ({
      text: `${correction}\n${text}`,
      entities: entities.map((entity) => ({
        ...entity,
        offset: entity.offset + correction.length + 1,
      })),
    });
    if (message.text !== undefined) {
      // A long text goes in parts; the first replies to the copy, the others follow it.
      const { text, entities } = marked(message.text, message.entities);
      for (const [index, part] of splitText(text, lengthLimits.text, entities).entries())
        await api.sendMessage(target.chatId, part.text, {
          ...(index === 0 ? where : { message_thread_id: where.message_thread_id }),
          ...(part.entities.length > 0 ? { entities: part.entities } : {}),
        });
      return true;
    }
    const caption =
      message.caption === undefined
        ? { text: correction, entities: [] }
        : marked(message.caption, message.caption_entities);
    if (caption.text.length > lengthLimits.caption) {
      // No room for the mark in the caption: it goes just before the new version.
      await api.sendMessage(target.chatId, correction, where);
      await api.copyMessage(target.chatId, message.chat.id, message.message_id, where);
      return true;
    }
    await api.copyMessage(target.chatId, message.chat.id, message.message_id, {
      ...where,
      caption: caption.text,
      ...(caption.entities.length > 0 ? { caption_entities: caption.entities } : {}),
    });
    return true;
  }

  /** A closed ticket the subscriber came back to: its topic opens again, and agents are told. */
  async function reopenTopic(api: Api, ticket: Ticket): Promise<void> {
    if (ticket.topicId === null) return;
    await setTopicClosed(api, ticket.topicId, false);
    await api.sendMessage(supportChatId, staff("support-agent-wrote-again"), {
      message_thread_id: ticket.topicId,
    });
  }

  /** Tells the subscriber in their language; false when they cannot be reached. */
  async function tellSubscriber(
    api: Api,
    ticket: Ticket,
    key: string,
    extra: { reply_markup?: InlineKeyboard } = {},
  ): Promise<boolean> {
    if (!ticket.reachable) return false;
    try {
      await api.sendMessage(
        ticket.chatId,
        i18n.t(localeOf(ticket.languageCode), key, { ticket: String(ticket.id) }),
        extra,
      );
      return true;
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 403) return false;
      throw error;
    }
  }

  async function setTopicClosed(api: Api, threadId: number, closed: boolean) {
    try {
      if (closed) await api.closeForumTopic(supportChatId, threadId);
      else await api.reopenForumTopic(supportChatId, threadId);
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error;
      logger.warn({ err: error, threadId }, "forum topic not closed or reopened");
    }
  }

  return {
    staff,
    tellSubscriber,
    setTopicClosed,
    ensureTopic,
    sendInTopic,
    postCard,
    toAgents,
    toSubscriber,
    relayEdit,
    reopenTopic,
  };
}
