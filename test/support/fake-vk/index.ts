/**
 * A fake VK API for end-to-end tests: the real vk-io talks to it over HTTP on
 * 127.0.0.1. Start with `startFakeVk()`, build `new VK({ ...fake.vkOptions() })`, play
 * users with `fake.addUser(...)`, assert on `fake.sentMessages(peerId)`, `close()` last.
 */
export { startFakeVk, createVkIoHttpAgent } from "./start-fake-vk.js";
export { callVkApi } from "./raw-api.js";
export type { FakeVk, FakeVkClientOptions } from "./fake-vk.js";
export type { FakeVkUser } from "./fake-vk-user.js";
export type { SendMessageOptions } from "./user-actions.js";
export type { FakeVkOptions } from "./options.js";
export type { CallbackServerConfig } from "./callback-sender.js";
export type { LongPollFailure } from "./faults.js";
export type { FakeVkFile } from "./inspection.js";
export { keyboardLabels, findButton } from "./sent-messages.js";
export { waitFor, type WaitForOptions } from "./wait-for.js";
export { TINY_PNG } from "./media-objects.js";
export { VK_ERROR_MESSAGES } from "./api-error.js";
export type {
  ApiCallRecord,
  CallbackAttempt,
  DeliveredEvent,
  MessageEventAnswer,
  MessagesDenial,
  SentMessage,
  UserAttachmentInput,
  VkErrorBody,
  VkEvent,
  VkKeyboard,
  VkKeyboardButton,
} from "./types.js";
