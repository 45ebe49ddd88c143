export {
  createTelegramChannel,
  type TelegramChannelOptions,
  type WebhookRoute,
} from "./telegram-channel.js";
export { createParentBot } from "./parent-bot.js";
