import type { File, Message } from "grammy/types";
import { badRequest, fail } from "../api-error.ts";
import { isUploadedFile } from "../http/multipart.ts";
import { readReplyMarkup } from "../markup/reply-markup.ts";
import type { Params } from "../params.ts";
import type { FileKind, StoredFile } from "../state/files.ts";
import type { MessageContent, World } from "../state/world.ts";
import type { ApiContext, MethodTable } from "./context.ts";
import { postBotMessage, readCaption, readPlacement, readSendOptions } from "./outgoing.ts";

/** How each kind of file appears in a message. */
const CONTENT: Record<FileKind, (file: StoredFile, params: Params) => MessageContent> = {
  photo: (file) => ({
    photo: [{ ...ids(file), width: 1280, height: 960, ...size(file) }],
  }),
  document: (file) => ({ document: { ...ids(file), ...named(file), ...size(file) } }),
  sticker: (file) => ({
    sticker: {
      ...ids(file),
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      ...size(file),
    },
  }),
  voice: (file, params) => ({
    voice: { ...ids(file), duration: params.integer("duration") ?? 1, ...size(file) },
  }),
  audio: (file, params) => ({
    audio: {
      ...ids(file),
      duration: params.integer("duration") ?? 1,
      ...named(file),
      ...size(file),
    },
  }),
  video: (file, params) => ({
    video: {
      ...ids(file),
      width: params.integer("width") ?? 1280,
      height: params.integer("height") ?? 720,
      duration: params.integer("duration") ?? 1,
      ...named(file),
      ...size(file),
    },
  }),
  animation: (file, params) => ({
    animation: {
      ...ids(file),
      width: params.integer("width") ?? 320,
      height: params.integer("height") ?? 240,
      duration: params.integer("duration") ?? 1,
      ...named(file),
      ...size(file),
    },
  }),
};

/** sendPhoto, sendDocument and the other single-file send methods; getFile. */
export const mediaMethods: MethodTable = {
  sendPhoto: (ctx) => sendMedia(ctx, "photo"),
  sendDocument: (ctx) => sendMedia(ctx, "document"),
  sendSticker: (ctx) => sendMedia(ctx, "sticker"),
  sendVoice: (ctx) => sendMedia(ctx, "voice"),
  sendAudio: (ctx) => sendMedia(ctx, "audio"),
  sendVideo: (ctx) => sendMedia(ctx, "video"),
  sendAnimation: (ctx) => sendMedia(ctx, "animation"),

  getFile: ({ params, world }): File => {
    const fileId = params.string("file_id") ?? fail(badRequest("invalid file_id"));
    const file = world.files.get(fileId) ?? fail(badRequest("invalid file_id"));
    return {
      file_id: file.fileId,
      file_unique_id: file.fileUniqueId,
      ...size(file),
      file_path: file.path,
    };
  },
};

function sendMedia({ params, world }: ApiContext, kind: FileKind): Message {
  const caption = kind === "sticker" ? {} : readCaption(params, world);
  const markup = readReplyMarkup(params);
  const file = readInputFile(params, world, kind);
  const chat = world.resolveChat(params.chatId(), "write");
  const content: MessageContent = {
    ...CONTENT[kind](file, params),
    ...caption,
    ...(params.boolean("has_spoiler") ? { has_media_spoiler: true } : {}),
    ...(params.boolean("show_caption_above_media") ? { show_caption_above_media: true } : {}),
    ...readSendOptions(params),
  };
  return postBotMessage(world, chat, content, readPlacement(params, chat), markup);
}

/** An upload becomes a new file; a URL is taken on trust; a file_id must exist and be of the kind. */
function readInputFile(params: Params, world: World, kind: FileKind): StoredFile {
  const input = params.file(kind) ?? fail(badRequest(`there is no ${kind} in the request`));
  if (isUploadedFile(input)) {
    return world.files.add({
      kind,
      data: input.data,
      fileName: input.filename,
      mimeType: input.mimeType,
    });
  }
  if (/^https?:\/\//i.test(input)) {
    const fileName = new URL(input).pathname.split("/").pop() || undefined;
    return world.files.add({ kind, ...(fileName === undefined ? {} : { fileName }) });
  }
  const stored =
    world.files.get(input) ?? fail(badRequest("wrong file identifier/HTTP URL specified"));
  // Any file can be resent as a document; other kinds must match.
  if (stored.kind !== kind && kind !== "document") throw badRequest("type of file mismatch");
  return stored;
}

function ids(file: StoredFile) {
  return { file_id: file.fileId, file_unique_id: file.fileUniqueId };
}

function size(file: StoredFile): { file_size?: number } {
  return file.data === undefined ? {} : { file_size: file.data.length };
}

function named(file: StoredFile): { file_name?: string; mime_type?: string } {
  return {
    ...(file.fileName === undefined ? {} : { file_name: file.fileName }),
    ...(file.mimeType === undefined ? {} : { mime_type: file.mimeType }),
  };
}
