import type { Api } from "grammy";
import type { FileFetcher } from "../../core/outbound/index.js";
import { downloadBotFile } from "../bot-api/index.js";

/** Downloads files parents sent to this bot, for the staff relay bot to upload again. */
export function telegramFileFetcher(api: Api, apiRoot: string, token: string): FileFetcher {
  return async (attachment) => {
    const file = await api.getFile(attachment.fileId);
    return downloadBotFile(
      apiRoot,
      token,
      file,
      attachment.fileName ?? `${attachment.kind}-${attachment.fileUniqueId ?? "file"}`,
      attachment.mimeType,
    );
  };
}
