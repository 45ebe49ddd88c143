import type { IncomingMessage } from "node:http";

/** Reads the whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/**
 * API parameters from the query string and a form-encoded body, as VK merges them
 * (body wins). vk-io posts application/x-www-form-urlencoded.
 */
export function readParams(url: URL, body: Buffer): Record<string, string> {
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  for (const [key, value] of new URLSearchParams(body.toString("utf8"))) params[key] = value;
  return params;
}

/** One file from a multipart upload. */
export interface UploadedPart {
  bytes: Buffer;
  filename: string;
  contentType: string;
}

/**
 * The file in `field` of a multipart/form-data body, undefined when absent. Parsing
 * is left to the WHATWG Response in Node's runtime, so no dependency is needed.
 */
export async function readMultipartFile(
  body: Buffer,
  contentType: string,
  field: string,
): Promise<UploadedPart | undefined> {
  const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  const value = form.get(field);
  if (value === null || typeof value === "string") return undefined;
  return {
    bytes: Buffer.from(await value.arrayBuffer()),
    filename: value.name,
    contentType: value.type || "application/octet-stream",
  };
}
