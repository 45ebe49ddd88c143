import type { FileFetcher } from "../../core/outbound/index.js";
import { downloadBotFile } from "./download-file.js";

/**
 * A file fetcher for one bot: `getFile` through the bot's framework (grammY or Telegraf),
 * then the download from the Bot API's file route with the same bot's token.
 */
export function botFileFetcher(
  getFile: (fileId: string) => Promise<{ file_path?: string; file_size?: number }>,
  apiRoot: string,
  token: string,
): FileFetcher {
  return async (attachment) => {
    const file = await getFile(attachment.fileId);
    const fallbackName =
      attachment.fileName ?? `${attachment.kind}-${attachment.fileUniqueId ?? "file"}`;
    return downloadBotFile(apiRoot, token, file, fallbackName, attachment.mimeType);
  };
}
