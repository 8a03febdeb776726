import type { ApiResponse } from "./call-log.ts";

export type BodyFormat = "json" | "form" | "multipart";

/** A file part for a multipart call. */
export interface FilePart {
  filename: string;
  content: string | Buffer;
}

/**
 * Calls the emulator over HTTP without grammY, for tests of the API itself.
 * Objects are JSON-encoded in form and multipart bodies, as Bot API clients do.
 */
export async function callApi(
  target: { apiRoot: string; token: string },
  method: string,
  params: Record<string, unknown> = {},
  format: BodyFormat = "json",
): Promise<{ status: number; body: ApiResponse }> {
  const url = `${target.apiRoot}/bot${target.token}/${method}`;
  const response = await fetch(url, { method: "POST", ...encode(params, format) });
  return { status: response.status, body: (await response.json()) as ApiResponse };
}

function encode(params: Record<string, unknown>, format: BodyFormat): RequestInit {
  if (format === "json") {
    return { headers: { "content-type": "application/json" }, body: JSON.stringify(params) };
  }
  if (format === "form") {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) form.set(key, fieldValue(value));
    return { body: form };
  }
  const form = new FormData();
  for (const [key, value] of Object.entries(params)) {
    if (isFilePart(value)) form.set(key, new Blob([Buffer.from(value.content)]), value.filename);
    else form.set(key, fieldValue(value));
  }
  return { body: form };
}

function fieldValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function isFilePart(value: unknown): value is FilePart {
  return typeof value === "object" && value !== null && "filename" in value && "content" in value;
}
