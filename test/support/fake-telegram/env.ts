import type { Message, Update } from "grammy/types";
import { wantsUpdate, type BotAccount, type BotRegistry } from "./bots.js";
import type { CallLog } from "./call-log.js";
import type { FaultInjector } from "./faults.js";
import type { UploadedFile } from "./multipart.js";
import type { RateLimiter } from "./rate-limits.js";
import type { SentRecord, World } from "./state/world.js";
import type { UpdateBody } from "./update-queue.js";

/** One webhook POST the fake made, for assertions. */
export interface WebhookDelivery {
  token: string;
  updateId: number;
  url: string;
  /** HTTP status of the bot's answer; undefined when the connection failed or timed out. */
  status?: number;
  error?: string;
  at: number;
  durationMs: number;
}

/** Timing knobs; defaults suit tests (short webhook timeouts and retry delays). */
export interface FakeSettings {
  /** How long a webhook POST may take before it counts as failed (real Telegram: unpublished). */
  webhookTimeoutMs: number;
  /** First delay before redelivering a failed webhook update; doubles up to 8x. */
  webhookRetryDelayMs: number;
}

/** Shared state every part of the fake works on. */
export interface FakeEnv {
  world: World;
  bots: BotRegistry;
  log: CallLog;
  faults: FaultInjector;
  limits: RateLimiter;
  sent: SentRecord[];
  webhookDeliveries: WebhookDelivery[];
  settings: FakeSettings;
  /** Milliseconds since the epoch; message dates and rate windows use it. */
  clock: () => number;
  /** Aborted when the fake closes: long polls answer at once, webhook loops stop. */
  closing: AbortSignal;
  /** Starts webhook delivery for a bot (set by the server once it runs). */
  startWebhook: (bot: BotAccount) => void;
}

/** Unix time in seconds, as message dates carry it. */
export function unixTime(env: FakeEnv): number {
  return Math.floor(env.clock() / 1000);
}

/** Queues an update for a bot unless its allowed_updates excludes that type. */
export function deliverUpdate(bot: BotAccount, body: UpdateBody): Update | undefined {
  const type = Object.keys(body)[0] ?? "";
  return wantsUpdate(bot, type) ? bot.queue.push(body) : undefined;
}

/** A `message` update body; the fake has no channels, so every message fits. */
export function messageUpdate(message: Message): UpdateBody {
  const { chat, from } = message;
  if (chat.type === "channel" || !from)
    throw new Error("fake-telegram: channel posts are not supported");
  return { message: { ...message, chat, from } };
}

/** An `edited_message` update body. */
export function editedMessageUpdate(message: Message): UpdateBody {
  const { chat, from, edit_date } = message;
  if (chat.type === "channel" || !from || edit_date === undefined)
    throw new Error("fake-telegram: not an edit");
  return { edited_message: { ...message, chat, from, edit_date } };
}

/** Everything a method handler gets for one call. */
export interface MethodContext {
  env: FakeEnv;
  bot: BotAccount;
  /** Canonical method name (as registered), e.g. "sendMessage". */
  method: string;
  params: Record<string, unknown>;
  files: Map<string, UploadedFile>;
  /** Aborted when the client goes away (long polls stop waiting). */
  signal: AbortSignal;
}

/** A Bot API method: returns the `result` or throws an ApiError. */
export type MethodHandler = (ctx: MethodContext) => unknown;
