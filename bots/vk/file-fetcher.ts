import type { FileFetcher } from "../../core/outbound/index.js";

/** The staff relay bot can upload up to 50 MB; bigger files are refused before downloading. */
export const MAX_VK_FILE_BYTES = 50 * 1024 * 1024;

const DOWNLOAD_TIMEOUT_MS = 60_000;

const defaultExtensions: Record<string, string> = { photo: "jpg", voice: "ogg", document: "bin" };

/**
 * Downloads a file a parent sent to the community, by the URL VK gave with the message,
 * so the staff relay bot can upload it to the ticket's topic.
 */
export function vkFileFetcher(maxBytes = MAX_VK_FILE_BYTES): FileFetcher {
  return async (attachment) => {
    if (!attachment.url) throw new Error(`VK attachment ${attachment.fileId} has no download URL`);
    if (attachment.fileSize !== undefined && attachment.fileSize > maxBytes)
      throw tooBig(attachment.fileId, maxBytes);
    const response = await fetch(attachment.url, {
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    });
    if (!response.ok)
      throw new Error(`VK file download answered ${response.status} for ${attachment.fileId}`);
    const announced = Number(response.headers.get("content-length") ?? 0);
    if (announced > maxBytes) throw tooBig(attachment.fileId, maxBytes);
    const data = Buffer.from(await response.arrayBuffer());
    if (data.length > maxBytes) throw tooBig(attachment.fileId, maxBytes);
    return {
      data,
      fileName: attachment.fileName ?? nameFromUrl(attachment.url) ?? fallbackName(attachment.kind),
      mimeType: attachment.mimeType ?? response.headers.get("content-type") ?? undefined,
    };
  };
}

/** "too big" is what the staff relay looks for to post a note instead of retrying. */
function tooBig(fileId: string, maxBytes: number): Error {
  return new Error(`VK attachment ${fileId} is too big (over ${maxBytes / (1024 * 1024)} MB)`);
}

function nameFromUrl(url: string): string | undefined {
  const last = new URL(url).pathname.split("/").pop();
  if (!last || !last.includes(".")) return undefined;
  return decodeURIComponent(last);
}

function fallbackName(kind: string): string {
  return `${kind}.${defaultExtensions[kind] ?? "bin"}`;
}
