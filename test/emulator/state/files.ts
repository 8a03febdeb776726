import { randomBytes } from "node:crypto";

export type FileKind = "photo" | "document" | "sticker" | "voice" | "video" | "audio" | "animation";

export interface StoredFile {
  readonly fileId: string;
  readonly fileUniqueId: string;
  readonly kind: FileKind;
  /** Where `getFile` says it is, relative to `/file/bot<token>/`. */
  readonly path: string;
  readonly data?: Buffer;
  readonly fileName?: string;
  readonly mimeType?: string;
}

const EXTENSIONS: Record<FileKind, string> = {
  photo: "jpg",
  document: "dat",
  sticker: "webp",
  voice: "ogg",
  video: "mp4",
  audio: "mp3",
  animation: "mp4",
};

/** Files uploaded by the bot or sent by users, addressable by file_id. */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private count = 0;

  add(file: { kind: FileKind; data?: Buffer; fileName?: string; mimeType?: string }): StoredFile {
    this.count++;
    const stored: StoredFile = {
      ...file,
      fileId: `EMU${file.kind[0]?.toUpperCase()}${this.count}_${randomBytes(18).toString("base64url")}`,
      fileUniqueId: `AQAD${this.count.toString(36).padStart(6, "0")}`,
      path: `${file.kind}s/file_${this.count}.${file.fileName?.split(".").pop() ?? EXTENSIONS[file.kind]}`,
    };
    this.byId.set(stored.fileId, stored);
    return stored;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  byPath(path: string): StoredFile | undefined {
    for (const file of this.byId.values()) if (file.path === path) return file;
    return undefined;
  }
}
