export {
  classifyBotApiError,
  isThreadGone,
  isTopicClosed,
  type BotApiFailure,
} from "./classify-bot-api-error.js";
export { splitText, MAX_MESSAGE_LENGTH } from "./split-text.js";
export { inlineKeyboard, type InlineKeyboardMarkup } from "./inline-keyboard.js";
export { downloadBotFile, MAX_DOWNLOAD_BYTES } from "./download-file.js";
export { botApiAgent } from "./http-agent.js";
export { botApiFetch } from "./bot-api-fetch.js";
export { botFileFetcher } from "./file-fetcher.js";
export {
  telegramIncoming,
  telegramPollFetcher,
  telegramUpdateKey,
  type RawUpdate,
  type TelegramPollOptions,
} from "./telegram-poll-fetcher.js";
