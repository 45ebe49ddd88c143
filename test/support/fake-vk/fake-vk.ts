import type { Agent as HttpsAgent } from "node:https";
import type { CallbackServerConfig } from "./callback-sender.js";
import type { LongPollFailure } from "./faults.js";
import type { FakeVkUser } from "./fake-vk-user.js";
import type { FakeVkFile } from "./inspection.js";
import type {
  ApiCallRecord,
  CallbackAttempt,
  DeliveredEvent,
  MessageEventAnswer,
  SentMessage,
  VkEvent,
} from "./types.js";
import type { WaitForOptions } from "./wait-for.js";

/**
 * What `new VK(options)` needs to talk to the fake. `agent` is required because vk-io
 * defaults to https.globalAgent, which refuses http:// URLs; vk-io passes the same
 * agent to API calls, Bots Long Poll and uploads. It is a node:http Agent typed as
 * https.Agent, because vk-io's declarations accept only the latter.
 */
export interface FakeVkClientOptions {
  token: string;
  apiBaseUrl: string;
  agent: HttpsAgent;
  apiLimit: number;
  apiRetryLimit: number;
  pollingGroupId: number;
}

/** A running fake VK API. Create with startFakeVk(), end with close(). */
export interface FakeVk {
  /** "http://127.0.0.1:PORT/method", vk-io's `apiBaseUrl`. */
  readonly apiBaseUrl: string;
  /** "http://127.0.0.1:PORT". */
  readonly origin: string;
  readonly groupId: number;
  readonly token: string;
  readonly apiVersion: string;
  /** Options for `new VK({...fake.vkOptions(), ...yours})`; the agent dies with close(). */
  vkOptions(): FakeVkClientOptions;
  /** Answers held requests, closes the server and the vkOptions agent. */
  close(): Promise<void>;

  /** Adds a VK user who accepts community messages. */
  addUser(user: { id: number; firstName: string; lastName: string }): FakeVkUser;
  /** The handle of a user added before; throws for an unknown id. */
  user(id: number): FakeVkUser;

  /** From now on events are POSTed to this Callback API server instead of Long Poll. */
  useCallbackApi(config: CallbackServerConfig): void;
  /** Back to Bots Long Poll delivery (the default). */
  useLongPoll(): void;
  /** POSTs {"type":"confirmation","group_id"} to the callback server. */
  sendConfirmation(): Promise<CallbackAttempt>;
  /** Delivers an event again with the same event_id (X-Retry-Counter on Callback). */
  redeliver(eventId: string): Promise<DeliveredEvent>;
  /** Delivers any event type with this object (message_allow, group_join...). */
  emitEvent(type: string, object: Record<string, unknown>): Promise<DeliveredEvent>;
  /** Every event created, in order (redeliveries are not repeated here). */
  readonly events: readonly VkEvent[];
  /** Every Callback API POST with the answer's status and body. */
  readonly callbackAttempts: readonly CallbackAttempt[];

  /** Every API call, in order, with params, response or error. */
  readonly calls: readonly ApiCallRecord[];
  callsTo(method: string): ApiCallRecord[];
  /** Messages the community sent (to `peerId` only, when given), oldest first. */
  sentMessages(peerId?: number): SentMessage[];
  /** Answers to callback buttons (messages.sendMessageEventAnswer), in order. */
  messageEventAnswers(): MessageEventAnswer[];
  /** Files the fake hosts: community uploads and files users sent. */
  files(): FakeVkFile[];
  /** Polls `probe` until it returns a value other than undefined/null/false. */
  waitFor<T>(
    probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    options?: WaitForOptions | number,
  ): Promise<T>;
  /** Waits for a community message to `peerId` matching `predicate` (default: any). */
  waitForSentMessage(
    peerId: number,
    predicate?: (message: SentMessage) => boolean,
    timeoutMs?: number,
  ): Promise<SentMessage>;

  /** The next `count` (default 1) calls of `method` ("*" = any) fail with `code`, unexecuted. */
  failNext(method: string, code: number, count?: number): void;
  /** Each call of `methods` (default all) fails with probability `rate`, seeded. */
  failRandomly(options: { rate: number; seed: number; codes?: number[]; methods?: string[] }): void;
  /**
   * Holds the answer of the next `count` (default 1) calls of `method` for `ms`. With
   * `executeFirst` (default true) the method runs before the wait: a client timeout then
   * leaves a sent message behind, the ambiguous case.
   */
  delayNext(method: string, ms: number, options?: { count?: number; executeFirst?: boolean }): void;
  /** The next Bots Long Poll request answers {failed: 1|2|3}. */
  failNextPoll(failure: LongPollFailure): void;
  /** Removes every scheduled fault and the random failure rate. */
  clearFaults(): void;
}
