import { tooManyRequests, type ApiError } from "./api-error.js";

/** At most `max` messages within any `windowMs` milliseconds. */
export interface WindowLimit {
  max: number;
  windowMs: number;
}

/** Flood limits to enforce, per bot and chat; both off unless a test turns them on. */
export interface RateLimitSettings {
  /** Telegram: about 1 message per second in one private chat. */
  privateChat?: WindowLimit | null;
  /** Telegram: about 20 messages per minute in one group. */
  group?: WindowLimit | null;
}

/** A send refused with 429 because it would have broken a limit. */
export interface RateLimitViolation {
  token: string;
  chatId: number;
  method: string;
  retryAfter: number;
  at: number;
}

/**
 * Counts the messages each bot sends to each chat, enforces the optional flood limits
 * (answering 429 with a truthful retry_after) and answers questions about the traffic.
 */
export class RateLimiter {
  private settings: RateLimitSettings = {};
  private readonly sends = new Map<string, number[]>();
  readonly violations: RateLimitViolation[] = [];

  configure(settings: RateLimitSettings): void {
    this.settings = { ...this.settings, ...settings };
  }

  /** The 429 to answer when `count` more messages would break the chat's limit. */
  check(call: {
    token: string;
    chatId: number;
    isGroup: boolean;
    method: string;
    count: number;
    now: number;
  }) {
    const limit = call.isGroup ? this.settings.group : this.settings.privateChat;
    if (!limit) return undefined;
    const times = this.times(call.token, call.chatId).filter((t) => t > call.now - limit.windowMs);
    if (times.length + call.count <= limit.max) return undefined;
    const oldestThatMustExpire = times[times.length + call.count - limit.max - 1] ?? call.now;
    const waitMs = oldestThatMustExpire + limit.windowMs - call.now;
    const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
    this.violations.push({
      token: call.token,
      chatId: call.chatId,
      method: call.method,
      retryAfter,
      at: call.now,
    });
    const error: ApiError = tooManyRequests(retryAfter);
    return error;
  }

  /** Records messages that were actually delivered. */
  record(token: string, chatId: number, at: number): void {
    const key = `${token}|${chatId}`;
    const list = this.sends.get(key) ?? [];
    list.push(at);
    this.sends.set(key, list);
  }

  /** Delivery times (clock ms) of messages sent to a chat, by one bot or all. */
  sendTimes(chatId: number, token?: string): number[] {
    if (token !== undefined) return [...this.times(token, chatId)];
    const all: number[] = [];
    for (const [key, list] of this.sends) if (key.endsWith(`|${chatId}`)) all.push(...list);
    return all.sort((a, b) => a - b);
  }

  /** The most messages delivered to a chat within any sliding window of `windowMs`. */
  maxInWindow(chatId: number, windowMs: number, token?: string): number {
    const times = this.sendTimes(chatId, token);
    let best = 0;
    let start = 0;
    for (let end = 0; end < times.length; end += 1) {
      while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start += 1;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  private times(token: string, chatId: number): number[] {
    return this.sends.get(`${token}|${chatId}`) ?? [];
  }
}
