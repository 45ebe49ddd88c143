export { createVkChannel, type VkChannelOptions, type WebhookRoute } from "./vk-channel.js";
export { VK_CALLBACK_PATH } from "./callback-endpoint.js";
export { createVkClient, type VkConfig, type VkClientOverrides } from "./vk-client.js";
export { createVkSender } from "./vk-sender.js";
export { vkFileFetcher } from "./file-fetcher.js";
export { randomIdFor } from "./random-id.js";
