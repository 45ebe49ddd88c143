import type { FetchedFile } from "../../core/outbound/index.js";

/** The Bot API refuses downloads over 20 MB; checking first gives a clear reason. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/**
 * Downloads a file by its `file_path` from `<apiRoot>/file/bot<token>/<path>` (the same
 * layout for api.telegram.org, a local Bot API server and the test fake).
 */
export async function downloadBotFile(
  apiRoot: string,
  token: string,
  file: { file_path?: string; file_size?: number },
  fallbackName: string,
  mimeType?: string,
): Promise<FetchedFile> {
  if (!file.file_path) throw new Error("Telegram gave no file_path (the file may be over 20 MB)");
  if (file.file_size !== undefined && file.file_size > MAX_DOWNLOAD_BYTES)
    throw new Error("the file is over 20 MB");
  const response = await fetch(`${apiRoot}/file/bot${token}/${file.file_path}`);
  if (!response.ok) throw new Error(`file download answered ${response.status}`);
  const data = Buffer.from(await response.arrayBuffer());
  const fileName = file.file_path.split("/").pop() || fallbackName;
  return { data, fileName, mimeType };
}
