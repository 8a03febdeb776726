import type { IncomingMessage } from "node:http";
import { parseMultipart } from "./multipart.ts";

/**
 * Parameters of one Bot API request as they arrived: JSON values from a JSON
 * body, strings from a query string or a form, `UploadedFile`s from multipart.
 */
export type RawParams = Record<string, unknown>;

export async function readRequestParams(req: IncomingMessage, url: URL): Promise<RawParams> {
  const params: RawParams = Object.fromEntries(url.searchParams);
  const body = await readBody(req);
  if (body.length === 0) return params;
  const contentType = req.headers["content-type"] ?? "";
  if (contentType.includes("application/json")) {
    const json: unknown = JSON.parse(body.toString("utf8"));
    if (typeof json === "object" && json !== null && !Array.isArray(json)) {
      Object.assign(params, json);
    }
  } else if (contentType.includes("multipart/form-data")) {
    const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
    if (boundary !== undefined)
      Object.assign(params, Object.fromEntries(parseMultipart(body, boundary)));
  } else {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  }
  return params;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
