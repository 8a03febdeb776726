import type { Location, Message, Venue } from "grammy/types";
import { badRequest, fail } from "../api-error.ts";
import { readReplyMarkup } from "../markup/reply-markup.ts";
import type { Params } from "../params.ts";
import type { MessageContent } from "../state/world.ts";
import type { ApiContext, MethodTable } from "./context.ts";
import {
  checkTextLength,
  postBotMessage,
  readLinkPreview,
  readMessageText,
  readPlacement,
  readSendOptions,
  textFields,
} from "./outgoing.ts";

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

/** sendMessage, sendLocation, sendVenue, sendContact, sendChatAction. */
export const messageMethods: MethodTable = {
  sendMessage: ({ params, world }) => {
    // Telegram parses the text and the markup before it looks the chat up.
    const text = readMessageText(params, world);
    const markup = readReplyMarkup(params);
    const chat = world.resolveChat(params.chatId(), "write");
    checkTextLength(text);
    const linkPreview = readLinkPreview(params);
    return postBotMessage(
      world,
      chat,
      {
        ...textFields(text),
        ...(linkPreview === undefined ? {} : { link_preview_options: linkPreview }),
        ...readSendOptions(params),
      },
      readPlacement(params, chat),
      markup,
    );
  },

  sendLocation: (ctx) => sendContent(ctx, { location: readLocation(ctx.params) }),

  sendVenue: (ctx) => {
    const { params } = ctx;
    const location = readLocation(params);
    const venue: Venue = {
      location,
      title: params.string("title") ?? fail(badRequest("venue title is empty")),
      address: params.string("address") ?? fail(badRequest("venue address is empty")),
    };
    for (const field of [
      "foursquare_id",
      "foursquare_type",
      "google_place_id",
      "google_place_type",
    ] as const) {
      const value = params.string(field);
      if (value !== undefined) venue[field] = value;
    }
    return sendContent(ctx, { venue, location });
  },

  sendContact: (ctx) => {
    const { params } = ctx;
    const phone = params.string("phone_number") ?? fail(badRequest("phone number is empty"));
    const firstName = params.string("first_name") ?? fail(badRequest("first name is empty"));
    const lastName = params.string("last_name");
    const vcard = params.string("vcard");
    return sendContent(ctx, {
      contact: {
        phone_number: phone,
        first_name: firstName,
        ...(lastName === undefined ? {} : { last_name: lastName }),
        ...(vcard === undefined ? {} : { vcard }),
      },
    });
  },

  sendChatAction: ({ params, world }) => {
    const chat = world.resolveChat(params.chatId(), "write");
    const action = params.string("action") ?? fail(badRequest("action is empty"));
    if (!CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
    const threadId = params.integer("message_thread_id");
    chat.actions.push({
      action,
      time: world.now(),
      ...(threadId === undefined ? {} : { threadId }),
    });
    world.changes.notify();
    return true;
  },
};

/** The common path of send methods whose content needs no text parsing. */
function sendContent({ params, world }: ApiContext, content: MessageContent): Message {
  const markup = readReplyMarkup(params);
  const chat = world.resolveChat(params.chatId(), "write");
  return postBotMessage(
    world,
    chat,
    { ...content, ...readSendOptions(params) },
    readPlacement(params, chat),
    markup,
  );
}

function readLocation(params: Params): Location {
  const latitude = params.number("latitude") ?? fail(badRequest("latitude is empty"));
  const longitude = params.number("longitude") ?? fail(badRequest("longitude is empty"));
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) throw badRequest("wrong coordinates");
  const location: Location = { latitude, longitude };
  for (const field of [
    "horizontal_accuracy",
    "live_period",
    "heading",
    "proximity_alert_radius",
  ] as const) {
    const value = params.number(field);
    if (value !== undefined) location[field] = value;
  }
  return location;
}
