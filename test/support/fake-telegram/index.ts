/**
 * Fake Telegram Bot API for end-to-end tests: the real grammY and Telegraf talk to it over
 * HTTP on 127.0.0.1. Start with `startFakeTelegram()`, pass `apiRoot` to the framework, play
 * people with `createUser()`, assert with `sentMessages()`, `calls()` and `waitFor()`.
 */
export { startFakeTelegram, FakeTelegram, type FakeTelegramOptions } from "./fake-telegram.js";
export {
  FakeUser,
  type AlbumItem,
  type InjectedCallback,
  type MediaOptions,
} from "./client/fake-user.js";
export type { ChatTarget, Injected, MessageOptions } from "./client/injector.js";
export type { FileOptions } from "./client/incoming-media.js";
export type { Account, GroupHandle, GroupInit, MemberInit } from "./client/setup.js";
export type { SentFilter } from "./client/queries.js";
export { waitFor, type Probe } from "./client/wait-for.js";
export type { ApiCall, CallFilter } from "./call-log.js";
export type { BotInit } from "./bots.js";
export type { FaultSpec, InjectedFault } from "./faults.js";
export type { RateLimitSettings, RateLimitViolation, WindowLimit } from "./rate-limits.js";
export type { WebhookDelivery } from "./env.js";
export type { CallbackAnswer } from "./state/callbacks.js";
export type { AdminRights, MemberStatus } from "./state/chats.js";
export type { UserInit } from "./state/users.js";
