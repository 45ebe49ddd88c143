import type { IncomingMessage } from "node:http";
import { badRequest } from "./api-error.js";
import { boundaryOf, parseMultipart, type UploadedFile } from "./multipart.js";

/** The parameters of one Bot API call, whatever encoding the client chose. */
export interface CallInput {
  /** Values as sent: JSON values for JSON bodies, strings for urlencoded and multipart. */
  params: Record<string, unknown>;
  /** File parts of a multipart body, by part name (attach://name refers to them). */
  files: Map<string, UploadedFile>;
}

/** Upload ceiling: Telegram takes 50 MB for documents; a little more covers the envelope. */
const MAX_BODY_BYTES = 60 * 1024 * 1024;

/** Reads the whole request body, refusing bodies larger than the Bot API accepts. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Turns query string and body into call parameters. Like the real server, query string
 * parameters are accepted on any request and body fields win over them.
 */
export function parseCallInput(url: URL, contentType: string, body: Buffer): CallInput {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const files = new Map<string, UploadedFile>();
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (body.length === 0) return { params, files };
  if (type === "application/json") {
    Object.assign(params, parseJsonObject(body.toString("utf8")));
  } else if (type === "application/x-www-form-urlencoded") {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  } else if (type === "multipart/form-data") {
    const boundary = boundaryOf(contentType);
    if (!boundary) throw badRequest("can't parse multipart/form-data: boundary is missing");
    const parsed = parseMultipart(body, boundary);
    Object.assign(params, Object.fromEntries(parsed.fields));
    for (const [name, file] of parsed.files) files.set(name, file);
  }
  return { params, files };
}

function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest("can't parse JSON object");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest("can't parse JSON object");
  }
  return { ...value };
}
