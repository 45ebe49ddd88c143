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
 * Telegram's send limits for every Bot API call that names a chat (`chat_id`): at most
 * `perSecond` calls start in each second of this process (a reservoir refilled every
 * second, so no sliding second holds more than twice as many), and calls to one chat run
 * one after another, their starts spaced by the chat's interval. The outbox already
 * paces each chat (see chat-pacer.ts), so the per-chat wait is only felt by a row that
 * takes several calls (a long text in parts, an album after a text).
 *
 * What grammY's transformer-throttler did, without its per-chat Bottleneck instances,
 * event emitters and timers, which cost more CPU than the rest of a send.
 */
export function sendLimiter(limits: SendLimits, now: () => number = Date.now): Transformer {
  const reservoir = createReservoir(limits.perSecond, 1000, now);
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
      await reservoir.take();
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
 * `size` starts per `intervalMs`, refilled at fixed steps from creation; callers beyond
 * it wait in order for the next refill. One timer at most, however many wait.
 */
export function createReservoir(size: number, intervalMs: number, now: () => number) {
  let left = size;
  let refillAt = now() + intervalMs;
  const waiting: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  const refill = () => {
    const t = now();
    if (t < refillAt) return;
    left = size;
    refillAt += Math.floor((t - refillAt) / intervalMs + 1) * intervalMs;
  };
  const serve = () => {
    timer = undefined;
    refill();
    while (left > 0 && waiting.length > 0) {
      left -= 1;
      waiting.shift()?.();
    }
    if (waiting.length > 0) timer = setTimeout(serve, Math.max(1, refillAt - now()));
  };
  return {
    take(): Promise<void> | void {
      refill();
      if (waiting.length === 0 && left > 0) {
        left -= 1;
        return;
      }
      const turn = new Promise<void>((resolve) => waiting.push(resolve));
      timer ??= setTimeout(serve, Math.max(1, refillAt - now()));
      return turn;
    },
  };
}
