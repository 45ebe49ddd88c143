import type { ForumTopic, Message, Update, UserFromGetMe } from "grammy/types";
import type { BotInit } from "./bots.js";
import type { ApiCall, CallFilter } from "./call-log.js";
import type { FakeUser } from "./client/fake-user.js";
import { dialogFor, sentRecords, visibleText, type SentFilter } from "./client/queries.js";
import {
  createGroup,
  createUser,
  setMember,
  type Account,
  type GroupHandle,
  type GroupInit,
} from "./client/setup.js";
import { createTopicAs, deleteTopicAs, setTopicClosed } from "./client/topic-admin.js";
import { waitFor, type Probe } from "./client/wait-for.js";
import { createEnv, type FakeTelegramOptions } from "./create-env.js";
import { Dispatcher } from "./dispatcher.js";
import { deliverUpdate, type FakeEnv, type WebhookDelivery } from "./env.js";
import type { FaultInjector } from "./faults.js";
import type { RateLimitSettings } from "./rate-limits.js";
import { startHttpServer, type HttpHandle } from "./server.js";
import type { CallbackAnswer } from "./state/callbacks.js";
import type { AdminRights, MemberStatus, TopicRecord } from "./state/chats.js";
import type { FileRecord } from "./state/files.js";
import type { UserInit } from "./state/users.js";
import type { ChatActionRecord, ReactionRecord } from "./state/world.js";
import type { UpdateBody } from "./update-queue.js";
import { WebhookSender } from "./webhook-sender.js";

export type { FakeTelegramOptions } from "./create-env.js";

/**
 * A fake Telegram Bot API for end-to-end tests, served over HTTP on 127.0.0.1. Point
 * grammY (`client: { apiRoot }`) or Telegraf (`telegram: { apiRoot }`) at `apiRoot`, play
 * the people with `createUser`, and assert on what the bots did.
 */
export class FakeTelegram {
  /** Test-controlled failures: failNext, failRandomly, clear, and the `injected` record. */
  readonly faults: FaultInjector;

  private constructor(
    private readonly env: FakeEnv,
    private readonly http: HttpHandle,
    private readonly webhooks: WebhookSender,
    private readonly shutdown: AbortController,
  ) {
    this.faults = env.faults;
  }

  /** Starts the server; see FakeTelegramOptions. */
  static async start(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const shutdown = new AbortController();
    const env = createEnv(options, shutdown.signal);
    const dispatcher = new Dispatcher(env);
    const webhooks = new WebhookSender(env, (bot, payload) =>
      dispatcher.runWebhookReply(bot, payload),
    );
    env.startWebhook = (bot) => webhooks.start(bot);
    const http = await startHttpServer(env, dispatcher, options.port);
    return new FakeTelegram(env, http, webhooks, shutdown);
  }

  /** Base URL for the clients, e.g. "http://127.0.0.1:34567" (no trailing slash). */
  get apiRoot(): string {
    return this.http.apiRoot;
  }

  /** Ends pending long polls and webhook loops, then closes the server and its sockets. */
  async close(): Promise<void> {
    this.shutdown.abort();
    await this.webhooks.drain();
    await this.http.close();
  }

  // ----- accounts and chats -----

  /** Adds a bot account (token, id, username); returns its getMe user. */
  addBot(init: BotInit): UserFromGetMe {
    return this.env.bots.add(init).user;
  }

  /** The getMe user of a bot (registering a well-formed token on first use). */
  botUser(token: string): UserFromGetMe {
    return this.env.bots.get(token).user;
  }

  /** Creates a person (parent or agent) with a private chat; returns the actor to play them. */
  createUser(init: UserInit = {}): FakeUser {
    return createUser(this.env, init);
  }

  /** Creates a supergroup (forum with isForum) or basic group with members and bots. */
  createGroup(init: GroupInit = {}): GroupHandle {
    return createGroup(this.env, init);
  }

  /** Sets an account's membership status in a group (bots by token). */
  setMember(
    chatId: number,
    account: Account,
    status: MemberStatus,
    rights?: Partial<AdminRights>,
  ): void {
    setMember(this.env, chatId, account, status, rights);
  }

  // ----- forum topics (as done by a person in the Telegram app) -----

  /** Creates a topic as a person would (the group's bots get forum_topic_created). */
  createTopic(chatId: number, name: string, by?: Account): ForumTopic {
    return createTopicAs(this.env, chatId, name, by);
  }

  /** Closes a topic under the bots' feet: sends into it answer 400 TOPIC_CLOSED. */
  closeTopic(chatId: number, threadId: number, by?: Account): void {
    setTopicClosed(this.env, { chatId, threadId, closed: true, by });
  }

  reopenTopic(chatId: number, threadId: number, by?: Account): void {
    setTopicClosed(this.env, { chatId, threadId, closed: false, by });
  }

  /** Deletes a topic and its messages: sends into it answer 400 "message thread not found". */
  deleteTopic(chatId: number, threadId: number): void {
    deleteTopicAs(this.env, chatId, threadId);
  }

  /** A topic's current state (name, closed, deleted), or undefined. */
  topic(chatId: number, threadId: number): Readonly<TopicRecord> | undefined {
    return this.env.world.chats.group(chatId).topics.get(threadId);
  }

  // ----- updates -----

  /** Queues any raw update for a bot (for update types the helpers don't cover). */
  injectUpdate(token: string, body: UpdateBody): Update | undefined {
    return deliverUpdate(this.env.bots.get(token), body);
  }

  /** Puts an update (even one the bot already confirmed) back into its queue. */
  redeliver(token: string, updateId: number): Update {
    return this.env.bots.get(token).queue.requeue(updateId);
  }

  /** Every update ever queued for a bot, and how many are still unconfirmed. */
  updates(token: string): Update[] {
    return this.env.bots.get(token).queue.all();
  }

  pendingUpdateCount(token: string): number {
    return this.env.bots.get(token).queue.size;
  }

  /** Webhook POSTs made so far (status or connection error), optionally for one bot. */
  webhookDeliveries(token?: string): WebhookDelivery[] {
    return this.env.webhookDeliveries.filter((d) => token === undefined || d.token === token);
  }

  // ----- what the bots did -----

  /** API calls in arrival order; a string selects one method. */
  calls(filter: CallFilter | string = {}): ApiCall[] {
    return this.env.log.list(typeof filter === "string" ? { method: filter } : filter);
  }

  /**
   * Calls `listener` synchronously with every API call once it is answered (the same
   * entry `calls()` returns; `at + durationMs` is when the answer left). Returns the
   * unsubscribe function. A listener that throws breaks the fake: keep it small.
   */
  onCall(listener: (call: ApiCall) => void): () => void {
    return this.env.log.onAdd(listener);
  }

  /** Messages bots sent (sendMessage, media, copies, forwards), as returned at the time. */
  sentMessages(filter: SentFilter = {}): Message[] {
    return sentRecords(this.env, filter).map((r) => r.message);
  }

  /** The text (or caption) of each message bots sent, in order. */
  sentTexts(filter: SentFilter = {}): string[] {
    return this.sentMessages(filter).flatMap((m) => visibleText(m) ?? []);
  }

  /** A message as it is now (after edits), or undefined once deleted. Private chats: pass the bot token when several bots talk to the person. */
  message(chatId: number, messageId: number, token?: string): Message | undefined {
    return dialogFor(this.env, chatId, token).get(messageId);
  }

  /** The current history of a chat (optionally one topic), oldest first. */
  history(chatId: number, options: { token?: string; threadId?: number } = {}): Message[] {
    const messages = dialogFor(this.env, chatId, options.token).list();
    return options.threadId === undefined
      ? messages
      : messages.filter((m) => m.message_thread_id === options.threadId);
  }

  /** How a bot answered a callback query (undefined while unanswered). */
  callbackAnswer(queryId: string): CallbackAnswer | undefined {
    return this.env.world.callbacks.get(queryId)?.answer;
  }

  /** Reactions bots set (setMessageReaction) and chat actions they sent (sendChatAction). */
  reactions(chatId?: number): ReactionRecord[] {
    return this.env.world.reactions.filter((r) => chatId === undefined || r.chatId === chatId);
  }

  chatActions(chatId?: number): ChatActionRecord[] {
    return this.env.world.chatActions.filter((r) => chatId === undefined || r.chatId === chatId);
  }

  /** A stored file (uploads included) by file_id. */
  file(fileId: string): Readonly<FileRecord> | undefined {
    return this.env.world.files.get(fileId);
  }

  /** Polls until `probe` returns a value; rejects after `timeoutMs` (default 3000). */
  waitFor<T>(probe: Probe<T>, timeoutMs?: number, description?: string): Promise<T> {
    return waitFor(probe, timeoutMs, description);
  }

  /** Waits until bots sent at least `count` (default 1) messages matching the filter. */
  waitForSent(
    filter: SentFilter & { count?: number } = {},
    timeoutMs?: number,
  ): Promise<Message[]> {
    const count = filter.count ?? 1;
    return waitFor(
      () => {
        const found = this.sentMessages(filter);
        return found.length >= count ? found : undefined;
      },
      timeoutMs,
      `${count} sent message(s) matching ${JSON.stringify(filter)}`,
    );
  }

  /** Waits for the first API call matching the filter (a string selects a method). */
  waitForCall(filter: CallFilter | string, timeoutMs?: number): Promise<ApiCall> {
    return waitFor(
      () => this.calls(filter)[0],
      timeoutMs,
      `a call matching ${JSON.stringify(filter)}`,
    );
  }

  // ----- flood limits and their statistics -----

  /** Turns flood limits on or off at runtime (null switches one off). */
  setRateLimits(settings: RateLimitSettings): void {
    this.env.limits.configure(settings);
  }

  /** Flood-limit statistics for assertions. */
  get stats() {
    const limits = this.env.limits;
    return {
      /** Sends refused with 429 by the enforced limits. */
      rateLimitViolations: limits.violations,
      /** The most messages delivered to a chat within any window of `windowMs` (one bot or all). */
      maxMessagesInWindow: (chatId: number, windowMs: number, token?: string) =>
        limits.maxInWindow(chatId, windowMs, token),
      /** Delivery times (ms) of messages to a chat. */
      sendTimes: (chatId: number, token?: string) => limits.sendTimes(chatId, token),
    };
  }
}

/** Starts a fake Telegram Bot API on 127.0.0.1. Close it in afterAll. */
export function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  return FakeTelegram.start(options);
}
