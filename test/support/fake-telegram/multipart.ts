/** One uploaded file part of a multipart/form-data request. */
export interface UploadedFile {
  fieldName: string;
  fileName: string;
  contentType: string;
  data: Buffer;
}

/** What a multipart/form-data body holds: plain fields and file parts, by part name. */
export interface MultipartBody {
  fields: Map<string, string>;
  files: Map<string, UploadedFile>;
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/**
 * Parses a multipart/form-data body. Written here rather than taken from a package because
 * both clients take liberties a strict parser rejects: grammY writes
 * `content-disposition:form-data;name="x";filename=photo.jpg` (no spaces, unquoted filename)
 * and Telegraf omits the closing CRLF after the last boundary.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
  const result: MultipartBody = { fields: new Map(), files: new Map() };
  const delimiter = Buffer.from(`--${boundary}`);
  let position = body.indexOf(delimiter);
  while (position >= 0) {
    const partStart = position + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) break;
    addPart(result, body.subarray(skipCrlf(body, partStart), trimTrailingCrlf(body, next)));
    position = next;
  }
  return result;
}

/** Reads `boundary=...` from a Content-Type header value. */
export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function skipCrlf(body: Buffer, at: number): number {
  return body.subarray(at, at + 2).equals(CRLF) ? at + 2 : at;
}

function trimTrailingCrlf(body: Buffer, end: number): number {
  return end >= 2 && body.subarray(end - 2, end).equals(CRLF) ? end - 2 : end;
}

function addPart(result: MultipartBody, part: Buffer): void {
  const headerEnd = part.indexOf(HEADER_END);
  if (headerEnd < 0) return;
  const headers = parseHeaders(part.subarray(0, headerEnd).toString("utf8"));
  const data = part.subarray(headerEnd + HEADER_END.length);
  const disposition = parseDisposition(headers.get("content-disposition") ?? "");
  const name = disposition.get("name");
  if (name === undefined) return;
  const fileName = disposition.get("filename");
  if (fileName === undefined) {
    result.fields.set(name, data.toString("utf8"));
    return;
  }
  result.files.set(name, {
    fieldName: name,
    fileName,
    contentType: headers.get("content-type") ?? "application/octet-stream",
    data: Buffer.from(data),
  });
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function parseDisposition(value: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const match of value.matchAll(/;\s*([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
    const key = match[1];
    if (key) params.set(key.toLowerCase(), match[2] ?? (match[3] ?? "").trim());
  }
  return params;
}
