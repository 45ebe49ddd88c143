import type { Telegram } from "telegraf";
import type { FileFetcher } from "../../core/outbound/index.js";
import { downloadBotFile } from "../bot-api/index.js";

/**
 * Downloads files agents sent in the staff group (file ids of the relay bot), for the
 * parents' bots to upload again.
 */
export function relayFileFetcher(telegram: Telegram, apiRoot: string, token: string): FileFetcher {
  return async (attachment) => {
    const file = await telegram.getFile(attachment.fileId);
    return downloadBotFile(
      apiRoot,
      token,
      file,
      attachment.fileName ?? `${attachment.kind}-${attachment.fileUniqueId ?? "file"}`,
      attachment.mimeType,
    );
  };
}
