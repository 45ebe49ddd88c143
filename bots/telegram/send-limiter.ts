import type { Transformer } from "grammy";

export interface SendLimits {
  /** Calls to chats started per second by this process (TELEGRAM_SENDS_PER_SECOND). */
  perSecond: number;
  /** Least time between the starts of two calls to one private chat (Telegram: ~1 s). */
  chatIntervalMs: number;
  /** The same for a group (Telegram: 20 messages a minute). */
  groupIntervalMs: number;
}

export const telegramSendLimits: SendLimits = {
  perSecond: 30,
  chatIntervalMs: 1000,
  groupIntervalMs: 3000,
};

/**
 * Telegram's send limits for every Bot API call that names a chat (`chat_id`): about
 * `perSecond` calls start in any second of this process (see createTokenBucket), and calls to one chat run
 * one after another, their starts spaced by the chat's interval. The outbox already
 * paces each chat (see chat-pacer.ts), so the per-chat wait is only felt by a row that
 * takes several calls (a long text in parts, an album after a text).
 *
 * What grammY's transformer-throttler did, without its per-chat Bottleneck instances,
 * event emitters and timers, which cost more CPU than the rest of a send.
 */
export function sendLimiter(limits: SendLimits, now: () => number = Date.now): Transformer {
  const bucket = createTokenBucket(limits.perSecond, now);
  const chats = new Map<string, ChatState>();
  return (prev, method, payload, signal) => {
    if (!payload || !("chat_id" in payload)) return prev(method, payload, signal);
    const chatId = String(payload.chat_id);
    const interval = Number(chatId) < 0 ? limits.groupIntervalMs : limits.chatIntervalMs;
    let chat = chats.get(chatId);
    if (!chat) {
      if (chats.size >= 10_000) forgetIdle(chats, now() - limits.groupIntervalMs);
      chat = { tail: undefined, lastStart: Number.NEGATIVE_INFINITY };
      chats.set(chatId, chat);
    }
    const state = chat;
    const start = async () => {
      const wait = state.lastStart + interval - now();
      if (wait > 0) await delay(wait);
      await bucket.take();
      state.lastStart = now();
      return prev(method, payload, signal);
    };
    const run = state.tail ? state.tail.then(start) : start();
    const tail = run.then(settled, settled);
    state.tail = tail;
    void tail.then(() => {
      if (state.tail === tail) state.tail = undefined;
    });
    return run;
  };
}

interface ChatState {
  /** Settles when the chat's last call so far has; undefined when none is running. */
  tail: Promise<void> | undefined;
  lastStart: number;
}

const settled = () => undefined;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function forgetIdle(chats: Map<string, ChatState>, before: number): void {
  for (const [chatId, chat] of chats)
    if (!chat.tail && chat.lastStart < before) chats.delete(chatId);
}

/**
 * A token bucket: `perSecond` starts a second, evenly, with bursts of a tenth of a second's
 * worth at most, so no sliding second holds more than about `perSecond` (a reservoir
 * refilled each second lets two refills' worth through in one sliding second, and any
 * bunching on the way shows up at Telegram as more). Callers beyond it wait in order;
 * one timer at most, however many wait.
 */
export function createTokenBucket(perSecond: number, now: () => number) {
  const capacity = Math.max(1, Math.ceil(perSecond / 10));
  const perMs = perSecond / 1000;
  let tokens = capacity;
  let at = now();
  const waiting: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  const refill = () => {
    const t = now();
    tokens = Math.min(capacity, tokens + (t - at) * perMs);
    at = t;
  };
  const schedule = () => {
    timer = setTimeout(serve, Math.max(1, Math.ceil((1 - tokens) / perMs)));
  };
  const serve = () => {
    timer = undefined;
    refill();
    while (tokens >= 1 && waiting.length > 0) {
      tokens -= 1;
      waiting.shift()?.();
    }
    if (waiting.length > 0) schedule();
  };
  return {
    take(): Promise<void> | void {
      refill();
      if (waiting.length === 0 && tokens >= 1) {
        tokens -= 1;
        return;
      }
      const turn = new Promise<void>((resolve) => waiting.push(resolve));
      if (!timer) schedule();
      return turn;
    },
  };
}
