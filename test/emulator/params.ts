import { type BotApiError, badRequest } from "./api-error.ts";
import { isUploadedFile, type UploadedFile } from "./http/multipart.ts";
import type { RawParams } from "./http/request-params.ts";

/**
 * Typed, Telegram-tolerant access to a request's parameters: numbers and
 * booleans may arrive as strings, objects as JSON strings (forms, multipart).
 * Every typed reading is remembered so the call log shows real types.
 */
export class Params {
  private readonly readings = new Map<string, unknown>();

  constructor(private readonly raw: RawParams) {}

  /** The raw parameters, with every value a method read replaced by its typed reading. */
  toLog(): Record<string, unknown> {
    return { ...this.raw, ...Object.fromEntries(this.readings) };
  }

  /** Whether the parameter was given; Telegram treats an empty string as absent. */
  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null && value !== "";
  }

  string(name: string): string | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return this.remember(name, text);
  }

  integer(name: string): number | undefined {
    if (!this.has(name)) return undefined;
    const value = Number(this.raw[name]);
    if (!Number.isSafeInteger(value)) throw badRequest(`invalid ${name} specified`);
    return this.remember(name, value);
  }

  number(name: string): number | undefined {
    if (!this.has(name)) return undefined;
    const value = Number(this.raw[name]);
    if (!Number.isFinite(value)) throw badRequest(`invalid ${name} specified`);
    return this.remember(name, value);
  }

  boolean(name: string): boolean {
    if (!this.has(name)) return false;
    const value = this.raw[name];
    return this.remember(name, value === true || value === "true" || value === 1 || value === "1");
  }

  /** A chat identifier: an integer, or a public `@username`. */
  chatId(name = "chat_id"): number | string | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (typeof value === "string" && value.startsWith("@")) return this.remember(name, value);
    const id = Number(value);
    return this.remember(name, Number.isSafeInteger(id) ? id : String(value));
  }

  /**
   * An object or array parameter (JSON or a JSON string). Its shape is the
   * caller's to check: `T` only names what the caller expects to find.
   */
  json<T>(name: string, invalid: () => BotApiError): T | undefined {
    if (!this.has(name)) return undefined;
    let value = this.raw[name];
    if (typeof value === "string") {
      try {
        value = JSON.parse(value);
      } catch {
        throw invalid();
      }
    }
    if (typeof value !== "object" || value === null) throw invalid();
    return this.remember(name, value as T);
  }

  /**
   * A file parameter: a file_id or URL string, or an upload, either in the
   * field itself or in the field an `attach://<name>` string points to.
   */
  file(name: string): string | UploadedFile | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (isUploadedFile(value)) return value;
    const reference = String(value);
    if (!reference.startsWith("attach://")) return this.remember(name, reference);
    const attached = this.raw[reference.slice("attach://".length)];
    if (!isUploadedFile(attached)) throw badRequest(`can't find attached file "${reference}"`);
    return attached;
  }

  private remember<T>(name: string, value: T): T {
    this.readings.set(name, value);
    return value;
  }
}
