import type { Telegram } from "telegraf";
import type { FileFetcher } from "../../core/outbound/index.js";
import { botFileFetcher } from "../bot-api/index.js";

/**
 * Downloads files agents sent in the staff group (file ids of the relay bot), for the
 * parents' bots to upload again.
 */
export function relayFileFetcher(telegram: Telegram, apiRoot: string, token: string): FileFetcher {
  return botFileFetcher((fileId) => telegram.getFile(fileId), apiRoot, token);
}
