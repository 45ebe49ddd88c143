import { BotError, GrammyError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import { isTransientFailure } from "../../core/shared/index.js";

export interface ConfirmedPollingOptions {
  /** Long-poll timeout in seconds while nothing is in flight. */
  timeoutSeconds: number;
  allowedUpdates: readonly string[];
  /** Updates handled at once (a chat's own updates still run one by one: sequentialize). */
  maxInFlight?: number;
  /** How long an update that failed for a transient reason is tried again. */
  retryForMs?: number;
  onUpdateFailed(update: Update, error: unknown, willRetry: boolean): void;
  /** `retryInMs` is undefined when polling gave up for good (the token was refused). */
  onPollFailed(error: unknown, retryInMs: number | undefined): void;
}

export interface PollingHandle {
  stop(): Promise<void>;
  isRunning(): boolean;
}

const BATCH = 100;

/**
 * Long polling with at-least-once handling. Telegram forgets an update once getUpdates is
 * called with a higher offset; grammY runner raises the offset right after fetching, so
 * updates in flight at a crash are lost. Here the offset never passes the oldest update
 * still being handled: after a crash (or while PostgreSQL restarts) Telegram hands the
 * unfinished updates out again, and the inbound dedupe in core makes the repeat harmless.
 */
export function startConfirmedPolling(bot: Bot, options: ConfirmedPollingOptions): PollingHandle {
  const maxInFlight = options.maxInFlight ?? 500;
  const retryForMs = options.retryForMs ?? 120_000;
  const stopping = new AbortController();
  const inFlight = new Map<number, Promise<void>>();
  // Updates cut short by stop(): never confirmed, so the next start gets them again.
  const abandoned = new Set<number>();
  let lastTaken = 0;
  let running = true;

  const handle = async (update: Update) => {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        await bot.handleUpdate(update);
        return;
      } catch (error) {
        const cause = error instanceof BotError ? error.error : error;
        const willRetry = running && isTransientFailure(cause) && Date.now() - started < retryForMs;
        options.onUpdateFailed(update, cause, willRetry);
        if (!willRetry) return;
        await pause(backoffMs(attempt), stopping.signal);
        if (!running) {
          abandoned.add(update.update_id);
          return;
        }
      }
    }
  };

  // A chat's updates wait for each other here too, so a retried update keeps its place.
  const chains = new Map<string, Promise<void>>();
  const take = (update: Update) => {
    lastTaken = update.update_id;
    const key = chatKeyOf(update);
    const work = (chains.get(key) ?? Promise.resolve())
      .then(() => handle(update))
      .finally(() => {
        inFlight.delete(update.update_id);
        if (chains.get(key) === work) chains.delete(key);
      });
    chains.set(key, work);
    inFlight.set(update.update_id, work);
  };

  const poll = async () => {
    let failures = 0;
    while (running) {
      if (inFlight.size >= maxInFlight) {
        await Promise.race(inFlight.values());
        continue;
      }
      let updates: Update[];
      try {
        updates = await bot.api.getUpdates(
          {
            offset: confirmedOffset(),
            limit: BATCH,
            timeout: inFlight.size > 0 ? 0 : options.timeoutSeconds,
            allowed_updates: options.allowedUpdates as never,
          },
          // grammY types its signal with the abort-controller shim; Node's is the same at run time.
          stopping.signal as Parameters<Bot["api"]["getUpdates"]>[1],
        );
        failures = 0;
      } catch (error) {
        if (!running) return;
        if (error instanceof GrammyError && error.error_code === 401) {
          options.onPollFailed(error, undefined);
          return;
        }
        const wait = backoffMs(++failures);
        options.onPollFailed(error, wait);
        await pause(wait, stopping.signal);
        continue;
      }
      // Unfinished updates come back with every poll; only newer ones are new work.
      const fresh = updates.filter((u) => u.update_id > lastTaken);
      for (const update of fresh) take(update);
      if (fresh.length === 0 && inFlight.size > 0) await Promise.race(inFlight.values());
    }
  };

  /** Everything below the oldest unfinished update is done and may be forgotten. */
  const confirmedOffset = () => {
    const unfinished = [...inFlight.keys(), ...abandoned];
    if (unfinished.length > 0) return Math.min(...unfinished);
    return lastTaken > 0 ? lastTaken + 1 : undefined;
  };

  const loop = poll()
    .catch((error: unknown) => options.onPollFailed(error, undefined))
    .finally(() => {
      running = false;
    });

  return {
    isRunning: () => running,
    async stop() {
      running = false;
      stopping.abort();
      await loop;
      await Promise.allSettled(inFlight.values());
      const offset = confirmedOffset();
      if (offset !== undefined)
        // Best effort: an unconfirmed finished update is only handed out again and deduped.
        await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }).catch(() => undefined);
    },
  };
}

/** The chat an update belongs to (its sender when there is no chat; a unique key otherwise). */
function chatKeyOf(update: Update): string {
  const body = Object.values(update).find((v) => typeof v === "object" && v !== null) as
    | { chat?: { id?: unknown }; from?: { id?: unknown }; message?: { chat?: { id?: unknown } } }
    | undefined;
  const id = body?.chat?.id ?? body?.message?.chat?.id ?? body?.from?.id;
  return typeof id === "number" || typeof id === "string"
    ? String(id)
    : `update:${update.update_id}`;
}

function backoffMs(attempt: number): number {
  return Math.min(30_000, 250 * 2 ** Math.min(attempt - 1, 7));
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
