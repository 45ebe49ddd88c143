import type { Api } from "grammy";
import type { FileFetcher } from "../../core/outbound/index.js";
import { botFileFetcher } from "../bot-api/index.js";

/** Downloads files parents sent to this bot, for the staff relay bot to upload again. */
export function telegramFileFetcher(api: Api, apiRoot: string, token: string): FileFetcher {
  return botFileFetcher((fileId) => api.getFile(fileId), apiRoot, token);
}
