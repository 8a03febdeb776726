/** A file sent in a multipart/form-data body. */
export interface UploadedFile {
  readonly kind: "upload";
  readonly filename: string;
  readonly mimeType: string;
  readonly data: Buffer;
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && "kind" in value && value.kind === "upload";
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/**
 * Parses a multipart/form-data body into its fields.
 *
 * Hand-written because grammY writes headers without the space after the
 * colon and leaves filenames unquoted, which undici's `formData()` rejects.
 */
export function parseMultipart(body: Buffer, boundary: string): Map<string, string | UploadedFile> {
  const fields = new Map<string, string | UploadedFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // A part is "\r\n<headers>\r\n\r\n<content>\r\n" between two delimiters.
    const part = body.subarray(partStart + CRLF.length, next - CRLF.length);
    const headerEnd = part.indexOf(HEADER_END);
    if (headerEnd !== -1) {
      const headers = parseHeaders(part.subarray(0, headerEnd).toString("utf8"));
      const content = part.subarray(headerEnd + HEADER_END.length);
      const disposition = headers.get("content-disposition") ?? "";
      const name = dispositionParam(disposition, "name");
      const filename = dispositionParam(disposition, "filename");
      if (name !== undefined) {
        fields.set(
          name,
          filename === undefined
            ? content.toString("utf8")
            : {
                kind: "upload",
                filename,
                mimeType: headers.get("content-type") ?? "application/octet-stream",
                data: Buffer.from(content),
              },
        );
      }
    }
    start = next;
  }
  return fields;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function dispositionParam(disposition: string, param: string): string | undefined {
  for (const piece of disposition.split(";")) {
    const eq = piece.indexOf("=");
    if (eq === -1 || piece.slice(0, eq).trim().toLowerCase() !== param) continue;
    const value = piece.slice(eq + 1).trim();
    return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  }
  return undefined;
}
